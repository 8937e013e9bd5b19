import { DomainError, formatInstant, POSTED_RESOLUTION_STATUS, TimedValue, upsample } from '@flexmeasures/domain';
import type { SensorInfo } from './sensors.repository';

const QUARTER_HOUR = 15 * 60_000;

/**
 * Events must start on the sensor's grid, so that every stored event is one
 * of the sensor's slots. The grid is checked in UTC up to a quarter-hour
 * (every time zone offset in use is a multiple of 15 minutes, so daily prices
 * that start at local midnight are fine).
 */
export function checkOnGrid(events: readonly TimedValue[], sensor: SensorInfo): void {
  const step = Math.min(sensor.resolutionMs, QUARTER_HOUR);
  const off = events.find((event) => ((event.start % step) + step) % step !== 0);
  if (off) {
    throw new DomainError(
      POSTED_RESOLUTION_STATUS,
      `The value for ${formatInstant(off.start)} does not start on the ${sensor.resolutionMs / 60_000}-minute grid of sensor ${sensor.id}; ` +
        'start values on the hour or a multiple of the resolution thereafter.',
      { start: formatInstant(off.start) },
    );
  }
}

/**
 * Upsamples posted events to the sensor's resolution (coarser posts are
 * spread over its slots); each slot keeps the belief time of the value it
 * came from, because that is when the sender knew it.
 */
export function spreadOverSlots(
  events: readonly TimedValue[],
  beliefTimes: readonly number[],
  resolutionMs: number,
  add: (slot: TimedValue, beliefTime: number) => void,
): void {
  events.forEach((event, i) => {
    if (event.durationMs === resolutionMs) {
      add(event, beliefTimes[i]);
      return;
    }
    for (const slot of upsample([event], resolutionMs)) add(slot, beliefTimes[i]);
  });
}
