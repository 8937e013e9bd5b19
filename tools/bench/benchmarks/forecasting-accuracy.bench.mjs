// Forecasting accuracy: one year of synthetic 15-minute history per asset type
// (solar, wind, building, charge points; hourly day-ahead prices) with weather
// forecasts as beliefs, then rolling forecasts of the 30 days after it for
// horizons 1 h, 6 h, 24 h and 48 h (each event forecast with exactly the
// horizon before its end, from what was known then), scored against the
// actual values: 1 − WAPE and MAE of the regression (makeForecasts: model
// chosen by cross-validation, refitted daily) next to the naive forecasts
// (last known value; same time on the last known day) and the seed's table
// (§7.1). Accuracy is deterministic (seeded data); one run per case.
//
// npm run bench -- forecasting   (both forecasting benchmarks)
// npm run bench -- 'forecasting accuracy'

import { defineBenchmark } from '../harness.mjs';
import { ASSETS, DAY_MS, domainLibrary, FORECAST_DAYS, forecastRequest, generateData, HORIZONS_H, percent, SEED_ACCURACY } from '../forecasting-support.mjs';

const CASES = ASSETS.flatMap((asset) => HORIZONS_H.map((horizonH) => ({ asset, horizonH, name: `${asset.label}, ${horizonH} h ahead` })));

function scoreMonth(state, asset, horizonH, options) {
  const { makeForecasts, pairWithActuals, accuracyMetrics } = domainLibrary();
  const fromMs = state.historyEndMs;
  const toMs = fromMs + FORECAST_DAYS * DAY_MS;
  const started = performance.now();
  const result = makeForecasts(forecastRequest(state, asset, horizonH, { fromMs, toMs, forecastTimeMs: toMs, options }));
  const ms = performance.now() - started;
  const metrics = accuracyMetrics(pairWithActuals(result.forecasts, state.data[asset.key]));
  return { ms, metrics, result };
}

async function measure(state, c) {
  const regression = scoreMonth(state, c.asset, c.horizonH, {});
  const naive = ['naive-last', 'naive-daily'].map((method) => ({ method, ...scoreMonth(state, c.asset, c.horizonH, { naive: method }) }));
  const bestNaive = naive.reduce((best, n) => (n.metrics.mae < best.metrics.mae ? n : best));
  const models = new Map();
  for (const f of regression.result.forecasts) models.set(f.model.spec ?? f.model.name, (models.get(f.model.spec ?? f.model.name) ?? 0) + 1);
  state.rows.set(c.name, { ...c, regression: regression.metrics, naive, bestNaive, model: regression.result.model, models });
  return {
    accuracy: 100 * regression.metrics.accuracy,
    naiveAccuracy: 100 * bestNaive.metrics.accuracy,
    mae: regression.metrics.mae,
    naiveMae: bestNaive.metrics.mae,
    monthMs: regression.ms,
  };
}

function printSummary(state) {
  const lines = [
    '  forecast accuracy over the 30 days after a year of history (1 − WAPE; MAE in the asset\'s unit); "naive" = the better of last value / same time last known day by MAE;',
    '  "seed" = the example benchmarks of the FlexMeasures 0.3.0 docs, §7.1 (other data, other assets: a reference for the order of magnitude, not a target):',
    `    ${'asset'.padEnd(26)} ${'horizon'.padEnd(7)} ${'regression'.padStart(10)} ${'naive'.padStart(8)} ${'seed'.padStart(7)} ${'MAE regr.'.padStart(10)} ${'MAE naive'.padStart(10)}  regression beats naive on MAE?`,
  ];
  for (const c of CASES) {
    const row = state.rows.get(c.name);
    if (!row) continue;
    const seed = SEED_ACCURACY[c.asset.key].byHorizon[c.horizonH];
    const beats = row.regression.mae < row.bestNaive.metrics.mae;
    lines.push(
      `    ${c.asset.label.padEnd(26)} ${`${c.horizonH} h`.padEnd(7)} ${percent(row.regression.accuracy).padStart(10)} ${percent(row.bestNaive.metrics.accuracy).padStart(8)} ${`${seed.toFixed(1)} %`.padStart(7)} ` +
        `${row.regression.mae.toFixed(2).padStart(10)} ${row.bestNaive.metrics.mae.toFixed(2).padStart(10)}  ${beats ? 'yes' : 'NO'} (naive: ${row.bestNaive.method}; model: ${row.model.spec ?? `${row.model.name}: ${row.model.reason}`})`,
    );
  }
  console.error(lines.join('\n'));
}

export default defineBenchmark({
  name: 'forecasting accuracy (synthetic year, rolling month)',
  description:
    'makeForecasts of the built libs/domain on one year of seeded synthetic 15-minute history per asset type (500 kWp solar park, 2 MW wind park, ' +
    'office building, 8 charge points; hourly day-ahead prices) at Jeju, with weather forecasts as beliefs (issued every 6 h, 60 h ahead, error ' +
    'growing with lead time). Rolling forecasts of the next 30 days per horizon: every event forecast with exactly the horizon before its end from ' +
    'what was known then (model chosen by cross-validation at the first belief time, refitted daily). accuracy = 100·(1 − WAPE) and mae of the ' +
    'regression; naiveAccuracy and naiveMae of the better naive forecast (last known value, or same time on the last known day) by MAE; monthMs = ' +
    "the regression's wall time for the month (selection, 30 daily fits, 2,880 forecasts; 720 for hourly prices). The summary printed at the end " +
    'sets the accuracies next to the seed table of §7.1.',
  metrics: { accuracy: '%', naiveAccuracy: '%', mae: '', naiveMae: '', monthMs: 'ms' },
  runs: 1,
  async setup() {
    return { ...generateData(), rows: new Map() };
  },
  teardown(state) {
    if (state) printSummary(state);
  },
  cases: CASES.map((c) => ({ name: c.name, measure: ({ state }) => measure(state, c) })),
});
