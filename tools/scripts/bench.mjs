#!/usr/bin/env node
// npm run bench [-- FILTER]: builds the server apps, runs the benchmarks in
// tools/bench/benchmarks/*.bench.mjs (those whose name contains FILTER), prints
// a table and writes tmp/bench-report.json. BENCH_RUNS overrides every
// benchmark's run count. Exit 1 when a benchmark threw; never on a number.
// See tools/bench/README.md.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCHMARKS_DIR = path.join(ROOT, 'tools', 'bench', 'benchmarks');
const REPORT = path.join(ROOT, 'tmp', 'bench-report.json');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const USAGE = `usage: npm run bench [-- FILTER]

Runs tools/bench/benchmarks/*.bench.mjs whose name contains FILTER (case-insensitive),
prints a table and writes tmp/bench-report.json.
  BENCH_RUNS=N   measured runs per case for every benchmark (default: each benchmark's own)`;

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const unknown = argv.filter((arg) => arg.startsWith('-'));
  if (unknown.length > 0) fail(`unknown option ${unknown[0]}\n${USAGE}`);
  if (argv.length > 1) fail(`give at most one filter, got ${argv.length}: ${argv.join(' ')}\n${USAGE}`);
  return argv[0] ?? '';
}

function runsOverride() {
  const raw = process.env.BENCH_RUNS;
  if (raw === undefined || raw === '') return undefined;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) fail(`BENCH_RUNS must be a whole number >= 1, got ${JSON.stringify(raw)}`);
  return runs;
}

function describeError(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function gitInfo() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain').length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model?.trim() ?? null,
    cpuCount: cpus.length,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
}

async function loadBenchmarks(isBenchmark) {
  const files = fs.existsSync(BENCHMARKS_DIR)
    ? fs.readdirSync(BENCHMARKS_DIR).filter((file) => file.endsWith('.bench.mjs')).sort()
    : [];
  const loaded = [];
  const broken = [];
  for (const file of files) {
    const relative = path.relative(ROOT, path.join(BENCHMARKS_DIR, file));
    try {
      const module = await import(pathToFileURL(path.join(BENCHMARKS_DIR, file)).href);
      if (!isBenchmark(module.default)) throw new Error('its default export is not a benchmark; export default defineBenchmark({...})');
      loaded.push({ file: relative, benchmark: module.default });
    } catch (error) {
      broken.push({ file: relative, name: file.replace(/\.bench\.mjs$/, ''), error });
    }
  }
  return { files, loaded, broken };
}

async function main() {
  const filter = parseArgs(process.argv.slice(2));
  const runs = runsOverride();

  if (!fs.existsSync(path.join(ROOT, 'node_modules')) || !fs.existsSync(TSC)) {
    fail('node_modules is missing (or incomplete): run `npm ci` in the repository root first');
  }

  // Child processes and temp folders are cleaned up on Ctrl-C too.
  const { cleanUpNow } = await import('../bench/support.mjs');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal} received; stopping benchmark processes and removing their temp folders`);
      cleanUpNow();
      process.exit(130);
    });
  }
  const { formatTable, isBenchmark, runBenchmark } = await import('../bench/harness.mjs');

  const { files, loaded, broken } = await loadBenchmarks(isBenchmark);
  if (files.length === 0) fail(`no benchmarks in ${path.relative(ROOT, BENCHMARKS_DIR)} (files named *.bench.mjs)`);
  const matches = (name) => name.toLowerCase().includes(filter.toLowerCase());
  const selected = loaded.filter(({ benchmark }) => matches(benchmark.name));
  const brokenSelected = broken.filter(({ name }) => matches(name));
  if (selected.length === 0 && brokenSelected.length === 0) {
    fail(`no benchmark name contains ${JSON.stringify(filter)}; there are: ${loaded.map(({ benchmark }) => benchmark.name).join('; ')}`);
  }

  console.error('bench: building the server apps (tsc -b tsconfig.build.json)');
  const build = spawnSync(process.execPath, [TSC, '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) fail(`the build failed (${build.error?.message ?? `exit code ${build.status}, signal ${build.signal}`}); fix it, then run the benchmarks`);
  const { buildDashboard } = await import('./setup.mjs');
  buildDashboard(); // only when its sources changed since the last build

  const startedAt = new Date();
  const results = [];
  const failures = brokenSelected.map(({ file, name, error }) => ({ name, file, error: `cannot load ${file}: ${describeError(error)}` }));
  for (const { name, error } of failures) console.error(`bench: ✗ ${name}: ${error}`);

  for (const { file, benchmark } of selected) {
    const runCount = runs ?? benchmark.runs;
    console.error(`bench: ${benchmark.name} (${file}): ${benchmark.cases.length} cases × ${runCount} runs${benchmark.warmup ? ` after ${benchmark.warmup} warm-up runs` : ''}`);
    try {
      const result = await runBenchmark(benchmark, {
        runs,
        onRun: ({ case: caseName, run, runs: of, warmup, values }) => {
          const shown = Object.entries(values)
            .map(([metric, value]) => `${metric} ${value.toFixed(1)} ${benchmark.metrics[metric]}`.trimEnd())
            .join(', ');
          console.error(`  ${caseName}: ${warmup ? 'warm-up ' : ''}run ${run + 1}/${of}: ${shown}`);
        },
      });
      results.push({ file, ...result });
    } catch (error) {
      console.error(`bench: ✗ ${benchmark.name} failed: ${describeError(error)}`);
      failures.push({ name: benchmark.name, file, error: describeError(error) });
    }
  }

  if (results.length > 0) console.log(`\n${formatTable(results)}\n`);
  const git = gitInfo();
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    git,
    filter: filter || null,
    runsOverride: runs ?? null,
    ok: failures.length === 0,
    benchmarks: results,
    failures,
  };
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  fs.writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  const { machine } = report;
  console.log(
    `node ${machine.node} on ${machine.cpuModel ?? 'unknown cpu'} × ${machine.cpuCount}, ${machine.totalMemoryMb} MB; ` +
      `commit ${git.commit ? git.commit.slice(0, 12) + (git.dirty ? ' (with uncommitted changes)' : '') : 'unknown'}`,
  );
  console.log(`report: ${path.relative(process.cwd(), REPORT) || REPORT}`);
  if (failures.length > 0) {
    console.error(`bench: ${failures.length} benchmark(s) failed: ${failures.map(({ name }) => name).join(', ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`bench: ${describeError(error)}`);
  process.exit(1);
});
