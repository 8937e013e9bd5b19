// `flexmeasures add beliefs` on a 1-million-row CSV file (and a 100k-row one
// to show that memory does not grow with the file): rows/s and the CLI
// process's peak RSS (VmHWM), on PostgreSQL. The file is generated once per
// size (15-minute meter readings with offsets) into the platform's temp dir.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { defineBenchmark } from '../harness.mjs';
import { createBatteryAssetWithLibrary, disposePlatform, preparePlatform, probePostgres } from '../beliefs-support.mjs';
import { startNodeProcess } from '../support.mjs';

const CLI = 'apps/cli/dist/main.js';
const SIZES = [100_000, 1_000_000];
const POSTGRES = await probePostgres();
const QUARTER_MS = 15 * 60_000;

/** A CSV of `rows` quarter-hours from 2020-01-01, one header line; streamed to disk. */
async function writeCsv(file, rows) {
  const out = fs.createWriteStream(file);
  out.write('datetime,value\n');
  const start = Date.parse('2020-01-01T00:00:00Z');
  for (let i = 0; i < rows; i += 1) {
    const line = `${new Date(start + i * QUARTER_MS).toISOString()},${(Math.sin(i / 48) * 2).toFixed(4)}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Peak RSS so far of a running process, in MB, from /proc (VmHWM). */
function peakRssMb(pid) {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+)\s+kB/m);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function importFile(state, rows) {
  const asset = await state.newAsset(`csv bench ${rows} ${state.counter++}`);
  const file = state.files.get(rows);
  const started = performance.now();
  const cli = startNodeProcess(CLI, state.platform.env(0), { args: ['add', 'beliefs', file, '--sensor', String(asset), '--horizon', 'PT0H'] });
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, peakRssMb(cli.child.pid))), 100);
  try {
    const { code } = await cli.exited;
    if (code !== 0) throw new Error(`add beliefs exited with ${code}:\n${cli.tail()}`);
  } finally {
    clearInterval(poll);
  }
  const seconds = (performance.now() - started) / 1000;
  return { rowsPerS: rows / seconds, peakRssMb: peak, seconds };
}

async function setup() {
  let platform;
  const ids = [];
  platform = await preparePlatform({
    kind: 'postgres',
    serverUrl: POSTGRES.url,
    prefix: 'fm_bench_csv_import',
    label: 'csv import',
    onDatabase: async (db, p) => {
      for (let i = 0; i < 16; i += 1) ids.push(await createBatteryAssetWithLibrary(db, p, `csv bench asset ${i}`));
    },
  });
  const files = new Map();
  for (const rows of SIZES) {
    const file = path.join(platform.dataDir, `meter-${rows}.csv`);
    await writeCsv(file, rows);
    files.set(rows, file);
  }
  return { platform, files, counter: 0, newAsset: async () => ids.shift() };
}

export default defineBenchmark({
  name: 'CSV import (add beliefs)',
  description:
    'flexmeasures add beliefs <file> --sensor <id> --horizon PT0H (the built CLI, a fresh process per run) into a 15-minute battery on PostgreSQL ' +
    `(BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, own scratch database), files of ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')} ` +
    'rows (ISO timestamps with Z, one header line). rowsPerS = rows / wall time of the process (start-up included); peakRssMb = the process\'s ' +
    'VmHWM: the same for both sizes means memory does not grow with the file.',
  metrics: { rowsPerS: 'rows/s', peakRssMb: 'MB', seconds: 's' },
  runs: 2,
  warmup: 0,
  setup: POSTGRES.skipped ? undefined : setup,
  teardown: POSTGRES.skipped ? undefined : (state) => disposePlatform(state?.platform),
  cases: POSTGRES.skipped
    ? [{ name: `skipped: ${POSTGRES.skipped}`, measure: async () => ({ rowsPerS: 0 }) }]
    : SIZES.map((rows, i) => ({
        name: `${rows.toLocaleString('en')} rows`,
        ...(i === 0 ? { baseline: true } : {}),
        measure: ({ state }) => importFile(state, rows),
      })),
});
