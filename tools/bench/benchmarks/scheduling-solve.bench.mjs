// Scheduling solve time: one battery (2 MW, 0–4 MWh, efficiencies 0.95, a SOC
// target) at 15-minute resolution over 1 day, 2 days, 1 week and 1 month,
// prices with a daily shape and noise, with glpk (the default) and highs. The
// path the scheduling job takes: scheduleStorage of the built libs/solvers
// (model, solve, re-solve with binaries if it charged and discharged at once,
// verification) with the solve in a warm SolverPool worker thread, under the
// configured time limit (default PT30S) and MIP gap. No database, no Redis.
//
// npm run bench -- scheduling   (every scheduling benchmark)
// npm run bench -- 'scheduling solve'

import { defineBenchmark } from '../harness.mjs';
import { median } from '../beliefs-support.mjs';
import { solversLibrary, storageProblem } from '../scheduling-support.mjs';

/** FLEXMEASURES_LP_SOLVER_TIME_LIMIT and FLEXMEASURES_LP_SOLVER_MIP_GAP defaults (libs/config/src/settings.ts). */
const TIME_LIMIT_S = 30;
const MIP_GAP = 0.0001;
const HORIZONS = [
  { label: '1 day', days: 1, key: '1d' },
  { label: '2 days', days: 2, key: '2d', targetMs: 100 },
  { label: '1 week', days: 7, key: '1w', targetMs: 1000 },
  { label: '1 month (30 days)', days: 30, key: '1m', targetMs: TIME_LIMIT_S * 1000, withinLimit: true },
];
const SOLVERS = ['glpk', 'highs'];

const CASES = SOLVERS.flatMap((solver) =>
  HORIZONS.map((h) => ({ ...h, solver, name: `${solver}, ${h.label} (${h.days * 96} slots)` })),
);

async function setup() {
  const { SolverPool } = solversLibrary();
  // One worker thread, warmed up with both solvers (the api and worker warm the configured one).
  const pool = new SolverPool({ size: 1, warmUp: SOLVERS });
  const started = performance.now();
  await pool.start();
  console.error(`  solver pool (1 worker thread, glpk and highs warmed up) ready in ${(performance.now() - started).toFixed(0)} ms; time limit ${TIME_LIMIT_S} s, MIP gap ${MIP_GAP}`);
  const problems = new Map(HORIZONS.map((h) => [h.key, storageProblem(h.days)]));
  return { pool, problems, samples: new Map(), statuses: new Map() };
}

async function measure(state, c, warmup) {
  const { scheduleStorage } = solversLibrary();
  const problem = state.problems.get(c.key);
  const started = performance.now();
  const result = await scheduleStorage(problem, (lp) => state.pool.solve(lp, { timeLimitSeconds: TIME_LIMIT_S, mipGap: MIP_GAP }, c.solver));
  const wallMs = performance.now() - started;
  const status = result.status + (result.resolvedWithBinaries ? ' (re-solved with binaries)' : '') + ('detail' in result ? `: ${result.detail}` : '');
  if (!warmup) {
    if (!state.samples.has(c.name)) state.samples.set(c.name, []);
    state.samples.get(c.name).push(wallMs);
    if (!state.statuses.has(c.name)) state.statuses.set(c.name, new Set());
    state.statuses.get(c.name).add(status);
  }
  // A month that runs into the limit is a result (reported), not a failure; anything shorter must be solved.
  if (!c.withinLimit && result.status !== 'optimal' && result.status !== 'feasible') throw new Error(`${c.name}: ${status}`);
  return { wallMs, solverMs: result.solution.solveMs, optimal: result.status === 'optimal' ? 1 : 0 };
}

async function teardown(state) {
  if (!state) return;
  try {
    if (state.samples.size > 0) {
      console.error(`  scheduling solve summary (median wall time of scheduleStorage; targets: 2 days ≤ 100 ms, 1 week ≤ 1 s, 1 month within the ${TIME_LIMIT_S} s limit):`);
      for (const c of CASES) {
        const runs = state.samples.get(c.name);
        if (!runs) continue;
        const m = median(runs);
        const statuses = [...(state.statuses.get(c.name) ?? [])].join(' / ');
        let verdict = '';
        if (c.targetMs !== undefined) verdict = m <= c.targetMs ? ` ✓ ≤ ${c.targetMs} ms` : ` ✗ above the ${c.targetMs} ms target`;
        if (c.withinLimit) verdict += statuses.includes('no-solution') ? ' (no schedule within the limit)' : '';
        console.error(`    ${c.name}: ${m.toFixed(1)} ms, ${statuses}${verdict}`);
      }
    }
  } finally {
    await state.pool.close();
  }
}

export default defineBenchmark({
  name: 'scheduling solve time',
  description:
    'scheduleStorage of the built libs/solvers (what the scheduling job runs) for one battery — 2 MW, SOC 0–4 MWh, start 1 MWh, target 3 MWh at ' +
    'the end of the first day, charging and discharging efficiency 0.95, prefer_charging_sooner on — at 15-minute resolution over 1 day, 2 days, ' +
    '1 week and 30 days, with deterministic prices (daily shape with two peaks plus ±10 EUR/MWh noise, a few below zero). The solve runs in a warm ' +
    `SolverPool (1 worker thread, glpk and highs warmed up) with the default time limit (${TIME_LIMIT_S} s) and MIP gap (${MIP_GAP}). ` +
    'wallMs = the whole call (model building, solve in the worker thread, a re-solve with binaries if needed, verification); solverMs = the ' +
    "solver's own time for the final solve; optimal = 1 when the solver proved optimality. Targets: 2 days ≤ 100 ms, 1 week ≤ 1 s, the month " +
    'returns within the time limit (its status is printed).',
  metrics: { wallMs: 'ms', solverMs: 'ms', optimal: '' },
  runs: 5,
  warmup: 1,
  setup,
  teardown,
  cases: CASES.map((c) => ({
    name: c.name,
    ...(c.solver === 'glpk' ? { baselineOf: [CASES.find((o) => o.solver === 'highs' && o.key === c.key).name] } : {}),
    measure: ({ state, warmup }) => measure(state, c, warmup),
  })),
});
