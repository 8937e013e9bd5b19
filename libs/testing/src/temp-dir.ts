import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A new empty folder under the OS temp dir, e.g. for an embedded database. */
export function makeTempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fm-${label}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
