/**
 * The root .dockerignore: which repository paths stay out of the build
 * context (negated `!` patterns are not supported, and not used).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './repository';

function dockerignorePatterns(): RegExp[] {
  const file = path.join(ROOT, '.dockerignore');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
    .map((pattern) => {
      const p = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
      let re = '';
      for (let i = 0; i < p.length; i++) {
        const c = p[i];
        if (c === '*' && p[i + 1] === '*') {
          i++;
          if (p[i + 1] === '/') {
            i++;
            re += '(?:.*/)?';
          } else re += '.*';
        } else if (c === '*') re += '[^/]*';
        else if (c === '?') re += '[^/]';
        else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      // A pattern also excludes everything below a matching folder.
      return new RegExp(`^${re}(?:/.*)?$`);
    });
}

const IGNORED = dockerignorePatterns();

export const isDockerignored = (relPath: string): boolean =>
  IGNORED.some((re) => re.test(path.posix.normalize(relPath)));
