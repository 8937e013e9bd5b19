import { ComputedSchedule, ControlRepository, isStorageAsset, notStorage, SCHEDULER_SOURCE, socLimits, solverSettings, StorageScheduler } from '@flexmeasures/beliefs';
import { DomainError, formatInstant, isoDurationToMilliseconds, millisecondsToIsoDuration, parseInstant, scheduleWindow, targetsToSlots, TimedSocTarget } from '@flexmeasures/domain';
import { isSolverName, SolverName, SolverPool } from '@flexmeasures/solvers';
import { Command, InvalidArgumentError, Option } from 'commander';
import { withUpToDateDatabase } from '../shared/database';
import { parseNumber, parseWholeNumber } from '../shared/numbers';
import { formatTable } from '../shared/table';

interface AddScheduleOptions {
  readonly asset: number;
  readonly start: number;
  readonly duration?: number;
  readonly socAtStart?: number;
  readonly target: TimedSocTarget[];
  readonly solver?: SolverName;
  readonly dryRun: boolean;
}

/** `2015-06-02T16:00:00+00:00=0.025`: a timezone-aware instant, `=`, an SOC in MWh. */
export function parseTarget(value: string, previous: TimedSocTarget[] = []): TimedSocTarget[] {
  const at = value.lastIndexOf('=');
  if (at < 0) throw new InvalidArgumentError('Write <datetime>=<MWh>, e.g. 2015-06-02T16:00:00+00:00=0.025.');
  return [...previous, { datetimeMs: parseInstantArgument(value.slice(0, at)), socMwh: parseNumber(value.slice(at + 1)) }];
}

function parseInstantArgument(value: string): number {
  try {
    return parseInstant(value.trim(), 'datetime');
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}`);
  }
}

function parsePositiveDuration(value: string): number {
  let ms: number;
  try {
    ms = isoDurationToMilliseconds(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (ms <= 0) throw new InvalidArgumentError('It must be a positive duration, e.g. PT48H.');
  return ms;
}

function parseSolver(value: string): SolverName {
  const name = value.trim().toLowerCase();
  if (!isSolverName(name)) throw new InvalidArgumentError('It must be glpk or highs.');
  return name;
}

const HELP = `
The window starts at --start floored to the asset's resolution and lasts
--duration (default FLEXMEASURES_PLANNING_HORIZON), in whole slots. Prices are
the latest beliefs of the asset's market known now; the schedule (MW,
consumption positive) is stored as beliefs of the scheduler, believed now,
and printed with the state of charge after each slot.

Example:
  flexmeasures add schedule --asset 3 --start 2015-06-02T10:00:00+00:00 --duration PT48H \\
    --soc-at-start 0.0121 --target 2015-06-02T16:00:00+00:00=0.025`;

/** `flexmeasures add schedule`: compute (and store) a storage schedule for an asset and window, as the scheduling job does. */
export function addScheduleCommand(): Command {
  return new Command('schedule')
    .description("Compute a storage schedule for an asset and window from its market's prices, store it and print it.")
    .addOption(new Option('--asset <id>', 'the storage asset (battery, one-way_evse, two-way_evse)').argParser(parseWholeNumber).makeOptionMandatory())
    .addOption(new Option('--start <datetime>', 'ISO 8601 with a time zone, e.g. 2015-06-02T10:00:00+00:00').argParser(parseInstantArgument).makeOptionMandatory())
    .addOption(new Option('--duration <duration>', 'ISO 8601 duration of the window (default: FLEXMEASURES_PLANNING_HORIZON)').argParser(parsePositiveDuration))
    .addOption(new Option('--soc-at-start <MWh>', "state of charge at the start (default: the asset's soc_in_mwh, else 0)").argParser(parseNumber))
    .addOption(new Option('--target <datetime=MWh>', 'an SOC target, e.g. 2015-06-02T16:00:00+00:00=0.025 (repeatable)').argParser(parseTarget).default([]))
    .addOption(new Option('--solver <name>', 'glpk or highs (default: FLEXMEASURES_LP_SOLVER)').argParser(parseSolver))
    .option('--dry-run', 'compute and print, but store nothing', false)
    .addHelpText('after', HELP)
    .action((options: AddScheduleOptions) =>
      withUpToDateDatabase(async ({ dataSource }, config) => {
        const asset = await new ControlRepository().asset(dataSource.manager, options.asset);
        if (asset === undefined) throw new DomainError('UNRECOGNIZED_ASSET', `There is no asset ${options.asset}; GET /api/v2_0/assets lists them.`);
        if (!isStorageAsset(asset)) throw notStorage(asset);
        const window = scheduleWindow(options.start, asset.resolutionMs, options.duration ?? config.timing.planningHorizonMs);
        const targets = targetsToSlots(options.target, window, socLimits(asset));
        const settings = { ...solverSettings(config), ...(options.solver ? { solver: options.solver } : {}) };
        const pool = new SolverPool({ size: 1, warmUp: [] });
        try {
          const scheduler = new StorageScheduler(dataSource, pool, settings);
          const nowMs = Date.now();
          const computed = await scheduler.compute({ assetId: asset.id, window, socAtStartMwh: options.socAtStart ?? asset.socMwh ?? 0, targets, pricesKnownAtMs: nowMs });
          console.log(summary(computed));
          if (options.dryRun) {
            console.log('Dry run: nothing stored.');
          } else {
            const counts = await dataSource.transaction((manager) => scheduler.store(manager, computed, nowMs));
            console.log(`Stored ${counts.stored} values as beliefs of ${SCHEDULER_SOURCE.name} (${SCHEDULER_SOURCE.type}), believed at ${formatInstant(nowMs)}.`);
          }
          console.log(scheduleTable(computed));
        } finally {
          await pool.close();
        }
      }),
    );
}

function summary(computed: ComputedSchedule): string {
  const { asset, window, market } = computed;
  const currency = market.unit.split('/')[0];
  return (
    `Scheduled asset ${asset.id} (${asset.name}, ${asset.assetType}) from ${formatInstant(window.startMs)} to ${formatInstant(window.endMs)}: ` +
    `${window.slots} slots of ${millisecondsToIsoDuration(window.resolutionMs)}, ${computed.status} (${computed.solver}, ${computed.solveMs} ms); ` +
    `costs ${computed.schedule.costs.toFixed(2)} ${currency} at ${market.name} prices.`
  );
}

function scheduleTable(computed: ComputedSchedule): string {
  const { window } = computed;
  const rows = computed.powerMw.map((power, t) => [formatInstant(window.startMs + t * window.resolutionMs), String(power), String(Number(computed.schedule.socMwh[t].toPrecision(9)))]);
  return formatTable(['start', 'power (MW)', 'SOC after (MWh)'], rows);
}
