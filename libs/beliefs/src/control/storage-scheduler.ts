import { PLATFORM_SOURCES, SCHEDULABLE_ASSET_TYPES } from '@flexmeasures/assets';
import type { PlatformConfig } from '@flexmeasures/config';
import {
  describeSlotRanges,
  DomainError,
  formatInstant,
  fromMegawatts,
  millisecondsToIsoDuration,
  pricePerMwhFactor,
  pricesForSlots,
  ScheduleWindow,
  SocTarget,
  StorageDeviceType,
  StorageProblem,
  StorageSchedule,
} from '@flexmeasures/domain';
import { scheduleStorage, SolverName, SolverPool } from '@flexmeasures/solvers';
import type { DataSource, EntityManager } from 'typeorm';
import { BeliefsRepository, IngestCounts } from '../beliefs.repository';
import { DataSourcesRepository } from '../data-sources.repository';
import { ControlRepository, MarketInfo, StorageAsset } from './control.repository';

/** The scheduler's data source: its schedules are beliefs of this source. */
export const SCHEDULER_SOURCE = PLATFORM_SOURCES[0];

export interface SolverSettings {
  readonly solver: SolverName;
  readonly timeLimitSeconds: number;
  readonly mipGap: number;
  /** FLEXMEASURES_PREFER_CHARGING_SOONER: the tie-breaking preference of §7.2.1. */
  readonly preferChargingSooner: boolean;
}

export function solverSettings(
  config: Pick<PlatformConfig, 'lpSolver' | 'lpSolverTimeLimitMs' | 'lpSolverMipGap' | 'preferChargingSooner'>,
): SolverSettings {
  return { solver: config.lpSolver, timeLimitSeconds: config.lpSolverTimeLimitMs / 1000, mipGap: config.lpSolverMipGap, preferChargingSooner: config.preferChargingSooner };
}

export interface ScheduleRequest {
  readonly assetId: number;
  readonly window: ScheduleWindow;
  readonly socAtStartMwh: number;
  /** Targets already mapped to slots of the window. */
  readonly targets: readonly SocTarget[];
  /** Prices are the latest believed at this instant (the schedule's belief time). */
  readonly pricesKnownAtMs: number;
}

export interface ComputedSchedule {
  readonly asset: StorageAsset;
  readonly market: MarketInfo;
  readonly window: ScheduleWindow;
  readonly problem: StorageProblem;
  readonly schedule: StorageSchedule;
  /** The schedule's net power per slot in MW (consumption positive), rounded to the milliwatt: what is stored and answered. */
  readonly powerMw: readonly number[];
  readonly status: 'optimal' | 'feasible';
  readonly solver: SolverName;
  readonly solveMs: number;
}

/** Whether an asset is a storage device the scheduler plans (§7.2.1). */
export function isStorageAsset(asset: Pick<StorageAsset, 'assetType'>): asset is StorageAsset & { assetType: StorageDeviceType } {
  return SCHEDULABLE_ASSET_TYPES.includes(asset.assetType);
}

export function notStorage(asset: Pick<StorageAsset, 'id' | 'assetType'>): DomainError {
  return new DomainError(
    'UNRECOGNIZED_ASSET',
    `Asset ${asset.id} is a ${asset.assetType}, not a storage device: UDI events and device messages are for the types ${SCHEDULABLE_ASSET_TYPES.join(', ')}.`,
    { assetId: asset.id, assetType: asset.assetType },
  );
}

/** The SOC limits of a storage asset; an asset without them cannot be scheduled. */
export function socLimits(asset: StorageAsset): { socMinMwh: number; socMaxMwh: number } {
  if (asset.socMaxMwh === null) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `Asset ${asset.id} has no max_soc_in_mwh; set its SOC limits (PATCH /api/v2_0/asset/${asset.id}) before scheduling it.`, {
      reason: 'MISSING_SOC_LIMITS',
    });
  }
  return { socMinMwh: asset.socMinMwh ?? 0, socMaxMwh: asset.socMaxMwh };
}

/**
 * Computes storage schedules: reads the asset and the latest prices of its
 * market, builds the storage problem and solves it off the main thread in
 * the SolverPool. Shared by the scheduling job, the synchronous v1_2
 * getDeviceMessage and the CLI. Problems with the input are DomainErrors
 * (UNRECOGNIZED_ASSET, UNKNOWN_PRICES, UNPROCESSABLE_ENTITY naming the first
 * unreachable target, UNKNOWN_SCHEDULE when the solver finds nothing in
 * time); anything else (the database, the solver worker) is a plain error.
 */
export class StorageScheduler {
  private readonly control = new ControlRepository();
  private readonly beliefs = new BeliefsRepository();
  private readonly sources: DataSourcesRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: SolverPool,
    readonly settings: SolverSettings,
  ) {
    this.sources = new DataSourcesRepository(dataSource);
  }

  async compute(request: ScheduleRequest): Promise<ComputedSchedule> {
    const manager = this.dataSource.manager;
    const asset = await this.control.asset(manager, request.assetId);
    if (asset === undefined) throw new DomainError('UNRECOGNIZED_ASSET', `Asset ${request.assetId} does not exist (any more).`, { assetId: request.assetId });
    if (!isStorageAsset(asset)) throw notStorage(asset);
    const limits = socLimits(asset);
    const market = asset.marketId === null ? undefined : await this.control.market(manager, asset.marketId);
    if (market === undefined) {
      throw new DomainError('UNKNOWN_PRICES', `Asset ${asset.id} has no market, so there are no prices to schedule it by; give it one (PATCH /api/v2_0/asset/${asset.id}).`);
    }
    const prices = await this.prices(manager, market, request.window, request.pricesKnownAtMs);
    const problem: StorageProblem = {
      deviceType: asset.assetType as StorageDeviceType,
      slots: request.window.slots,
      resolutionHours: request.window.resolutionMs / 3_600_000,
      prices,
      capacityMw: asset.capacityMw,
      socStartMwh: request.socAtStartMwh,
      ...limits,
      targets: request.targets,
      chargingEfficiency: asset.chargingEfficiency,
      dischargingEfficiency: asset.dischargingEfficiency,
      preferChargingSooner: this.settings.preferChargingSooner,
      slotStartMs: request.window.startMs,
    };
    const { solver, timeLimitSeconds, mipGap } = this.settings;
    // Validation and target reachability throw DomainErrors before any solve.
    const result = await scheduleStorage(problem, (lp) => this.pool.solve(lp, { timeLimitSeconds, mipGap }, solver));
    if ('detail' in result) {
      throw result.status === 'infeasible'
        ? new DomainError(
            'UNPROCESSABLE_ENTITY',
            `No schedule of asset ${asset.id} meets every target within its SOC limits [${limits.socMinMwh}, ${limits.socMaxMwh}] MWh and capacity of ${asset.capacityMw} MW (${result.detail}).`,
            { reason: 'INFEASIBLE' },
          )
        : new DomainError('UNKNOWN_SCHEDULE', `The ${solver} solver found no schedule for asset ${asset.id} within its limits: ${result.detail}.`, { reason: 'NO_SOLUTION' });
    }
    const powerMw = result.schedule.powerMw.map((power) => Math.round(power * 1e9) / 1e9 + 0);
    return { asset, market, window: request.window, problem, schedule: result.schedule, powerMw, status: result.status, solver, solveMs: result.solution.solveMs };
  }

  /**
   * Stores a schedule as beliefs of the scheduler (MW converted to the
   * asset's unit, consumption positive) with one belief time. A schedule
   * already stored under that belief time stays as it is (history is never
   * overwritten), so storing the same job's schedule twice stores it once.
   */
  async store(manager: EntityManager, computed: ComputedSchedule, beliefTimeMs: number): Promise<IngestCounts> {
    const sourceId = await this.sources.forScript(manager, SCHEDULER_SOURCE);
    const { window, asset } = computed;
    const values = fromMegawatts(computed.powerMw, asset.unit);
    return this.beliefs.insert(manager, sourceId, {
      sensorIds: values.map(() => asset.id),
      eventStarts: values.map((_, t) => window.startMs + t * window.resolutionMs),
      beliefTimes: values.map(() => beliefTimeMs),
      values,
    });
  }

  /** One price per slot (currency per MWh), from the latest beliefs known at `knownAtMs`; UNKNOWN_PRICES when any is missing. */
  private async prices(manager: EntityManager, market: MarketInfo, window: ScheduleWindow, knownAtMs: number): Promise<number[]> {
    const res = market.resolutionMs;
    const startMs = Math.floor(window.startMs / res) * res;
    const endMs = Math.ceil(window.endMs / res) * res;
    const binned = await this.beliefs.latest(manager, { sensorId: market.id, startMs, endMs, resolutionMs: res, binMs: res, priorMs: knownAtMs + 1 });
    const values: (number | null)[] = new Array<number | null>((endMs - startMs) / res).fill(null);
    binned.bins.forEach((bin, i) => (values[bin] = binned.values[i]));
    const { prices, missingSlots } = pricesForSlots({ startMs, resolutionMs: res, values }, window);
    if (missingSlots.length > 0) {
      throw new DomainError(
        'UNKNOWN_PRICES',
        `Prices unknown for the planning window ${formatInstant(window.startMs)} to ${formatInstant(window.endMs)} (${millisecondsToIsoDuration(window.endMs - window.startMs)}): ` +
          `market ${market.name} has no prices known at ${formatInstant(knownAtMs)} for ${describeSlotRanges(window, missingSlots)} ` +
          `(${missingSlots.length} of ${window.slots} slots). Post them with postPriceData.`,
        { reason: 'UNKNOWN_PRICES', missingSlots: missingSlots.length },
      );
    }
    const factor = pricePerMwhFactor(market.unit);
    return prices.map((price) => price * factor);
  }
}
