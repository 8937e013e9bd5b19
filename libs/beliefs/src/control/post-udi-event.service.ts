import type { Caller } from '@flexmeasures/assets';
import { JobName, QueueName, ScheduleJobData } from '@flexmeasures/contracts';
import {
  ApiVersion,
  DomainError,
  formatEnergy,
  formatInstant,
  NamingAuthoritySettings,
  POST_UDI_EVENT_RESPONSE,
  PostUdiEventRequest,
  readPostUdiEventRequest,
  scheduleWindow,
  targetsToSlots,
} from '@flexmeasures/domain';
import type { JobQueue } from '@flexmeasures/jobs';
import type { DataSource, EntityManager } from 'typeorm';
import { ControlRepository, StorageAsset } from './control.repository';
import { isStorageAsset, notStorage, socLimits } from './storage-scheduler';

export interface ControlContext {
  readonly version: ApiVersion;
  readonly caller: Caller;
  readonly naming: NamingAuthoritySettings;
  readonly nowMs: number;
  /** FLEXMEASURES_MODE=play: UDI events need not be newer than the last one. */
  readonly playMode: boolean;
  readonly planningHorizonMs: number;
  /** FLEXMEASURES_PLANNING_TTL; negative: UDI events are kept forever. */
  readonly planningTtlMs: number;
}

/** Schedules must end within the years PostgreSQL and ISO 8601 timestamps share. */
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31);

export interface PostUdiEventResponse {
  readonly type: string;
  readonly status: 'PROCESSED';
  readonly message: string;
}

/** Versions whose postUdiEvent queues a scheduling job (§21.11); v1_2 schedules on getDeviceMessage. */
export function queuesSchedulingJob(version: ApiVersion): boolean {
  return version === 'v1_3' || version === 'v2_0';
}

/**
 * The storage asset of an event address that the caller may control.
 * Someone else's asset is answered exactly like a missing one
 * (UNRECOGNIZED_ASSET), so ids cannot be probed; the address's owner id must
 * be the asset's owner.
 */
export async function controllableAsset(
  repository: ControlRepository,
  manager: EntityManager,
  address: { ownerId: number; assetId: number },
  caller: Caller,
  options: { lock?: boolean } = {},
): Promise<StorageAsset> {
  const asset = await repository.asset(manager, address.assetId, options);
  const mayUse = asset !== undefined && (caller.isAdmin || asset.ownerId === caller.id) && asset.ownerId === address.ownerId;
  if (!mayUse) {
    throw new DomainError(
      'UNRECOGNIZED_ASSET',
      `There is no asset ${address.assetId} of owner ${address.ownerId} among your assets; getConnection lists the connections you can use.`,
      { assetId: address.assetId },
    );
  }
  if (!isStorageAsset(asset)) throw notStorage(asset);
  return asset;
}

/**
 * postUdiEvent (v1_2, v1_3, v2_0): stores a device's state of charge, its
 * time and the event id on the asset and — from v1_3 on — queues the
 * scheduling job and keeps its id for the event, all in one transaction (a
 * queue that cannot be reached leaves nothing changed).
 */
export class PostUdiEventService {
  private readonly repository = new ControlRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {}

  async post(body: unknown, context: ControlContext): Promise<PostUdiEventResponse> {
    const request = readPostUdiEventRequest(body, context.version, context.naming);
    await this.dataSource.transaction(async (manager) => {
      const asset = await controllableAsset(this.repository, manager, request.address, context.caller, { lock: true });
      checkOrder(asset, request, context.playMode);
      const limits = socLimits(asset);
      checkSoc(asset, request.socMwh, limits);
      const window = scheduleWindow(request.datetimeMs, asset.resolutionMs, context.planningHorizonMs);
      if (window.endMs > LAST_INSTANT_MS) {
        throw new DomainError('INVALID_DATETIME', `The datetime ${formatInstant(request.datetimeMs)} is too far in the future to plan from.`, { field: 'datetime' });
      }
      // Targets are checked against the window first, so a bad one is refused before anything is stored.
      const targets = targetsToSlots(request.targets, window, limits);
      await this.repository.recordSoc(manager, asset.id, { socMwh: request.socMwh, datetimeMs: request.datetimeMs, eventId: request.address.eventId });
      if (!queuesSchedulingJob(context.version)) return;

      // One belief time per job, later than any earlier job's of this asset: schedules never share keys.
      const lastBeliefTime = await this.repository.lastJobBeliefTime(manager, asset.id);
      const beliefTimeMs = Math.max(context.nowMs, (lastBeliefTime ?? 0) + 1);
      const jobId = `udi-${asset.id}-${request.address.eventId}-${beliefTimeMs}`;
      if (context.planningTtlMs >= 0) await this.repository.deleteExpired(manager, asset.id, context.nowMs - context.planningTtlMs);
      await this.repository.recordJob(manager, {
        assetId: asset.id,
        eventId: request.address.eventId,
        eventType: request.eventType,
        jobId,
        startMs: window.startMs,
        endMs: window.endMs,
        resolutionMs: window.resolutionMs,
        beliefTimeMs,
        createdAtMs: context.nowMs,
      });
      const data: ScheduleJobData = {
        assetId: asset.id,
        start: new Date(window.startMs).toISOString(),
        end: new Date(window.endMs).toISOString(),
        resolutionMinutes: window.resolutionMs / 60_000,
        socAtStartMwh: request.socMwh,
        // At the ends of their slots (a target between grid points is due at the boundary before it).
        targets: targets.map((target) => ({ datetime: new Date(window.startMs + (target.slot + 1) * window.resolutionMs).toISOString(), socMwh: target.socMwh })),
        udiEventId: request.address.eventId,
        udiEventType: request.eventType,
        beliefTime: new Date(beliefTimeMs).toISOString(),
      };
      await this.queue.enqueue(QueueName.Scheduling, JobName.Schedule, data, { jobId });
    });
    return { type: POST_UDI_EVENT_RESPONSE, status: 'PROCESSED', message: 'Request has been processed.' };
  }
}

/**
 * Unless in play mode, UDI events arrive in order: the event id must be
 * newer than the asset's last one (OUTDATED_UDI_EVENT) and the datetime not
 * earlier than the last one's (INVALID_DATETIME). Equal datetimes pass, so
 * the seed's examples A and B (events 203 and 204, both at 10:00) both do.
 */
function checkOrder(asset: StorageAsset, request: PostUdiEventRequest, playMode: boolean): void {
  if (playMode) return;
  const eventId = request.address.eventId;
  if (asset.socUdiEventId !== null && eventId <= asset.socUdiEventId) {
    throw new DomainError(
      'OUTDATED_UDI_EVENT',
      `UDI event ${eventId} is outdated: asset ${asset.id} already received UDI event ${asset.socUdiEventId}. Number new events higher.`,
      { eventId, latestEventId: asset.socUdiEventId },
    );
  }
  if (asset.socDatetimeMs !== null && request.datetimeMs < asset.socDatetimeMs) {
    throw new DomainError(
      'INVALID_DATETIME',
      `The datetime of UDI event ${eventId} (${formatInstant(request.datetimeMs)}) is earlier than that of the asset's latest UDI event (${formatInstant(asset.socDatetimeMs)}).`,
      { field: 'datetime' },
    );
  }
}

function checkSoc(asset: StorageAsset, socMwh: number, limits: { socMinMwh: number; socMaxMwh: number }): void {
  const slack = 1e-9;
  if (socMwh < limits.socMinMwh - slack || socMwh > limits.socMaxMwh + slack) {
    throw new DomainError(
      'UNPROCESSABLE_ENTITY',
      `The state of charge of ${formatEnergy(socMwh, 6)} lies outside the SOC limits of asset ${asset.id}, [${formatEnergy(limits.socMinMwh, 6)}, ${formatEnergy(limits.socMaxMwh, 6)}].`,
      { field: 'value', errors: { value: [`must lie within the asset's SOC limits [${limits.socMinMwh}, ${limits.socMaxMwh}] MWh`] } },
    );
  }
}
