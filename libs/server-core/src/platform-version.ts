import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** The platform's version: the root package.json's, found by walking up from here. */
export function platformVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'flexmeasures-ts' && pkg.version) return (cached = pkg.version);
    }
    if (path.dirname(dir) === dir) return (cached = 'unknown');
  }
}
