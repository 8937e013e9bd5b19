// Helpers for benchmarks that start processes and use temporary folders.
// Everything started or created here is tracked, so a failing or interrupted
// benchmark leaves no processes and no folders behind (see cleanUpNow).

import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @type {Set<import('node:child_process').ChildProcess>} */
const liveChildren = new Set();
/** @type {Set<string>} */
const tempDirs = new Set();
/** @type {Set<() => void>} */
const cleanUps = new Set();

/** A fresh, empty folder under the system temp folder; removed by removeDir or at exit. */
export function makeTempDir(prefix = 'fm-bench-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.delete(dir);
}

/**
 * Registers a synchronous clean-up for what the trackers above cannot see (e.g. a
 * database made on a server): cleanUpNow runs it after killing the children.
 * Call the returned function once the benchmark has cleaned up by itself.
 * @param {() => void} cleanUp
 * @returns {() => void} unregisters it
 */
export function onCleanUp(cleanUp) {
  cleanUps.add(cleanUp);
  return () => cleanUps.delete(cleanUp);
}

/**
 * Kills every child still running (SIGKILL), runs the clean-ups registered with
 * onCleanUp and removes every temp folder. Synchronous, so it also works in an
 * 'exit' handler; bench.mjs calls it on SIGINT/SIGTERM.
 */
export function cleanUpNow() {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  liveChildren.clear();
  for (const cleanUp of [...cleanUps]) {
    cleanUps.delete(cleanUp);
    try {
      cleanUp();
    } catch {
      // best effort at exit
    }
  }
  for (const dir of [...tempDirs]) {
    try {
      removeDir(dir);
    } catch {
      // best effort at exit
    }
  }
}
process.on('exit', cleanUpNow);

const MAX_OUTPUT = 1024 * 1024;

/**
 * Starts `node <script> [...args]` (script relative to the repository root) with
 * exactly the given environment, collecting stdout and stderr. stdin is empty
 * (ignored), or options.input written to a pipe that is then closed.
 * @param {string} script
 * @param {Record<string, string>} env
 * @param {{ args?: string[], input?: string }} [options]
 */
export function startNodeProcess(script, env, options = {}) {
  const { args = [], input } = options;
  const child = spawn(process.execPath, [path.resolve(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  if (input !== undefined) {
    child.stdin.on('error', () => undefined); // EPIPE when the child exits without reading; its exit code tells
    child.stdin.end(input);
  }
  let output = '';
  /** @type {Set<() => void>} */
  const listeners = new Set();
  const append = (chunk) => {
    output += chunk.toString();
    if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT / 2);
    for (const notify of [...listeners]) notify();
  };
  // Keep reading for the whole life of the child: a full pipe would block it.
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      liveChildren.delete(child);
      reject(error);
    });
  });
  exited.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const tail = () => output.slice(-3000);

  return {
    child,
    pid: child.pid,
    exited,
    output: () => output,
    tail,
    /**
     * Resolves with the first match of pattern in the output; rejects when the
     * process exits first or after timeoutMs.
     * @param {RegExp} pattern
     * @param {number} timeoutMs
     * @returns {Promise<RegExpMatchArray>}
     */
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${script}: no ${pattern} in the output within ${timeoutMs} ms; output ends with:\n${tail()}`));
        }, timeoutMs);
        const onExit = (code, signal) => {
          check();
          cleanup();
          reject(new Error(`${script} exited (code ${code}, signal ${signal}) before printing ${pattern}; output ends with:\n${tail()}`));
        };
        const onError = (error) => {
          cleanup();
          reject(new Error(`${script}: cannot start: ${error.message}`, { cause: error }));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
          child.off('error', onError);
        };
        listeners.add(check);
        child.once('exit', onExit);
        child.once('error', onError);
        check();
        if (hasExited()) onExit(child.exitCode, child.signalCode);
      });
    },
    /**
     * SIGTERM, then waits for the exit (SIGKILL after timeoutMs).
     * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, killed: boolean }>}
     */
    async stop(timeoutMs = 30_000) {
      let killed = false;
      if (!hasExited()) child.kill('SIGTERM');
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      try {
        const { code, signal } = await exited;
        return { code, signal, killed };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * A TCP port that was free on host a moment ago: the OS picks it for a listener
 * that is closed again at once. For a process that cannot report the port it got
 * with PORT=0 (e.g. the api below LOGGING_LEVEL=info does not log its address).
 * Another process could take the port in between; the process then fails to start.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function findFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls url until it answers 200 or the deadline (a performance.now() value) passes.
 * @param {string} url
 * @param {number} deadline
 */
export async function waitForHttp200(url, deadline) {
  let last = 'no answer';
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? `${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}` : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`GET ${url} did not answer 200 in time: ${last}`);
}

/**
 * Resident set size of a running process, in MB (1 MB = 1024 * 1024 bytes):
 * VmRSS from /proc/<pid>/status on Linux, `ps -o rss=` elsewhere.
 * @param {number} pid
 * @returns {number}
 */
export function readRssMb(pid) {
  let kB;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
    if (!match) throw new Error(`no VmRSS line in /proc/${pid}/status`);
    kB = Number(match[1]);
  } catch (error) {
    if (error?.code !== 'ENOENT') throw error;
    kB = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    if (!Number.isFinite(kB) || kB <= 0) throw new Error(`cannot read the RSS of process ${pid}`);
  }
  return kB / 1024;
}
