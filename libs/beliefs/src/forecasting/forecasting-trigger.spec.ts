import { ForecastJobData, JobName, JobState, QueueName } from '@flexmeasures/contracts';
import type { JobQueue, MergeJobData } from '@flexmeasures/jobs';
import type { DataSource } from 'typeorm';
import { BeliefsLanded } from '../belief-events';
import { ForecastingTrigger } from './forecasting-trigger';

const HOUR = 3600_000;
const E = Date.UTC(2015, 5, 1, 12);

interface Call {
  queue: QueueName;
  name: JobName;
  key: string;
  data: ForecastJobData;
  merge: MergeJobData<ForecastJobData>;
  delayMs?: number;
}

/** A queue that records coalesced requests; sensors 5 (15 minutes) and 6 (hourly) exist. */
function setUp() {
  const calls: Call[] = [];
  const queue = {
    enqueueCoalesced: async (queueName: QueueName, name: JobName, key: string, data: ForecastJobData, merge: MergeJobData<ForecastJobData>, options?: { delayMs?: number }) => {
      calls.push({ queue: queueName, name, key, data, merge, delayMs: options?.delayMs });
      return { id: key, queue: queueName, name, status: 'delayed', attemptsMade: 0 } as JobState<JobName.Forecast>;
    },
  } as unknown as JobQueue;
  const resolutions = [
    { id: 5, minutes: 15 },
    { id: 6, minutes: 60 },
  ];
  const dataSource = {
    manager: { query: async (_sql: string, [ids]: [number[]]) => resolutions.filter((r) => ids.includes(r.id)) },
  } as unknown as DataSource;
  const trigger = new ForecastingTrigger(dataSource, queue, { delayMs: 10_000, now: () => E + 5 * 60_000 });
  return { calls, trigger };
}

const landed = (kind: BeliefsLanded['kind'], sensorIds: number[]): BeliefsLanded => ({ kind, sensorIds, startMs: E - 2 * HOUR, endMs: E, stored: 8 });

describe('ForecastingTrigger', () => {
  it('asks for one coalesced job per sensor and horizon, for the events following the new data', async () => {
    const { calls, trigger } = setUp();
    await trigger.onLanded(landed('meter', [5]));
    expect(calls.map((c) => [c.key, c.data.start, c.data.end])).toEqual([
      ['forecast-5-PT1H', '2015-06-01T12:00:00.000Z', '2015-06-01T13:00:00.000Z'],
      ['forecast-5-PT6H', '2015-06-01T12:00:00.000Z', '2015-06-01T18:00:00.000Z'],
      ['forecast-5-PT24H', '2015-06-01T12:00:00.000Z', '2015-06-02T12:00:00.000Z'],
      ['forecast-5-PT48H', '2015-06-01T12:00:00.000Z', '2015-06-03T12:00:00.000Z'],
    ]);
    for (const call of calls) {
      expect(call).toMatchObject({ queue: QueueName.Forecasting, name: JobName.Forecast, delayMs: 10_000, data: { sensorId: 5, forecastTime: '2015-06-01T12:05:00.000Z' } });
      expect(call.merge(call.data, call.data)).toEqual(call.data);
    }
  });

  it('forecasts prices and weather too, and every sensor of a message once', async () => {
    const { calls, trigger } = setUp();
    await trigger.onLanded(landed('price', [6]));
    await trigger.onLanded(landed('weather', [5, 6, 404]));
    expect(calls.map((c) => c.key)).toEqual([
      ...['PT1H', 'PT6H', 'PT24H', 'PT48H'].map((h) => `forecast-6-${h}`),
      ...['PT1H', 'PT6H', 'PT24H', 'PT48H'].map((h) => `forecast-5-${h}`),
      ...['PT1H', 'PT6H', 'PT24H', 'PT48H'].map((h) => `forecast-6-${h}`),
    ]);
  });

  it('leaves prognoses alone: they are someone’s forecasts already', async () => {
    const { calls, trigger } = setUp();
    await trigger.onLanded(landed('prognosis', [5]));
    expect(calls).toEqual([]);
  });
});
