import * as fs from 'node:fs';
import { chromium, Browser } from 'playwright-core';

/** Debian's Chromium; tests never download a browser. CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const REQUIRE_SERVICES = ['1', 'true', 'yes'].includes((process.env.FLEXMEASURES_TEST_REQUIRE_SERVICES ?? '').toLowerCase());

/**
 * Browser journeys run when Chromium is installed (CI installs it); without
 * it they are skipped and say why — unless the run requires every service,
 * where a missing browser fails the suite.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  if (fs.existsSync(CHROMIUM_PATH)) {
    describe(name, fn);
    return;
  }
  if (REQUIRE_SERVICES) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`);
      });
    });
    return;
  }
  describe.skip(`${name} (skipped: no Chromium at ${CHROMIUM_PATH}; apt-get install chromium)`, fn);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
