import { JobName, ScheduleJobData, ScheduleJobResult } from '@flexmeasures/contracts';
import { DomainError } from '@flexmeasures/domain';
import type { ScheduleWindow, SocTarget } from '@flexmeasures/domain';
import { JobContext, JobHandler, PermanentJobError } from '@flexmeasures/jobs';
import type { DataSource } from 'typeorm';
import { ControlRepository } from './control.repository';
import { StorageScheduler } from './storage-scheduler';

const MINUTE = 60_000;

function instant(value: unknown, field: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`${field} must be an ISO 8601 timestamp, got ${JSON.stringify(value)}`);
  return ms;
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

/** The job's window and its targets as slots (a target at D is due at the end of the slot ending at D, or the last one before it). */
export function jobWindow(data: ScheduleJobData): { window: ScheduleWindow; targets: SocTarget[] } {
  const startMs = Date.parse(data.start);
  const endMs = Date.parse(data.end);
  const resolutionMs = data.resolutionMinutes * MINUTE;
  const window = { startMs, endMs, resolutionMs, slots: Math.round((endMs - startMs) / resolutionMs) };
  const targets = data.targets.map((target) => ({ slot: Math.floor((Date.parse(target.datetime) - startMs) / resolutionMs) - 1, socMwh: target.socMwh }));
  return { window, targets };
}

/**
 * The scheduling job (queue `scheduling`): computes the storage schedule of
 * one asset for the job's window from the prices known at the job's belief
 * time, and stores it as beliefs of the scheduler with that belief time, in
 * one transaction. Idempotent: a re-run (a worker died after storing) hits
 * the same keys and stores nothing new. Input problems (unknown prices,
 * infeasible targets, a deleted asset) fail the job at once, and are
 * recorded with the UDI event for getDeviceMessage; anything else (database,
 * solver worker) is thrown as it is, so the queue retries with backoff.
 */
export class ScheduleJobHandler implements JobHandler<JobName.Schedule> {
  readonly name = JobName.Schedule;
  private readonly control = new ControlRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: StorageScheduler,
  ) {}

  parse(data: unknown): ScheduleJobData {
    const value = data as Partial<ScheduleJobData> | null;
    if (typeof value !== 'object' || value === null) throw new Error('expected an object');
    const assetId = finite(value.assetId, 'assetId');
    const startMs = instant(value.start, 'start');
    const endMs = instant(value.end, 'end');
    const resolutionMinutes = finite(value.resolutionMinutes, 'resolutionMinutes');
    if (!Number.isInteger(resolutionMinutes) || resolutionMinutes <= 0) throw new Error('resolutionMinutes must be a positive whole number');
    const slots = (endMs - startMs) / (resolutionMinutes * MINUTE);
    if (!Number.isInteger(slots) || slots < 1) throw new Error('start to end must be a whole number (≥ 1) of slots');
    instant(value.beliefTime, 'beliefTime');
    if (!Array.isArray(value.targets)) throw new Error('targets must be a list');
    value.targets.forEach((target, i) => {
      instant(target?.datetime, `targets[${i}].datetime`);
      finite(target?.socMwh, `targets[${i}].socMwh`);
    });
    return {
      assetId,
      start: value.start as string,
      end: value.end as string,
      resolutionMinutes,
      socAtStartMwh: finite(value.socAtStartMwh, 'socAtStartMwh'),
      targets: value.targets.map((target) => ({ datetime: target.datetime, socMwh: target.socMwh })),
      ...(value.udiEventId === undefined ? {} : { udiEventId: finite(value.udiEventId, 'udiEventId') }),
      ...(value.udiEventType === undefined ? {} : { udiEventType: String(value.udiEventType) }),
      beliefTime: value.beliefTime as string,
    };
  }

  async handle(data: ScheduleJobData, context: JobContext): Promise<ScheduleJobResult> {
    const beliefTimeMs = Date.parse(data.beliefTime);
    const { window, targets } = jobWindow(data);
    let computed;
    try {
      computed = await this.scheduler.compute({
        assetId: data.assetId,
        window,
        socAtStartMwh: data.socAtStartMwh,
        targets,
        // Prices as known at the job's time: a re-run computes the same schedule.
        pricesKnownAtMs: beliefTimeMs,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.recordFailure(data, context, window, error);
      throw new PermanentJobError(error.code, error.message);
    }
    const counts = await this.dataSource.transaction((manager) => this.scheduler.store(manager, computed, beliefTimeMs));
    return {
      assetId: data.assetId,
      beliefTime: new Date(beliefTimeMs).toISOString(),
      slots: window.slots,
      stored: counts.stored,
      costs: computed.schedule.costs,
      solver: computed.solver,
      solveMs: computed.solveMs,
    };
  }

  private async recordFailure(data: ScheduleJobData, context: JobContext, window: ScheduleWindow, error: DomainError): Promise<void> {
    if (data.udiEventId === undefined) return;
    await this.control.recordFailure(this.dataSource.manager, {
      assetId: data.assetId,
      eventId: data.udiEventId,
      eventType: data.udiEventType ?? 'soc',
      jobId: context.jobId,
      startMs: window.startMs,
      endMs: window.endMs,
      resolutionMs: window.resolutionMs,
      beliefTimeMs: Date.parse(data.beliefTime),
      status: error.code,
      message: error.message,
    });
  }
}
