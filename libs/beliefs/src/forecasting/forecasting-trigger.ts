import { FORECAST_HORIZONS, ForecastJobData, JobName, JobState, QueueName } from '@flexmeasures/contracts';
import { isoDurationToMilliseconds } from '@flexmeasures/domain';
import type { JobQueue } from '@flexmeasures/jobs';
import type { DataSource } from 'typeorm';
import { BeliefEvents, BeliefsLanded, LandedDataKind } from '../belief-events';
import { forecastJobKey, mergeForecastJobs, windowAfterLanding } from './forecast-window';
import { ForecastingRepository } from './forecasting.repository';

/** Measurements, prices and weather are forecast; prognoses are someone's forecasts already. */
const FORECASTED_KINDS: readonly LandedDataKind[] = ['meter', 'price', 'weather'];

export interface ForecastingTriggerOptions {
  /** FLEXMEASURES_FORECASTING_DELAY: a new job waits this long, gathering the data that lands meanwhile. */
  readonly delayMs: number;
  readonly horizons?: readonly string[];
  readonly now?: () => number;
}

/**
 * Queues forecasting jobs when data lands (§4.2: "continuously creates
 * forecasts"): per sensor and horizon, one job for the events following the
 * new data. Jobs are coalesced per sensor and horizon: while one waits, the
 * next data joins it (its window moves to follow the newest data), so a
 * burst of posts makes one job per horizon, never one per post or value.
 */
export class ForecastingTrigger {
  private readonly repository = new ForecastingRepository();
  private readonly horizons: readonly string[];
  private readonly now: () => number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly options: ForecastingTriggerOptions,
  ) {
    this.horizons = options.horizons ?? FORECAST_HORIZONS;
    this.now = options.now ?? Date.now;
  }

  /** Listens to stored beliefs until the returned function is called. */
  attach(events: BeliefEvents): () => void {
    return events.subscribe((event) => this.onLanded(event).then(() => undefined));
  }

  /** The jobs queued (or joined) for one landing. */
  async onLanded(event: BeliefsLanded): Promise<JobState<JobName.Forecast>[]> {
    if (!FORECASTED_KINDS.includes(event.kind)) return [];
    const nowMs = this.now();
    const resolutions = await this.repository.resolutions(this.dataSource.manager, event.sensorIds);
    const queued: JobState<JobName.Forecast>[] = [];
    for (const [sensorId, resolutionMs] of resolutions) {
      for (const horizon of this.horizons) {
        const window = windowAfterLanding(event, resolutionMs, isoDurationToMilliseconds(horizon), nowMs);
        if (window === undefined) continue;
        const data: ForecastJobData = {
          sensorId,
          horizon,
          start: new Date(window.startMs).toISOString(),
          end: new Date(window.endMs).toISOString(),
          forecastTime: new Date(nowMs).toISOString(),
        };
        queued.push(await this.queue.enqueueCoalesced(QueueName.Forecasting, JobName.Forecast, forecastJobKey(sensorId, horizon), data, mergeForecastJobs, { delayMs: this.options.delayMs }));
      }
    }
    return queued;
  }
}
