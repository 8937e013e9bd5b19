import { formatHorizon, ForecastRun, MAX_WINDOW_MS, SensorForecaster, splitWindow, ZoneClock } from '@flexmeasures/beliefs';
import type { PlatformConfig } from '@flexmeasures/config';
import { FORECAST_HORIZONS, ForecastJobResult, JobName, QueueName } from '@flexmeasures/contracts';
import { DomainError, formatInstant, isoDurationToMilliseconds, parseInstant } from '@flexmeasures/domain';
import { createJobQueue } from '@flexmeasures/jobs';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { DataSource } from 'typeorm';
import { withUpToDateDatabase } from '../shared/database';
import { countOf } from '../shared/plural';
import { formatTable } from '../shared/table';
import { ForecastTarget, selectForecastSensors } from './forecast-sensors';

interface AddForecastsOptions {
  readonly fromDate: string;
  readonly toDate: string;
  readonly assetType?: string;
  readonly asset?: string;
  readonly sensor?: string;
  readonly horizon: string[];
  readonly asJob: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600_000;

function parseDateArgument(value: string): string {
  const text = value.trim();
  if (DATE.test(text)) return text;
  try {
    parseInstant(text, 'date');
  } catch (error) {
    throw new InvalidArgumentError(`Write a date (2020-03-08) or an ISO 8601 datetime with a time zone; ${(error as Error).message}`);
  }
  return text;
}

function parseHorizon(value: string, previous: string[] | undefined): string[] {
  let ms = Number.NaN;
  try {
    ms = isoDurationToMilliseconds(value.trim());
  } catch {
    // refused below
  }
  if (!(ms > 0)) throw new InvalidArgumentError('It must be a positive ISO 8601 duration, e.g. PT6H.');
  return [...(previous ?? []), formatHorizon(ms)];
}

/** A date is midnight in FLEXMEASURES_TIMEZONE (the end date's whole day is included); a datetime is that instant. */
function instantOf(text: string, clock: ZoneClock, endOfDay: boolean): number {
  if (!DATE.test(text)) return parseInstant(text, 'date');
  const [year, month, day] = text.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day) + (endOfDay ? DAY_MS : 0);
  return clock.instantsOf(wall)[0] ?? wall - clock.offsetAt(wall);
}

const HELP = `
Each event of the window gets one forecast per horizon, believed at its end −
horizon and made from what was known then (outcomes of events that had ended,
the latest weather forecasts made by then); forecasts are stored as beliefs of
the "forecaster" (type "forecasting script", model and version of the model
used). Dates are whole days in FLEXMEASURES_TIMEZONE (--to-date included);
datetimes with a time zone are used as given (--to-date excluded). Events
whose belief time has not come yet are left out. Forecasts already stored
stay as they are, so running a command twice stores nothing new.

Without --asset, --asset-type or --sensor: every asset, market and weather
sensor with data. With --as-job the work is queued on the forecasting queue
(needs REDIS_URL) for the workers, one job per sensor, horizon and month.

Example:
  flexmeasures add forecasts --from-date 2020-03-08 --to-date 2020-04-08 --asset-type Asset --asset my-solar-panel`;

/** `flexmeasures add forecasts` (§25.1.6, §1.1.10): forecasts for existing data, made here or queued. */
export function addForecastsCommand(): Command {
  return new Command('forecasts')
    .description('Make forecasts (1, 6, 24 and 48 hours ahead) for the data of assets, markets and weather sensors in a window, here or as jobs.')
    .addOption(new Option('--from-date <date>', 'first day (YYYY-MM-DD) or instant (ISO 8601 with a time zone) to forecast').argParser(parseDateArgument).makeOptionMandatory())
    .addOption(new Option('--to-date <date>', 'last day, included (YYYY-MM-DD), or instant, excluded').argParser(parseDateArgument).makeOptionMandatory())
    .option('--asset-type <type>', 'Asset, Market or WeatherSensor (every one of that kind), or an asset type such as solar')
    .addOption(new Option('--asset <id|name>', 'one asset, market or weather sensor, by id or name').conflicts('sensor'))
    .option('--sensor <id|address>', 'one sensor, by id or entity address')
    .addOption(new Option('--horizon <duration>', `a horizon, e.g. PT6H (repeatable; default ${FORECAST_HORIZONS.join(', ')})`).argParser(parseHorizon))
    .option('--as-job', 'queue forecasting jobs for the workers instead of forecasting here (needs REDIS_URL)', false)
    .addHelpText('after', HELP)
    .action((options: AddForecastsOptions) =>
      withUpToDateDatabase(async ({ dataSource }, config) => {
        const clock = new ZoneClock(config.timing.timezone);
        const nowMs = Date.now();
        const window = { startMs: instantOf(options.fromDate, clock, false), endMs: instantOf(options.toDate, clock, true) };
        if (window.endMs <= window.startMs) throw new DomainError('INVALID_PERIOD', `--to-date must come after --from-date (${formatInstant(window.startMs)}).`);
        const naming = { hostsAndAuthStart: config.hostsAndAuthStart, host: config.http.host };
        const sensors = await selectForecastSensors(dataSource, { assetType: options.assetType, asset: options.asset, sensor: options.sensor }, naming);
        if (sensors.length === 0) {
          console.log('No sensor to forecast: none matches, or none has data yet.');
          return;
        }
        const runs = await plannedRuns(dataSource, sensors, options.horizon ?? [...FORECAST_HORIZONS], window, nowMs);
        if (options.asJob) await queueRuns(config, runs);
        else await forecastHere(dataSource, config, runs, sensors);
      }),
    );
}

interface PlannedRun extends ForecastRun {
  readonly target: ForecastTarget;
}

/** Per sensor, horizon and month: the events of the window on the sensor's grid whose belief time has come by now. */
async function plannedRuns(dataSource: DataSource, sensors: readonly ForecastTarget[], horizons: readonly string[], window: { startMs: number; endMs: number }, nowMs: number): Promise<PlannedRun[]> {
  const rows: { id: number; minutes: number }[] = await dataSource.query('SELECT id, event_resolution_minutes AS minutes FROM sensor WHERE id = ANY($1::int[])', [sensors.map((s) => s.id)]);
  const resolution = new Map(rows.map((row) => [Number(row.id), Number(row.minutes) * 60_000]));
  const runs: PlannedRun[] = [];
  for (const target of sensors) {
    const res = resolution.get(target.id) as number;
    for (const horizon of horizons) {
      const horizonMs = isoDurationToMilliseconds(horizon);
      const startMs = Math.ceil(window.startMs / res) * res;
      const endMs = Math.floor(Math.min(window.endMs, nowMs + horizonMs) / res) * res;
      if (endMs <= startMs) continue;
      // A month at a time, and at most 30,000 events (a sensor with 1-minute events).
      for (const piece of splitWindow({ startMs, endMs }, Math.min(MAX_WINDOW_MS, 30_000 * res))) runs.push({ target, sensorId: target.id, horizonMs, ...piece, forecastTimeMs: nowMs });
    }
  }
  return runs;
}

async function queueRuns(config: PlatformConfig, runs: readonly PlannedRun[]): Promise<void> {
  if (config.queue.kind !== 'redis') {
    throw new Error('--as-job needs Redis, and REDIS_URL is not set: without it the api runs jobs in its own process; run without --as-job to forecast here.');
  }
  const queue = createJobQueue(config.queue);
  try {
    for (const run of runs) {
      await queue.enqueue(QueueName.Forecasting, JobName.Forecast, {
        sensorId: run.sensorId,
        horizon: formatHorizon(run.horizonMs),
        start: new Date(run.startMs).toISOString(),
        end: new Date(run.endMs).toISOString(),
        forecastTime: new Date(run.forecastTimeMs).toISOString(),
      });
    }
  } finally {
    await queue.close(0);
  }
  const sensors = new Set(runs.map((run) => run.sensorId)).size;
  console.log(`Queued ${countOf(runs.length, 'forecasting job')} for ${countOf(sensors, 'sensor')} on the ${QueueName.Forecasting} queue; workers store the forecasts.`);
}

/** Runs one after the other, a failing sensor reported and skipped; a bar on stderr when it is a terminal. */
async function forecastHere(dataSource: DataSource, config: PlatformConfig, runs: readonly PlannedRun[], sensors: readonly ForecastTarget[]): Promise<void> {
  const forecaster = new SensorForecaster(dataSource, { timezone: config.timing.timezone });
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'Forecasting [{bar}] {value}/{total} | {what} | ETA {eta_formatted}', hideCursor: true }, Presets.shades_classic) : undefined;
  bar?.start(runs.length, 0, { what: '' });
  const results: { run: PlannedRun; result?: ForecastJobResult; error?: string }[] = [];
  try {
    for (const run of runs) {
      bar?.update({ what: `${run.target.name} ${formatHorizon(run.horizonMs)}` });
      try {
        results.push({ run, result: await forecaster.run(run) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ run, error: error.message });
      }
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  console.log(summaryTable(results, sensors));
  const failed = results.filter((r) => r.error !== undefined);
  if (failed.length > 0) throw new DomainError('FORECASTING_FAILED', `${countOf(failed.length, 'forecast run')} failed:\n${failed.map((f) => `  sensor ${f.run.sensorId}: ${f.error}`).join('\n')}`);
}

/** One row per sensor and horizon: events forecast, beliefs stored, models used. */
function summaryTable(results: readonly { run: PlannedRun; result?: ForecastJobResult; error?: string }[], sensors: readonly ForecastTarget[]): string {
  const rows = new Map<string, { target: ForecastTarget; horizon: string; events: number; stored: number; models: Set<string>; failed: boolean }>();
  for (const { run, result, error } of results) {
    const horizon = formatHorizon(run.horizonMs);
    const key = `${run.sensorId} ${horizon}`;
    const row = rows.get(key) ?? { target: run.target, horizon, events: 0, stored: 0, models: new Set<string>(), failed: false };
    row.events += result?.events ?? 0;
    row.stored += result?.stored ?? 0;
    Object.keys(result?.eventsByModel ?? {}).forEach((model) => row.models.add(model));
    row.failed ||= error !== undefined;
    rows.set(key, row);
  }
  const table = formatTable(
    ['sensor', 'name', 'type', 'horizon', 'events', 'stored', 'models'],
    [...rows.values()].map((r) => [String(r.target.id), r.target.name, r.target.type, r.horizon, String(r.events), String(r.stored), r.failed ? 'FAILED' : [...r.models].join(', ') || '-']),
  );
  const stored = [...rows.values()].reduce((sum, r) => sum + r.stored, 0);
  return `${table}\nStored ${countOf(stored, 'forecast value')} (medians and 10%/90% quantiles) for ${countOf(sensors.length, 'sensor')} as beliefs of the forecaster.`;
}
