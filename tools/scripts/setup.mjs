// Shared by npm start / npm test / npm run bench: make a fresh clone usable
// with nothing but Node and npm. Node built-ins only (runs before npm ci).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(label, command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n${label} failed (exit code ${status}).`);
    process.exit(status);
  }
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Node ${process.versions.node} is too old: FlexMeasures needs Node 20.19 or newer.`);
    process.exit(1);
  }
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  checkNode();
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  const stale = !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;
  if (!stale) return;
  console.log('Installing dependencies (npm ci)…');
  runOrExit('npm ci', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
}

const bin = (...parts) => path.join(ROOT, 'node_modules', ...parts);

/** tsc -b rebuilds only what changed. */
export function buildServer() {
  runOrExit('Build (tsc -b)', process.execPath, [bin('typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json']);
}

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/** The dashboard build, skipped when it is newer than its sources. */
export function buildDashboard({ force = false } = {}) {
  const dashboard = path.join(ROOT, 'apps', 'dashboard');
  const built = path.join(dashboard, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(dashboard, 'src')),
    newestMtime(path.join(dashboard, 'index.html')),
    newestMtime(path.join(dashboard, 'vite.config.mts')),
    newestMtime(path.join(dashboard, 'public')),
    newestMtime(path.join(ROOT, 'libs', 'contracts', 'src')),
  );
  if (!force && fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log('Building the dashboard (vite)…');
  runOrExit('Dashboard build (vite)', process.execPath, [bin('vite', 'bin', 'vite.js'), 'build', '--config', 'apps/dashboard/vite.config.mts', '--logLevel', 'warn']);
}
