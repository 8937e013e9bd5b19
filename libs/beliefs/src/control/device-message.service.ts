import { QueueName } from '@flexmeasures/contracts';
import {
  API_VERSION_RULES,
  convertUnit,
  DomainError,
  formatInstant,
  GET_DEVICE_MESSAGE_RESPONSE,
  GetDeviceMessageRequest,
  millisecondsToIsoDuration,
  readGetDeviceMessageRequest,
  scheduleWindow,
  ScheduleWindow,
  toMegawatts,
} from '@flexmeasures/domain';
import type { JobQueue } from '@flexmeasures/jobs';
import type { DataSource } from 'typeorm';
import { ControlRepository, StorageAsset, UdiEventJob } from './control.repository';
import { unknownSchedule } from './job-state';
import { ControlContext, controllableAsset, queuesSchedulingJob } from './post-udi-event.service';
import { SCHEDULER_SOURCE, StorageScheduler } from './storage-scheduler';

/** How far ahead a device message looks unless `duration` asks for more (§16: "6 hours by default"). */
export const DEFAULT_DEVICE_MESSAGE_DURATION = 'PT6H';
const DEFAULT_DURATION_MS = 6 * 3_600_000;

export interface DeviceMessageResponse {
  readonly type: string;
  readonly event: string;
  /** Power per slot, consumption positive. */
  readonly values: readonly number[];
  readonly start: string;
  readonly duration: string;
  readonly unit: string;
}

/** The slots to answer: from the schedule's start for the requested duration, at most the whole schedule. */
function answerSlots(request: GetDeviceMessageRequest, window: Pick<ScheduleWindow, 'resolutionMs' | 'slots'>): { slots: number; duration: string } {
  const wantedMs = request.durationMs ?? DEFAULT_DURATION_MS;
  const slots = Math.min(window.slots, Math.max(1, Math.ceil(wantedMs / window.resolutionMs)));
  const coveredMs = slots * window.resolutionMs;
  const asWritten = request.duration ?? DEFAULT_DEVICE_MESSAGE_DURATION;
  return { slots, duration: coveredMs === wantedMs ? asWritten : millisecondsToIsoDuration(coveredMs) };
}

/**
 * getDeviceMessage (v1_2, v1_3, v2_0): the planned power of a storage device
 * after one of its UDI events. From v1_3 on the schedule comes from the
 * event's scheduling job (§21.11): stored, still waiting or running
 * (UNKNOWN_SCHEDULE), or failed with its reason (e.g. UNKNOWN_PRICES); v1_2
 * computes it on the spot from the state of charge on the asset.
 */
export class DeviceMessageService {
  private readonly repository = new ControlRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly scheduler: StorageScheduler,
  ) {}

  async get(body: unknown, context: ControlContext): Promise<DeviceMessageResponse> {
    const request = readGetDeviceMessageRequest(body, context.naming);
    const unit = request.unit ?? 'MW';
    convertUnit([], unit, 'MW', API_VERSION_RULES[context.version].powerUnits);
    const asset = await controllableAsset(this.repository, this.dataSource.manager, request.address, context.caller);
    const { startMs, valuesMw, duration } = queuesSchedulingJob(context.version)
      ? await this.fromJob(request, asset, context)
      : await this.onDemand(request, asset, context);
    return {
      type: GET_DEVICE_MESSAGE_RESPONSE,
      event: request.event,
      values: convertUnit(valuesMw, 'MW', unit),
      start: formatInstant(startMs),
      duration,
      unit,
    };
  }

  private async fromJob(request: GetDeviceMessageRequest, asset: StorageAsset, context: ControlContext): Promise<Answer> {
    const eventId = request.address.eventId;
    const label = `UDI event ${eventId} of asset ${asset.id}`;
    const job = await this.repository.udiEventJob(this.dataSource.manager, asset.id, eventId);
    if (job === undefined) {
      throw new DomainError('UNRECOGNIZED_UDI_EVENT', `There is no ${label}: post it with postUdiEvent first.`, { eventId });
    }
    if (context.planningTtlMs >= 0 && job.createdAtMs + context.planningTtlMs < context.nowMs) {
      throw new DomainError(
        'UNRECOGNIZED_UDI_EVENT',
        `${label} was posted at ${formatInstant(job.createdAtMs)} and has expired (UDI events are kept for ${millisecondsToIsoDuration(context.planningTtlMs)}).`,
        { eventId },
      );
    }
    const eventType = request.address.eventType;
    if (eventType !== undefined && eventType !== job.eventType) {
      throw new DomainError('UNRECOGNIZED_UDI_EVENT', `${label} was posted as a ${job.eventType} event, not ${eventType}.`, { eventId });
    }
    const window = { resolutionMs: job.resolutionMs, slots: Math.round((job.endMs - job.startMs) / job.resolutionMs) };
    const { slots, duration } = answerSlots(request, window);
    const answer = (valuesMw: number[]): Answer => ({ startMs: job.startMs, valuesMw, duration });
    const stored = await this.storedSchedule(asset, job, slots);
    if (stored !== undefined) return answer(stored);
    if (job.failureStatus !== null) throw this.failure(job, label);
    const state = await this.queue.getJob(QueueName.Scheduling, job.jobId);
    if (state?.status === 'completed' || state?.status === 'failed') {
      // The job finished since the schedule was looked for: its schedule, or the failure it recorded.
      const late = await this.storedSchedule(asset, job, slots);
      if (late !== undefined) return answer(late);
      const recorded = await this.repository.udiEventJob(this.dataSource.manager, asset.id, eventId);
      if (recorded?.failureStatus) throw this.failure(recorded, label);
    }
    throw unknownSchedule(label, state);
  }

  /** The recorded failure of a UDI event's job, with its status (e.g. UNKNOWN_PRICES). */
  private failure(job: UdiEventJob, label: string): DomainError {
    return new DomainError(job.failureStatus ?? 'UNKNOWN_SCHEDULE', `There is no schedule for ${label}: ${job.failureMessage ?? 'its scheduling job failed'}`, {
      jobId: job.jobId,
    });
  }

  /** The first `slots` values of the job's stored schedule in MW, or undefined when it is not (completely) stored. */
  private async storedSchedule(asset: StorageAsset, job: UdiEventJob, slots: number): Promise<number[] | undefined> {
    const sourceId = await this.repository.scriptSourceId(this.dataSource.manager, SCHEDULER_SOURCE);
    if (sourceId === undefined) return undefined;
    const { values } = await this.repository.scheduleValues(this.dataSource.manager, {
      assetId: asset.id,
      sourceId,
      beliefTimeMs: job.beliefTimeMs,
      startMs: job.startMs,
      endMs: job.startMs + slots * job.resolutionMs,
    });
    return values.length === slots ? toMegawatts(values, asset.unit) : undefined;
  }

  /** v1_2: the schedule from the asset's latest UDI event, computed now (not stored). */
  private async onDemand(request: GetDeviceMessageRequest, asset: StorageAsset, context: ControlContext): Promise<Answer> {
    const eventId = request.address.eventId;
    if (asset.socUdiEventId === null || asset.socDatetimeMs === null) {
      throw new DomainError('UNRECOGNIZED_UDI_EVENT', `Asset ${asset.id} has no UDI event yet: post one with postUdiEvent first.`, { eventId });
    }
    if (asset.socUdiEventId !== eventId) {
      throw new DomainError(
        'UNRECOGNIZED_UDI_EVENT',
        `UDI event ${eventId} is not the latest UDI event of asset ${asset.id} (that is ${asset.socUdiEventId}); version 1.2 plans from the latest one.`,
        { eventId, latestEventId: asset.socUdiEventId },
      );
    }
    const window = scheduleWindow(asset.socDatetimeMs, asset.resolutionMs, context.planningHorizonMs);
    const { slots, duration } = answerSlots(request, window);
    const computed = await this.scheduler.compute({
      assetId: asset.id,
      window,
      socAtStartMwh: asset.socMwh ?? 0,
      targets: [],
      pricesKnownAtMs: context.nowMs,
    });
    return { startMs: window.startMs, valuesMw: computed.powerMw.slice(0, slots), duration };
  }
}

interface Answer {
  readonly startMs: number;
  readonly valuesMw: readonly number[];
  readonly duration: string;
}
