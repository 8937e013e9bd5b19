// The benchmark harness: defineBenchmark() describes a benchmark, runBenchmark()
// runs it and summarises every metric (median, min, max, run count, and the
// ratio to the benchmark's baseline case when it has one), formatTable() prints
// results. Benchmarks measure; they never pass or fail on a threshold.
// Plain Node ESM on purpose: no compile step, no dependencies.

import stats from './stats.cjs';

const { summarise, ratios } = stats;

const BENCHMARK = Symbol.for('flexmeasures.benchmark');

/**
 * @typedef {object} MeasureContext
 * @property {number} run 0-based index of the run (of the warm-up runs while warmup is true)
 * @property {boolean} warmup true for warm-up runs, whose values are thrown away
 * @property {unknown} state what setup() returned (undefined without setup)
 * @property {string} benchmark the benchmark's name
 * @property {string} case the case's name
 */

/**
 * @typedef {object} BenchmarkCase
 * @property {string} name
 * @property {boolean} [baseline] the other cases of the benchmark are compared with this one
 * @property {string[]} [baselineOf] the named cases (only) are compared with this one
 * @property {(ctx: MeasureContext) => Promise<Record<string, number>>} measure one run; returns metric values
 */

/**
 * @typedef {object} BenchmarkDefinition
 * @property {string} name
 * @property {string} [description]
 * @property {Record<string, string>} metrics metric name -> unit, e.g. { startMs: 'ms', rssMb: 'MB' }
 * @property {number} [runs] measured runs per case (default 5)
 * @property {number} [warmup] runs per case before measuring, thrown away (default 0)
 * @property {() => unknown | Promise<unknown>} [setup] runs once before all cases; its result is ctx.state
 * @property {(state: unknown) => unknown | Promise<unknown>} [teardown] runs once after all cases, also after a failure
 * @property {BenchmarkCase[]} cases
 */

const isCount = (value, min) => Number.isInteger(value) && value >= min;

/**
 * Checks a benchmark's definition and fills in defaults; throws on a mistake.
 * @param {BenchmarkDefinition} definition
 */
export function defineBenchmark(definition) {
  const fail = (message) => {
    throw new Error(`benchmark ${JSON.stringify(definition?.name ?? '?')}: ${message}`);
  };
  if (!definition || typeof definition !== 'object') throw new Error('defineBenchmark: expected an object');
  const { name, description = '', metrics, runs = 5, warmup = 0, setup, teardown, cases } = definition;
  if (typeof name !== 'string' || !name.trim()) fail('needs a name');
  if (!metrics || typeof metrics !== 'object' || Object.keys(metrics).length === 0) {
    fail("needs metrics with units, e.g. metrics: { startMs: 'ms' }");
  }
  for (const [metric, unit] of Object.entries(metrics)) {
    if (typeof unit !== 'string') fail(`metric ${metric}: the unit must be a string`);
  }
  if (!isCount(runs, 1)) fail(`runs must be a whole number >= 1, got ${runs}`);
  if (!isCount(warmup, 0)) fail(`warmup must be a whole number >= 0, got ${warmup}`);
  if (setup !== undefined && typeof setup !== 'function') fail('setup must be a function');
  if (teardown !== undefined && typeof teardown !== 'function') fail('teardown must be a function');
  if (!Array.isArray(cases) || cases.length === 0) fail('needs at least one case');

  const names = new Set();
  for (const c of cases) {
    if (!c || typeof c.name !== 'string' || !c.name.trim()) fail('every case needs a name');
    if (names.has(c.name)) fail(`two cases are named ${JSON.stringify(c.name)}`);
    names.add(c.name);
    if (typeof c.measure !== 'function') fail(`case ${JSON.stringify(c.name)} needs a measure function`);
    if (c.baselineOf !== undefined && !(Array.isArray(c.baselineOf) && c.baselineOf.every((n) => typeof n === 'string'))) {
      fail(`case ${JSON.stringify(c.name)}: baselineOf must be a list of case names`);
    }
  }

  // Which case is each case's baseline: one naming it in baselineOf, else the
  // one general baseline (baseline: true without baselineOf). Baselines have none.
  const general = cases.filter((c) => c.baseline === true && c.baselineOf === undefined);
  if (general.length > 1) fail(`only one case can be the baseline of all others; found ${general.map((c) => c.name).join(', ')}`);
  /** @type {Map<string, string>} */
  const baselineFor = new Map();
  for (const c of cases) {
    for (const target of c.baselineOf ?? []) {
      if (!names.has(target)) fail(`case ${JSON.stringify(c.name)} is the baselineOf an unknown case ${JSON.stringify(target)}`);
      if (target === c.name) fail(`case ${JSON.stringify(c.name)} cannot be its own baseline`);
      if (baselineFor.has(target)) fail(`case ${JSON.stringify(target)} has two baselines`);
      baselineFor.set(target, c.name);
    }
  }
  const isBaseline = (c) => c.baseline === true || c.baselineOf !== undefined;
  const normalisedCases = cases.map((c) => ({
    name: c.name,
    baseline: isBaseline(c),
    baselineCase: baselineFor.get(c.name) ?? (general[0] && !isBaseline(c) ? general[0].name : null),
    measure: c.measure,
  }));

  return Object.freeze({
    [BENCHMARK]: true,
    name,
    description,
    metrics: { ...metrics },
    runs,
    warmup,
    setup,
    teardown,
    cases: normalisedCases,
  });
}

export function isBenchmark(value) {
  return Boolean(value && value[BENCHMARK] === true);
}

/**
 * Runs a benchmark: setup, then warm-up rounds, then measured rounds, then teardown.
 * A round runs every case once; the order rotates from round to round, so a
 * case and its baseline are measured interleaved, under the same conditions.
 * @param {ReturnType<typeof defineBenchmark>} benchmark
 * @param {{ runs?: number, onRun?: (event: { benchmark: string, case: string, run: number, runs: number, warmup: boolean, values: Record<string, number> }) => void }} [options]
 */
export async function runBenchmark(benchmark, options = {}) {
  if (!isBenchmark(benchmark)) throw new Error('runBenchmark: not a benchmark; default-export defineBenchmark({...})');
  const runs = options.runs ?? benchmark.runs;
  if (!isCount(runs, 1)) throw new Error(`runs must be a whole number >= 1, got ${runs}`);
  const { warmup, cases, metrics } = benchmark;
  const startedAt = new Date();

  /** @type {Map<string, Map<string, number[]>>} case -> metric -> values */
  const collected = new Map(cases.map((c) => [c.name, new Map()]));
  let state;
  let failure;
  try {
    state = benchmark.setup ? await benchmark.setup() : undefined;
    for (let round = 0; round < warmup + runs; round++) {
      const isWarmup = round < warmup;
      const run = isWarmup ? round : round - warmup;
      for (let i = 0; i < cases.length; i++) {
        const c = cases[(round + i) % cases.length];
        const label = `case ${JSON.stringify(c.name)}, ${isWarmup ? 'warm-up ' : ''}run ${run + 1}`;
        let values;
        try {
          values = await c.measure({ run, warmup: isWarmup, state, benchmark: benchmark.name, case: c.name });
        } catch (error) {
          throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        checkValues(values, metrics, label);
        options.onRun?.({ benchmark: benchmark.name, case: c.name, run, runs: isWarmup ? warmup : runs, warmup: isWarmup, values });
        if (isWarmup) continue;
        const byMetric = collected.get(c.name);
        const reported = Object.keys(values).sort().join(',');
        if (run > 0 && reported !== [...byMetric.keys()].sort().join(',')) {
          throw new Error(`${label}: reported metrics ${reported}, but earlier runs reported ${[...byMetric.keys()].sort().join(',')}`);
        }
        for (const [metric, value] of Object.entries(values)) {
          if (!byMetric.has(metric)) byMetric.set(metric, []);
          byMetric.get(metric).push(value);
        }
      }
    }
  } catch (error) {
    failure = error;
  }
  try {
    if (benchmark.teardown) await benchmark.teardown(state);
  } catch (error) {
    if (!failure) failure = new Error(`teardown: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (failure) throw failure;

  /** @type {Map<string, Record<string, import('./stats.cjs').Summary>>} */
  const summaries = new Map();
  for (const c of cases) {
    summaries.set(c.name, Object.fromEntries([...collected.get(c.name)].map(([metric, values]) => [metric, summarise(values)])));
  }
  return {
    name: benchmark.name,
    description: benchmark.description,
    runs,
    warmup,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    cases: cases.map((c) => {
      const own = summaries.get(c.name);
      const baseline = c.baselineCase ? summaries.get(c.baselineCase) : null;
      const toBaseline = ratios(own, baseline);
      return {
        name: c.name,
        baseline: c.baseline,
        baselineCase: c.baselineCase,
        metrics: Object.fromEntries(
          Object.entries(own).map(([metric, summary]) => [metric, { unit: metrics[metric], ...summary, ratio: toBaseline[metric] }]),
        ),
      };
    }),
  };
}

function checkValues(values, metrics, label) {
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw new Error(`${label}: measure() must return an object of metric values, got ${JSON.stringify(values)}`);
  }
  if (Object.keys(values).length === 0) throw new Error(`${label}: measure() returned no metrics`);
  for (const [metric, value] of Object.entries(values)) {
    if (!Object.hasOwn(metrics, metric)) {
      throw new Error(`${label}: metric ${metric} is not declared in the benchmark's metrics (${Object.keys(metrics).join(', ')})`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${label}: metric ${metric} is not a finite number: ${value}`);
  }
}

/** A number for people: 3 significant-ish figures, no exponent. */
export function formatNumber(value) {
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/**
 * A plain-text table of results (from runBenchmark): one row per benchmark,
 * case and metric. The ratio column is the case's median over its baseline
 * case's median of the same metric ("baseline" marks the baseline itself).
 * @param {Awaited<ReturnType<typeof runBenchmark>>[]} results
 */
export function formatTable(results) {
  const header = ['benchmark', 'case', 'metric', 'median', 'min', 'max', 'runs', 'ratio'];
  const rows = [];
  for (const result of results) {
    let firstOfBenchmark = true;
    for (const c of result.cases) {
      let firstOfCase = true;
      for (const [metric, m] of Object.entries(c.metrics)) {
        const unit = m.unit ? ` ${m.unit}` : '';
        let ratioCell = '';
        if (c.baseline && !c.baselineCase) ratioCell = 'baseline';
        else if (m.ratio !== null) ratioCell = `${m.ratio.toFixed(2)}x`;
        rows.push([
          firstOfBenchmark ? result.name : '',
          firstOfCase ? c.name : '',
          metric,
          formatNumber(m.median) + unit,
          formatNumber(m.min) + unit,
          formatNumber(m.max) + unit,
          String(m.runs),
          ratioCell,
        ]);
        firstOfBenchmark = false;
        firstOfCase = false;
      }
    }
  }
  const numeric = new Set([3, 4, 5, 6, 7]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
