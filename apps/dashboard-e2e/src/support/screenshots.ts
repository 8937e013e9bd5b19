import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '@flexmeasures/testing';

/** Where journeys keep their screenshots (CI keeps the folder as an artifact). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tmp', 'browser-artifacts');

/** Numbered full-page screenshots of one journey: tmp/browser-artifacts/<journey>/01-<step>.png. */
export function screenshotsOf(journey: string): (page: Page, step: string) => Promise<string> {
  const dir = path.join(ARTIFACTS_DIR, journey);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step) => {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}
