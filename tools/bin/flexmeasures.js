#!/usr/bin/env node
// The `flexmeasures` command once the package is installed (npm link / npm install -g).
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', '..', 'apps', 'cli', 'dist', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('flexmeasures: the CLI is not built yet; run `npm run build` in the FlexMeasures folder.\n');
  process.exit(1);
}
require(entry);
