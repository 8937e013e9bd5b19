import type { JobState } from '@flexmeasures/contracts';
import { DomainError } from '@flexmeasures/domain';

/**
 * Why there is no schedule (yet) for a UDI event whose job has not stored
 * one and recorded no failure: UNKNOWN_SCHEDULE, with a message saying
 * whether the job waits, runs, waits for a retry, failed after its retries
 * or is gone from the queue.
 */
export function unknownSchedule(eventLabel: string, state: JobState | undefined): DomainError {
  const subject = `The schedule for ${eventLabel} is not ready yet`;
  const details = { jobId: state?.id, jobStatus: state?.status ?? 'unknown' };
  if (state === undefined) {
    return new DomainError(
      'UNKNOWN_SCHEDULE',
      `There is no schedule for ${eventLabel}: its scheduling job is no longer known to the job queue (it may have been lost when the platform restarted). Post a new UDI event.`,
      details,
    );
  }
  switch (state.status) {
    case 'waiting':
      return new DomainError('UNKNOWN_SCHEDULE', `${subject}: its scheduling job (${state.id}) is waiting in the queue. Try again in a moment.`, details);
    case 'active':
      return new DomainError('UNKNOWN_SCHEDULE', `${subject}: its scheduling job (${state.id}) is running. Try again in a moment.`, details);
    case 'delayed':
      return new DomainError(
        'UNKNOWN_SCHEDULE',
        state.attemptsMade > 0
          ? `${subject}: its scheduling job (${state.id}) failed on attempt ${state.attemptsMade}${state.failedReason ? ` (${state.failedReason})` : ''} and waits to be retried.`
          : `${subject}: its scheduling job (${state.id}) is waiting in the queue. Try again in a moment.`,
        details,
      );
    case 'failed':
      return new DomainError(
        'UNKNOWN_SCHEDULE',
        `There is no schedule for ${eventLabel}: its scheduling job (${state.id}) failed after ${state.attemptsMade} attempt${state.attemptsMade === 1 ? '' : 's'}: ${state.failedReason ?? 'no reason given'}.`,
        details,
      );
    case 'completed':
      return new DomainError('UNKNOWN_SCHEDULE', `There is no schedule for ${eventLabel}: its scheduling job (${state.id}) finished, but its schedule is not stored.`, details);
    case 'unknown':
      return new DomainError('UNKNOWN_SCHEDULE', `${subject}: the state of its scheduling job (${state.id}) is unknown. Try again in a moment.`, details);
  }
}
