import { SETTINGS, settingsTable } from '@flexmeasures/config';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('documents every setting with its current default (run tools/scripts/settings-table.cjs after changing one)', () => {
    const table = /<!-- settings-table:start[^>]*-->\n([\s\S]*?)\n<!-- settings-table:end -->/.exec(readme)?.[1];
    expect(table).toBe(settingsTable());
    for (const setting of Object.values(SETTINGS)) expect(table).toContain('`' + setting.key + '`');
  });

  it('gives the two commands of a fresh clone', () => {
    expect(readme).toMatch(/```sh\nnpm start\n```/);
    expect(readme).toMatch(/```sh\nnpm test\n```/);
  });

  it('names the scripts it documents, and package.json has them', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const script of ['start', 'test', 'worker', 'cli', 'build', 'bench', 'lint']) {
      expect(pkg.scripts[script]).toBeDefined();
    }
  });

  it('runs exactly the README test command in CI', () => {
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
    expect(ci).toMatch(/FLEXMEASURES_TEST_REQUIRE_SERVICES=true/);
  });
});
