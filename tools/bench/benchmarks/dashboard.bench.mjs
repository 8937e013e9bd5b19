// The dashboard as a browser meets it: the JavaScript that index.html loads
// before anything else (gzip, as served), and the time from navigation to the
// dashboard page's map showing every asset of an admin with 1,000 assets, in
// headless Chromium (Debian's, via playwright-core) against the api serving
// the built dashboard in the embedded default. Targets: ≤ 250 KB gzip initial
// JavaScript (maps and charts loaded lazily), first render ≤ 1.5 s.
//
// npm run bench -- dashboard

import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { defineBenchmark } from '../harness.mjs';
import { BENCH_ADMIN } from '../api-with-user.mjs';
import { disposePlatform, preparePlatform, startPlatformApi } from '../beliefs-support.mjs';
import { REPO_ROOT } from '../support.mjs';

const require = createRequire(import.meta.url);
const DIST = path.join(REPO_ROOT, 'apps/dashboard/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ASSETS = 1000;
const TYPES = ['battery', 'solar', 'wind', 'building', 'charging_station'];
const TARGET_INITIAL_KB = 250;
const TARGET_RENDER_MS = 1500;

/** Every script and module preload index.html names: what a first visit must fetch before the app runs. */
function initialScripts() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set(sources)].map((src) => path.join(DIST, src.replace(/^\//, '')));
}

function gzipKb(file) {
  return gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;
}

function allScripts(dir = path.join(DIST, 'assets')) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
}

/** 1,000 assets spread over the Netherlands and Belgium, of five types, created through the API like any client would. */
async function createAssets(baseUrl, token, ownerId, marketId) {
  const queue = Array.from({ length: ASSETS }, (_, i) => i);
  const worker = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const body = {
        name: `bench-dashboard-${i}`,
        asset_type: TYPES[i % TYPES.length],
        unit: 'MW',
        owner: ownerId,
        market: marketId,
        event_resolution: 15,
        capacity_in_mw: 1 + (i % 7),
        latitude: 50.8 + ((i * 37) % 1000) / 400,
        longitude: 3.4 + ((i * 91) % 1000) / 270,
        ...(i % TYPES.length === 0 ? { min_soc_in_mwh: 0, max_soc_in_mwh: 4 } : {}),
      };
      const response = await fetch(`${baseUrl}/api/v2_0/assets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', Authorization: token },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`POST /api/v2_0/assets answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function firstRender(state) {
  const context = await state.browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const login = await context.request.post(`${state.baseUrl}/api/session`, { data: { email: BENCH_ADMIN.email, password: BENCH_ADMIN.password } });
    if (login.status() !== 200) throw new Error(`POST /api/session answered ${login.status()}: ${await login.text()}`);
    const page = await context.newPage();
    await page.goto(`${state.baseUrl}/`, { waitUntil: 'commit' });
    await page.waitForFunction((n) => document.querySelectorAll('.svg-map__marker').length >= n, ASSETS, { timeout: 30_000, polling: 'raf' });
    const renderMs = await page.evaluate(() => performance.now());
    return { renderMs };
  } finally {
    await context.close();
  }
}

export default defineBenchmark({
  name: 'dashboard (initial JS, first render with 1,000 assets)',
  description:
    'The built dashboard: gzip size of the JavaScript index.html loads up front (target ≤ 250 KB; maps and charts lazily), and the time from ' +
    'navigation to the dashboard page showing all 1,000 assets of an admin on its map, in headless Chromium (target ≤ 1.5 s). ' +
    'Embedded default (PGlite), the api serving the built dashboard, no Mapbox token (the built-in map).',
  metrics: { initialKb: 'KB', allJsKb: 'KB', renderMs: 'ms' },
  runs: 5,
  warmup: 1,
  async setup() {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('apps/dashboard/dist is missing; run npm run build');
    if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    const state = {};
    try {
      state.platform = await preparePlatform({ kind: 'embedded', prefix: 'fm-bench-dashboard', label: 'embedded (PGlite)' });
      await startPlatformApi(state.platform);
      state.baseUrl = state.platform.baseUrl;
      const started = performance.now();
      await createAssets(state.baseUrl, state.platform.token, state.platform.ownerId, state.platform.marketId);
      console.error(`  ${ASSETS} assets created through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const { chromium } = require('playwright-core');
      state.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      return state;
    } catch (error) {
      await teardown(state);
      throw error;
    }
  },
  teardown,
  cases: [
    {
      name: `initial JavaScript, gzip (target ≤ ${TARGET_INITIAL_KB} KB)`,
      measure() {
        const initial = initialScripts();
        const initialKb = initial.reduce((sum, file) => sum + gzipKb(file), 0);
        const allJsKb = allScripts().reduce((sum, file) => sum + gzipKb(file), 0);
        return { initialKb, allJsKb };
      },
    },
    {
      name: `first render of the dashboard page, ${ASSETS.toLocaleString('en')} assets (target ≤ ${TARGET_RENDER_MS} ms)`,
      measure: ({ state }) => firstRender(state),
    },
  ],
});

async function teardown(state) {
  if (!state) return;
  await state.browser?.close().catch(() => undefined);
  await disposePlatform(state.platform);
}
