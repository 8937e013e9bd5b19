import { DomainError } from '../errors/domain-error';
import type { TimedValue } from './timeseries';

/**
 * Status for a posted resolution that does not fit the sensor: the seed's
 * change log (§21.6, v1.3-5, line ~5461) names REQUIRED_INFO_MISSING for the
 * POST-side resolution check. For GET-side (downsampling) problems the seed
 * names nothing, so INVALID_RESOLUTION is used.
 */
export const POSTED_RESOLUTION_STATUS = 'REQUIRED_INFO_MISSING';
export const REQUESTED_RESOLUTION_STATUS = 'INVALID_RESOLUTION';

function requirePositive(resolutionMs: number, status: string): void {
  if (!Number.isInteger(resolutionMs) || resolutionMs <= 0) {
    throw new DomainError(status, `A resolution must be a positive whole number of milliseconds, got ${resolutionMs}.`);
  }
}

/**
 * Spreads coarser posted values over the sensor's finer slots (power is an
 * average, so each slot gets the same value), e.g. 30-minute values for a
 * 15-minute asset. A posted resolution that is finer than, or not a multiple
 * of, the sensor resolution is refused.
 */
export function upsample(events: readonly TimedValue[], targetResolutionMs: number): TimedValue[] {
  requirePositive(targetResolutionMs, POSTED_RESOLUTION_STATUS);
  return events.flatMap((event) => {
    if (event.durationMs % targetResolutionMs !== 0) {
      throw new DomainError(
        POSTED_RESOLUTION_STATUS,
        `Values with a resolution of ${event.durationMs} ms cannot be upsampled to the sensor's ${targetResolutionMs} ms: ` +
          'post values whose resolution is the sensor resolution or a multiple of it.',
        { postedResolutionMs: event.durationMs, sensorResolutionMs: targetResolutionMs },
      );
    }
    const slots = event.durationMs / targetResolutionMs;
    return Array.from({ length: slots }, (_, i) => ({
      start: event.start + i * targetResolutionMs,
      durationMs: targetResolutionMs,
      value: event.value,
    }));
  });
}

function sensorResolution(events: readonly TimedValue[]): number {
  const resolutions = new Set(events.map((event) => event.durationMs));
  if (resolutions.size > 1) {
    throw new DomainError(REQUESTED_RESOLUTION_STATUS, 'Cannot downsample events of mixed resolutions.', {
      resolutionsMs: [...resolutions],
    });
  }
  return events[0].durationMs;
}

function checkAligned(events: readonly TimedValue[], resolutionMs: number, originMs: number): void {
  const starts = new Set<number>();
  for (const event of events) {
    if ((((event.start - originMs) % resolutionMs) + resolutionMs) % resolutionMs !== 0) {
      throw new DomainError(
        REQUESTED_RESOLUTION_STATUS,
        `The event at ${new Date(event.start).toISOString()} is not aligned to the ${resolutionMs} ms grid.`,
        { start: event.start },
      );
    }
    if (starts.has(event.start)) {
      throw new DomainError('UNPROCESSABLE_ENTITY', 'Cannot downsample two values for the same event.', {
        start: event.start,
      });
    }
    starts.add(event.start);
  }
}

/**
 * Averages events of the sensor resolution into bins of `targetResolutionMs`,
 * which must be a multiple of it. Bins are anchored at `originMs` (default the
 * epoch, i.e. the UTC clock: hourly bins on the hour, daily bins at UTC
 * midnight). A bin holds the average of the events present in it; bins
 * without events are left out.
 */
export function downsample(
  events: readonly TimedValue[],
  targetResolutionMs: number,
  originMs = 0,
): TimedValue[] {
  requirePositive(targetResolutionMs, REQUESTED_RESOLUTION_STATUS);
  if (events.length === 0) return [];
  const resolutionMs = sensorResolution(events);
  if (targetResolutionMs % resolutionMs !== 0) {
    throw new DomainError(
      REQUESTED_RESOLUTION_STATUS,
      `A resolution of ${targetResolutionMs} ms is not a multiple of the sensor's ${resolutionMs} ms resolution.`,
      { requestedResolutionMs: targetResolutionMs, sensorResolutionMs: resolutionMs },
    );
  }
  checkAligned(events, resolutionMs, originMs);
  const bins = new Map<number, number[]>();
  for (const event of events) {
    const binStart = originMs + Math.floor((event.start - originMs) / targetResolutionMs) * targetResolutionMs;
    bins.set(binStart, [...(bins.get(binStart) ?? []), event.value]);
  }
  return [...bins.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, values]) => ({
      start,
      durationMs: targetResolutionMs,
      value: values.reduce((sum, value) => sum + value, 0) / values.length,
    }));
}
