// Forecasting fit time: for one sensor and horizon, what a forecasting job
// computes from a year of 15-minute history (35,040 values; hourly prices
// 8,760) and its weather beliefs: model selection by cross-validation, the
// fit, and the forecasts. Target: ≤ 1 s per sensor and horizon.
//
// npm run bench -- forecasting   (both forecasting benchmarks)
// npm run bench -- 'forecasting fit'

import { defineBenchmark } from '../harness.mjs';
import { median } from '../beliefs-support.mjs';
import { ASSETS, DAY_MS, domainLibrary, forecastRequest, generateData, HORIZONS_H } from '../forecasting-support.mjs';

const TARGET_MS = 1000;
const CASES = ASSETS.flatMap((asset) => HORIZONS_H.map((horizonH) => ({ asset, horizonH, name: `${asset.label}, ${horizonH} h ahead` })));

function timed(request) {
  const { makeForecasts } = domainLibrary();
  const started = performance.now();
  const result = makeForecasts(request);
  const ms = performance.now() - started;
  if (result.forecasts.length === 0) throw new Error('no forecast was made');
  return ms;
}

async function measure(state, c, warmup) {
  const t = state.historyEndMs;
  // The one event whose belief time is t (what a job triggered by new data at t makes).
  const eventMs = timed(forecastRequest(state, c.asset, c.horizonH, { forecastTimeMs: t }));
  // A day of events with the horizon, all made from what was known at their own belief times.
  const fromMs = t - c.horizonH * 3600_000 + (c.asset.key === 'prices' ? 3600_000 : 15 * 60_000);
  const dayMs = timed(forecastRequest(state, c.asset, c.horizonH, { fromMs, toMs: fromMs + DAY_MS, forecastTimeMs: fromMs + DAY_MS }));
  if (!warmup) (state.samples.get(c.name) ?? state.samples.set(c.name, []).get(c.name)).push(eventMs);
  return { fitPredictMs: eventMs, dayMs };
}

export default defineBenchmark({
  name: 'forecasting fit time (one sensor, one horizon, a year of history)',
  description:
    'makeForecasts of the built libs/domain with one year of synthetic 15-minute history (35,040 values; 8,760 hourly prices) and the weather ' +
    'forecast beliefs of that year: fitPredictMs = candidate specs cross-validated (2 folds of a week, rolling origin), the chosen model fitted on ' +
    'the last 6 weeks known at the belief time, and the forecast of the one event whose belief time is the end of the history; dayMs = the same ' +
    'for a day of events with that horizon (one fit, each event from what was known at its own belief time). Target: fitPredictMs ≤ 1 s.',
  metrics: { fitPredictMs: 'ms', dayMs: 'ms' },
  runs: 5,
  warmup: 1,
  async setup() {
    return { ...generateData(), samples: new Map() };
  },
  teardown(state) {
    if (!state || state.samples.size === 0) return;
    const medians = CASES.filter((c) => state.samples.has(c.name)).map((c) => [c.name, median(state.samples.get(c.name))]);
    const worst = medians.reduce((a, b) => (b[1] > a[1] ? b : a));
    console.error(`  forecasting fit time: slowest median ${worst[1].toFixed(0)} ms (${worst[0]}); target ≤ ${TARGET_MS} ms per sensor and horizon: ${worst[1] <= TARGET_MS ? 'met' : 'NOT met'}`);
  },
  cases: CASES.map((c) => ({ name: c.name, measure: ({ state, warmup }) => measure(state, c, warmup) })),
});
