import * as readline from 'node:readline';
import { Writable } from 'node:stream';

/** Whether a person can answer prompts (stdin is a terminal). */
export const stdinIsTerminal = (): boolean => process.stdin.isTTY === true;

/**
 * Asks a question on the terminal and reads the answer without echoing it
 * (for passwords). Prompts go to stderr so stdout stays for results.
 */
export function readHiddenLine(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  // The typed Enter (or Ctrl-C) was muted too: end the prompt's line either way.
  return ask(rl, question, () => (muted = true)).finally(() => process.stderr.write('\n'));
}

/** Asks a yes/no question on the terminal; only "y" or "yes" count as yes. */
export async function confirm(question: string): Promise<boolean> {
  const answer = await ask(readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true }), `${question} `);
  return /^y(es)?$/i.test(answer.trim());
}

/** The first line of (piped) stdin, without its line ending; rejects when stdin ends before a line. */
export function readFirstStdinLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: process.stdin, terminal: false });
    let settled = false;
    rl.once('line', (line) => {
      settled = true;
      rl.close();
      resolve(line.replace(/\r$/, ''));
    });
    rl.once('close', () => {
      if (!settled) reject(new Error('standard input ended before a line was read.'));
    });
  });
}

function ask(rl: readline.Interface, question: string, afterPrompt?: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => rl.close());
    rl.once('close', () => {
      if (!answered) reject(new Error('cancelled.'));
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    afterPrompt?.();
  });
}
