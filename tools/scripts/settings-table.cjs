// Rewrites the configuration table in README.md from the settings catalogue
// (run after a build: node tools/scripts/settings-table.cjs). A test keeps them in step.
const fs = require('node:fs');
const path = require('node:path');
const { settingsTable } = require('../../libs/config/dist');

const readme = path.join(__dirname, '..', '..', 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const updated = text.replace(
  /(<!-- settings-table:start[^>]*-->\n)[\s\S]*?(\n<!-- settings-table:end -->)/,
  (_, start, end) => `${start}${settingsTable()}${end}`,
);
fs.writeFileSync(readme, updated);
console.log(updated === text ? 'README.md is up to date.' : 'README.md updated.');
