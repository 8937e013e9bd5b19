import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  /** stdout and stderr, interleaved as they arrived. */
  readonly output: string;
}

/** Runs the built CLI with stdin piped (not a terminal): writes `input`, then closes stdin. */
export function runCli(args: string[], dataDir: string, input = ''): Promise<CliRun> {
  const child = spawn(process.execPath, [path.join(ROOT, 'apps/cli/dist/main.js'), ...args], {
    cwd: ROOT,
    env: { DATA_DIR: dataDir, SECURITY_PASSWORD_HASH_COST: '4', LOGGING_LEVEL: 'warn', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.on('error', () => undefined); // the CLI may exit before reading stdin
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, output });
    }),
  );
}
