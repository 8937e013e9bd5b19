import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** How to start the solver worker: a script file, or (from sources) eval'd bootstrap code. */
export interface WorkerLaunch {
  readonly script: string;
  readonly eval: boolean;
  /** For error messages: which variant was used. */
  readonly description: string;
}

const WORKER = 'solver-worker';

function resolveOptional(request: string): string | undefined {
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}

/**
 * Finds the worker script for the code that is running.
 *
 * 1. Compiled (dist, CommonJS): `solver-worker.js` sits next to this file — run it.
 * 2. Sources (ts-jest): only `solver-worker.ts` is here, and worker threads
 *    get no jest transform. If `../dist` was built after every source of this
 *    lib and of the domain lib it loads (tsbuildinfo newer than each .ts),
 *    the built worker is the same code: run it (starts in ~0.1 s; `npm test`
 *    builds first).
 * 3. Otherwise a tiny eval'd bootstrap registers ts-node (transpile-only, no
 *    tsconfig lookup) and maps the workspace aliases `@flexmeasures/<lib>` to
 *    `libs/<lib>/src/index.ts`, as jest's moduleNameMapper does — never a
 *    stale build, but ~3–4 s to start while TypeScript compiles cold.
 * 4. No ts-node: the build, even if older than the sources.
 */
export function solverWorkerLaunch(directory: string = __dirname): WorkerLaunch {
  const compiled = path.join(directory, `${WORKER}.js`);
  if (existsSync(compiled)) return { script: compiled, eval: false, description: compiled };
  const source = path.join(directory, `${WORKER}.ts`);
  if (!existsSync(source)) throw new Error(`No solver worker script in ${directory}.`);
  const lib = path.resolve(directory, '..');
  const libs = path.dirname(lib);
  const built = path.join(lib, 'dist', `${WORKER}.js`);
  if (existsSync(built) && [lib, path.join(libs, 'domain')].every(builtAfterSources)) {
    return { script: built, eval: false, description: `${built} (built after the sources)` };
  }
  const tsNode = resolveOptional('ts-node');
  if (tsNode !== undefined) return { script: tsNodeBootstrap(tsNode, source, libs), eval: true, description: `${source} via ts-node` };
  if (existsSync(built)) return { script: built, eval: false, description: `${built} (older than the sources)` };
  throw new Error(`No solver worker for ${source}: build the lib (npx tsc -b libs/solvers) or install ts-node.`);
}

/** Whether `lib/dist` was built after the last change to any non-test source in `lib/src`. */
function builtAfterSources(lib: string): boolean {
  const buildInfo = path.join(lib, 'dist', 'tsconfig.tsbuildinfo');
  return existsSync(buildInfo) && statSync(buildInfo).mtimeMs >= newestSource(path.join(lib, 'src'));
}

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test') newest = Math.max(newest, newestSource(file));
    } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) {
      newest = Math.max(newest, statSync(file).mtimeMs);
    }
  }
  return newest;
}

function tsNodeBootstrap(tsNode: string, source: string, libsDirectory: string): string {
  return `
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@flexmeasures\\/([\\w-]+)$/.exec(request);
  const mapped = alias && path.join(${JSON.stringify(libsDirectory)}, alias[1], 'src', 'index.ts');
  return resolveFilename.call(this, mapped && fs.existsSync(mapped) ? mapped : request, ...rest);
};
require(${JSON.stringify(tsNode)}).register({
  transpileOnly: true,
  skipProject: true,
  compilerOptions: { module: 'commonjs', target: 'es2022', esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true },
});
require(${JSON.stringify(source)});
`;
}
