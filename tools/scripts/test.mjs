// npm test: the whole suite — type checks, lint (module boundaries), and every
// jest project (unit, integration against PGlite / PostgreSQL / Redis, HTTP
// and process end-to-end). Extra arguments go to jest.
import fs from 'node:fs';
import path from 'node:path';
import { buildDashboard, buildServer, ensureDependencies, ROOT, run, runOrExit } from './setup.mjs';

const jestArgs = process.argv.slice(2);
const bin = (...parts) => path.join(ROOT, 'node_modules', ...parts);
const node = process.execPath;
const quick = jestArgs.length > 0; // a filtered run skips the whole-repo checks

ensureDependencies();
buildServer();
buildDashboard();
if (!quick) {
  console.log('Type-checking tests and dashboard…');
  runOrExit('Type check', node, [bin('typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  runOrExit('Type check (dashboard)', node, [bin('typescript', 'bin', 'tsc'), '-p', 'apps/dashboard/tsconfig.json']);
  console.log('Linting (module boundaries, promises, exhaustive switches)…');
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  runOrExit('Project graph', node, [bin('nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], { env, stdio: 'ignore' });
  runOrExit('Lint', node, [bin('eslint', 'bin', 'eslint.js'), '.'], { env });
}

const report = path.join(ROOT, 'tmp', 'jest-report.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const status = run(
  node,
  [bin('jest', 'bin', 'jest.js'), '--maxWorkers=2', '--json', `--outputFile=${report}`, ...(process.env.CI ? ['--ci'] : []), ...jestArgs],
  {
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--no-warnings=ExperimentalWarning'].filter(Boolean).join(' '),
      FM_TEST_SKIP_BUILD: '1',
    },
  },
);

if (!fs.existsSync(report)) process.exit(status || 1);
const result = JSON.parse(fs.readFileSync(report, 'utf8'));
const required = ['1', 'true', 'yes'].includes((process.env.FLEXMEASURES_TEST_REQUIRE_SERVICES ?? '').toLowerCase());
console.log(`\n${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests} skipped`);
if (required && result.numPendingTests > 0) {
  console.error(`FLEXMEASURES_TEST_REQUIRE_SERVICES is set, yet ${result.numPendingTests} test(s) were skipped.`);
  process.exit(1);
}
if (result.numTotalTests === 0 && !quick) {
  console.error('No test ran.');
  process.exit(1);
}
process.exit(status);
