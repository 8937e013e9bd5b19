// npm start            → the api (embedded default without DATABASE_URL / REDIS_URL)
// npm run worker       → a worker (needs REDIS_URL)
// npm run cli -- <...> → the flexmeasures command line
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildDashboard, buildServer, ensureDependencies, ROOT } from './setup.mjs';

const [target = 'api', ...args] = process.argv.slice(2);
const entry = { api: 'apps/api/dist/main.js', worker: 'apps/worker/dist/main.js', cli: 'apps/cli/dist/main.js' }[target];
if (!entry) {
  console.error(`Unknown target "${target}": use api, worker or cli.`);
  process.exit(2);
}

ensureDependencies();
buildServer();
if (target === 'api') buildDashboard();

const child = spawn(process.execPath, [path.join(ROOT, entry), ...args], { cwd: process.cwd(), stdio: 'inherit' });
// The app shuts down gracefully on these; pass them on and wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
