// The package entry. n8n does not load this file: it reads the node and credential paths from the
// "n8n" section of package.json. It exists so that `require('n8n-nodes-dingtalk-calendar')` resolves.
module.exports = {};
