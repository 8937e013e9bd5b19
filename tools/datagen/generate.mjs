#!/usr/bin/env node
// Seeded synthetic data for trying the platform out and for benchmarks: one
// place's weather (and weather forecasts), a solar park, a wind park, an office
// building, public charge points and day-ahead prices, as CSV files that
// `flexmeasures add beliefs` imports. The generators are the pure functions of
// libs/domain (forecasting/synthetic); this script only writes files.
// See tools/datagen/README.md.

import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

const USAGE = `usage: node tools/datagen/generate.mjs [options]

  --seed N                 random seed (default 42); the same seed gives the same numbers
  --start YYYY-MM-DD       first day, UTC (default 2015-01-01)
  --days N                 number of days (default 365)
  --lat DEG --lng DEG      place (default Jeju: 33.4843866, 126.477859)
  --out DIR                output folder (default tmp/datagen)
  --weather-forecasts      also write weather forecasts (issued every 6 h, 60 h ahead) with their belief times`;

function fail(message) {
  console.error(`datagen: ${message}\n${USAGE}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        seed: { type: 'string', default: '42' },
        start: { type: 'string', default: '2015-01-01' },
        days: { type: 'string', default: '365' },
        lat: { type: 'string', default: '33.4843866' },
        lng: { type: 'string', default: '126.477859' },
        out: { type: 'string', default: path.join('tmp', 'datagen') },
        'weather-forecasts': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    fail(error.message);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name, check) => {
    const value = Number(parsed[name]);
    if (!Number.isFinite(value) || !check(value)) fail(`--${name} ${parsed[name]} is not valid`);
    return value;
  };
  const startMs = Date.parse(`${parsed.start}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parsed.start) || Number.isNaN(startMs)) fail(`--start must be a date like 2015-01-01, got ${parsed.start}`);
  return {
    seed: number('seed', Number.isInteger),
    startMs,
    days: number('days', (d) => Number.isInteger(d) && d >= 1 && d <= 3660),
    lat: number('lat', (v) => Math.abs(v) <= 90),
    lng: number('lng', (v) => Math.abs(v) <= 180),
    out: path.resolve(parsed.out),
    weatherForecasts: parsed['weather-forecasts'],
  };
}

function domainLibrary() {
  const file = path.join(ROOT, 'libs', 'domain', 'dist', 'index.js');
  if (!fs.existsSync(file)) fail(`${path.relative(ROOT, file)} is missing; build with npx tsc -b tsconfig.build.json`);
  return require(file);
}

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** datetime,value rows; `sign` −1 writes production as negative values (USEF: positive = consumption). */
function writeSeries(file, series, sign = 1, digits = 3) {
  const lines = ['datetime,value'];
  series.values.forEach((value, i) => lines.push(`${iso(series.startMs + i * series.resolutionMs)},${(sign * value + 0).toFixed(digits)}`));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length - 1;
}

function writeBeliefs(file, beliefs, digits = 3) {
  const stream = fs.openSync(file, 'w');
  fs.writeSync(stream, 'datetime,belief_time,value\n');
  let chunk = [];
  for (const b of beliefs) {
    chunk.push(`${iso(b.eventStartMs)},${iso(b.beliefTimeMs)},${b.value.toFixed(digits)}`);
    if (chunk.length === 10_000) {
      fs.writeSync(stream, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) fs.writeSync(stream, `${chunk.join('\n')}\n`);
  fs.closeSync(stream);
  return beliefs.length;
}

const o = options();
const { synthetic } = domainLibrary();
const place = { lat: o.lat, lng: o.lng };
const data = synthetic.generateYear({ seed: o.seed, startMs: o.startMs, days: o.days, ...place });
fs.mkdirSync(o.out, { recursive: true });
const written = [
  ['solar.csv', writeSeries(path.join(o.out, 'solar.csv'), data.solar, -1), 'kW, production negative'],
  ['wind.csv', writeSeries(path.join(o.out, 'wind.csv'), data.wind, -1), 'kW, production negative'],
  ['building.csv', writeSeries(path.join(o.out, 'building.csv'), data.building), 'kW'],
  ['ev-chargers.csv', writeSeries(path.join(o.out, 'ev-chargers.csv'), data.evChargers), 'kW'],
  ['prices.csv', writeSeries(path.join(o.out, 'prices.csv'), data.prices, 1, 2), 'EUR/MWh, hourly'],
  ['temperature.csv', writeSeries(path.join(o.out, 'temperature.csv'), data.weather.temperature, 1, 2), '°C'],
  ['wind_speed.csv', writeSeries(path.join(o.out, 'wind_speed.csv'), data.weather.windSpeed, 1, 2), 'm/s'],
  ['radiation.csv', writeSeries(path.join(o.out, 'radiation.csv'), data.weather.radiation, 1, 4), 'kW/m²'],
];
if (o.weatherForecasts) {
  for (const variable of ['temperature', 'wind_speed', 'radiation']) {
    const beliefs = synthetic.weatherForecastBeliefs(data.weather, place, variable, { seed: o.seed, fromMs: o.startMs, toMs: o.startMs + o.days * 86_400_000 });
    const file = `${variable}-forecasts.csv`;
    written.push([file, writeBeliefs(path.join(o.out, file), beliefs, variable === 'radiation' ? 4 : 2), 'with belief times']);
  }
}
console.log(`seed ${o.seed}, ${o.days} days from ${iso(o.startMs)} at ${o.lat}, ${o.lng} (local solar time UTC${data.utcOffsetMs >= 0 ? '+' : ''}${data.utcOffsetMs / 3_600_000}) → ${path.relative(process.cwd(), o.out) || '.'}`);
for (const [file, rows, note] of written) console.log(`  ${file.padEnd(26)} ${String(rows).padStart(9)} rows  (${note})`);
