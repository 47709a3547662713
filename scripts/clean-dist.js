// Removes dist/ before a build, so files of deleted sources never ship in the tarball.
const { rmSync } = require('node:fs');
const { join } = require('node:path');

rmSync(join(__dirname, '..', 'dist'), { recursive: true, force: true });
