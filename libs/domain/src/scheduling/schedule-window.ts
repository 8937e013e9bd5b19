import { DomainError } from '../errors/domain-error';
import { formatInstant } from '../beliefs/instant';
import { millisecondsToIsoDuration } from '../time/duration';
import { formatEnergy } from './format-quantities';
import type { SocTarget } from './storage-problem';

/** The slots a schedule covers: [startMs, endMs) in steps of resolutionMs. */
export interface ScheduleWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly resolutionMs: number;
  readonly slots: number;
}

/**
 * The window of a schedule made at `datetimeMs` (a UDI event's datetime):
 * it starts at that time floored to the asset's grid (slots counted from the
 * epoch, UTC — resolutions divide a day) and covers the planning horizon,
 * rounded down to whole slots (at least one).
 */
export function scheduleWindow(datetimeMs: number, resolutionMs: number, horizonMs: number): ScheduleWindow {
  if (!Number.isSafeInteger(resolutionMs) || resolutionMs <= 0) throw new Error(`A resolution must be a positive whole number of ms, got ${resolutionMs}.`);
  if (!(horizonMs > 0)) throw new Error(`A planning horizon must be positive, got ${horizonMs} ms.`);
  const startMs = Math.floor(datetimeMs / resolutionMs) * resolutionMs;
  const slots = Math.max(1, Math.floor(horizonMs / resolutionMs));
  return { startMs, endMs: startMs + slots * resolutionMs, resolutionMs, slots };
}

/** A state-of-charge target at an instant: the SOC (MWh) the device must hold at `datetimeMs`. */
export interface TimedSocTarget {
  readonly datetimeMs: number;
  readonly socMwh: number;
}

export interface SocLimits {
  readonly socMinMwh: number;
  readonly socMaxMwh: number;
}

/** SOC limits are compared with this much slack (MWh), as the storage problem does. */
const LIMIT_SLACK_MWH = 1e-9;

/**
 * Maps targets at instants to the slots of a window: a target at D must hold
 * at the end of the slot ending at D; a D between grid points is floored to
 * the grid (the device is ready by the slot boundary before D, never after
 * it). Every target must lie after the start and within the window, within
 * the SOC limits, and at most one per slot. All problems are reported at
 * once as UNPROCESSABLE_ENTITY with `details.errors` per target
 * (`targets[i]`) and `details.reason` 'INVALID_TARGETS'.
 */
export function targetsToSlots(targets: readonly TimedSocTarget[], window: ScheduleWindow, limits: SocLimits): SocTarget[] {
  const errors: Record<string, string[]> = {};
  const fail = (i: number, message: string) => (errors[`targets[${i}]`] ??= []).push(message);
  const bySlot = new Map<number, number>();
  const mapped: SocTarget[] = [];
  targets.forEach((target, i) => {
    const at = formatInstant(target.datetimeMs);
    const boundary = window.startMs + Math.floor((target.datetimeMs - window.startMs) / window.resolutionMs) * window.resolutionMs;
    const slot = (boundary - window.startMs) / window.resolutionMs - 1;
    if (slot < 0) {
      fail(i, `${at} is not after the start of the schedule (${formatInstant(window.startMs)}); a target must lie at least one slot (${millisecondsToIsoDuration(window.resolutionMs)}) later`);
    } else if (target.datetimeMs > window.endMs) {
      fail(
        i,
        `${at} lies beyond the planning horizon: the schedule covers ${formatInstant(window.startMs)} to ${formatInstant(window.endMs)} (${millisecondsToIsoDuration(window.endMs - window.startMs)})`,
      );
    } else {
      const other = bySlot.get(slot);
      if (other !== undefined) fail(i, `${at} falls on the same slot end (${formatInstant(boundary)}) as targets[${other}]; give one target per slot`);
      else bySlot.set(slot, i);
    }
    if (target.socMwh < limits.socMinMwh - LIMIT_SLACK_MWH || target.socMwh > limits.socMaxMwh + LIMIT_SLACK_MWH) {
      fail(i, `the SOC of ${formatEnergy(target.socMwh, 6)} lies outside the asset's SOC limits [${formatEnergy(limits.socMinMwh, 6)}, ${formatEnergy(limits.socMaxMwh, 6)}]`);
    }
    if (slot >= 0) mapped.push({ slot, socMwh: target.socMwh });
  });
  const fields = Object.keys(errors);
  if (fields.length > 0) {
    throw new DomainError(
      'UNPROCESSABLE_ENTITY',
      `The targets cannot be scheduled: ${fields.map((field) => `${field}: ${errors[field].join('; ')}`).join('. ')}.`,
      { reason: 'INVALID_TARGETS', errors },
    );
  }
  return mapped.sort((a, b) => a.slot - b.slot);
}

/** Prices in consecutive bins of the market's resolution from `startMs`; null where none is known. */
export interface PriceSeries {
  readonly startMs: number;
  readonly resolutionMs: number;
  readonly values: readonly (number | null)[];
}

export interface SlotPrices {
  /** One price per slot of the window (NaN where unknown). */
  readonly prices: readonly number[];
  /** Slots for which some overlapping price is unknown, in order. */
  readonly missingSlots: readonly number[];
}

/**
 * The price of each slot of a window from a market's series: the
 * time-weighted average of the market prices the slot overlaps — hourly
 * prices are upsampled (each 15-minute slot gets its hour's price), finer
 * prices are averaged. A slot is unknown when any overlapped price is.
 */
export function pricesForSlots(series: PriceSeries, window: ScheduleWindow): SlotPrices {
  const prices: number[] = [];
  const missingSlots: number[] = [];
  for (let t = 0; t < window.slots; t++) {
    const from = window.startMs + t * window.resolutionMs;
    const to = from + window.resolutionMs;
    const first = Math.floor((from - series.startMs) / series.resolutionMs);
    const last = Math.ceil((to - series.startMs) / series.resolutionMs) - 1;
    let weighted = 0;
    let known = first >= 0;
    for (let bin = first; known && bin <= last; bin++) {
      const value = series.values[bin];
      if (value === null || value === undefined || !Number.isFinite(value)) {
        known = false;
        break;
      }
      const binStart = series.startMs + bin * series.resolutionMs;
      const overlap = Math.min(to, binStart + series.resolutionMs) - Math.max(from, binStart);
      weighted += value * overlap;
    }
    if (known) {
      prices.push(weighted / window.resolutionMs);
    } else {
      prices.push(Number.NaN);
      missingSlots.push(t);
    }
  }
  return { prices, missingSlots };
}

/** Missing slots as time ranges for people: "10:00–12:00 and 16:00–16:15 on 2015-06-02" style, UTC, at most `limit` ranges. */
export function describeSlotRanges(window: ScheduleWindow, slots: readonly number[], limit = 3): string {
  const ranges: Array<[number, number]> = [];
  for (const slot of slots) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === slot - 1) last[1] = slot;
    else ranges.push([slot, slot]);
  }
  const shown = ranges.slice(0, limit).map(([a, b]) => `${formatInstant(window.startMs + a * window.resolutionMs)} to ${formatInstant(window.startMs + (b + 1) * window.resolutionMs)}`);
  const more = ranges.length > limit ? ` and ${ranges.length - limit} more period${ranges.length - limit === 1 ? '' : 's'}` : '';
  return `${shown.join(', ')}${more}`;
}

/** How many units of a price's currency per MWh one unit of it is: 1000 for KRW/kWh, 1 for EUR/MWh (and units without an energy part). */
export function pricePerMwhFactor(unit: string): number {
  if (/\/\s*kWh$/i.test(unit)) return 1000;
  if (/\/\s*Wh$/.test(unit)) return 1_000_000;
  return 1;
}
