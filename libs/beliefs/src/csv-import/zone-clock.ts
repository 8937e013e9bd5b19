import { DomainError } from '@flexmeasures/domain';

const DAY = 24 * 3_600_000;
const CACHED_DAYS = 4096;

/** A wall-clock reading, as if it were UTC: `Date.UTC(year, month − 1, day, hour, …)`. */
export type WallClockMs = number;

/**
 * Reads wall-clock times of one IANA time zone as instants, with Intl (no
 * time zone database of our own). A wall-clock time that occurs twice (when
 * clocks go back) has two instants; one that is skipped (when clocks jump
 * forward) has none.
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  /** UTC offset at the start of each UTC day; Intl is slow, and offsets rarely change within a day. */
  private readonly dayOffsets = new Map<number, number>();

  constructor(readonly zone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new DomainError('INVALID_TIMEZONE', `"${zone}" is not a time zone; name one from the IANA database, e.g. Europe/Amsterdam or UTC.`, { timezone: zone });
    }
  }

  /** The instants at which the zone's clocks show this wall-clock time, earliest first (0, 1 or 2 of them). */
  instantsOf(wall: WallClockMs): number[] {
    // Any offset in force around that time is in force a day before or after it (offsets stay within ±14 h).
    const offsets = new Set([this.offsetAt(wall - DAY), this.offsetAt(wall + DAY)]);
    return [...offsets]
      .map((offset) => wall - offset)
      .filter((instant) => this.offsetAt(instant) === wall - instant)
      .sort((a, b) => a - b);
  }

  /** Milliseconds the zone's clocks are ahead of UTC at an instant. */
  offsetAt(instant: number): number {
    const day = Math.floor(instant / DAY);
    const before = this.dayOffset(day);
    // No change between two midnights (UTC): none in between either, barring two changes in one day.
    return before === this.dayOffset(day + 1) ? before : this.exactOffset(instant);
  }

  private dayOffset(day: number): number {
    let offset = this.dayOffsets.get(day);
    if (offset === undefined) {
      if (this.dayOffsets.size >= CACHED_DAYS) this.dayOffsets.clear();
      offset = this.exactOffset(day * DAY);
      this.dayOffsets.set(day, offset);
    }
    return offset;
  }

  private exactOffset(instant: number): number {
    const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(wholeSeconds)) fields[part.type] = Number(part.value);
    const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    return wall - wholeSeconds;
  }
}
