import { JobName, JobState, QueueName } from '@flexmeasures/contracts';
import { unknownSchedule } from './job-state';

const job = (state: Partial<JobState>): JobState => ({ id: 'udi-1-2-3', queue: QueueName.Scheduling, name: JobName.Schedule, status: 'waiting', attemptsMade: 0, ...state });

describe('unknownSchedule', () => {
  it.each([
    ['waiting', job({ status: 'waiting' }), /not ready yet: its scheduling job \(udi-1-2-3\) is waiting in the queue/],
    ['delayed before its first run', job({ status: 'delayed' }), /is waiting in the queue/],
    ['running', job({ status: 'active', attemptsMade: 1 }), /not ready yet: its scheduling job \(udi-1-2-3\) is running/],
    ['waiting for a retry', job({ status: 'delayed', attemptsMade: 2, failedReason: 'connection refused' }), /failed on attempt 2 \(connection refused\) and waits to be retried/],
    ['failed after its retries', job({ status: 'failed', attemptsMade: 5, failedReason: 'connection refused' }), /There is no schedule .*failed after 5 attempts: connection refused/],
    ['gone from the queue', undefined, /no longer known to the job queue .* Post a new UDI event/],
  ])('says so when the job is %s', (_what, state, message) => {
    const error = unknownSchedule('UDI event 3 of asset 1', state);
    expect(error.code).toBe('UNKNOWN_SCHEDULE');
    expect(error.message).toMatch(message);
  });
});
