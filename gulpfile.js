// Copies node and credential icons next to the compiled code, where n8n looks for them.
// gulp 5 reads files as UTF-8 text by default, which corrupts PNG icons: hence encoding: false.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
