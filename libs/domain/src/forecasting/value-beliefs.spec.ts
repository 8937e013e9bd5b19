import { beliefTimeline, latestBeliefsKnownAt, type ValueBelief } from './value-beliefs';

const H = 3600_000;
const E1 = Date.parse('2016-05-01T12:00:00Z');
const E2 = E1 + H;
// Temperature forecasts for two events, issued at 00:00, 06:00 and 11:00, and the observation after the first event.
const beliefs: ValueBelief[] = [
  { eventStartMs: E1, beliefTimeMs: E1 - 12 * H, value: 10 },
  { eventStartMs: E1, beliefTimeMs: E1 - 6 * H, value: 11 },
  { eventStartMs: E2, beliefTimeMs: E1 - 6 * H, value: 20 },
  { eventStartMs: E1, beliefTimeMs: E1 - 1 * H, value: 12 },
  { eventStartMs: E1, beliefTimeMs: E1 + H, value: 13 },
];

describe('latestBeliefsKnownAt', () => {
  it.each([
    ['before any forecast: nothing', E1 - 13 * H, []],
    ['at the first issue time (inclusive)', E1 - 12 * H, [10]],
    ['between issues: the latest made by then', E1 - 2 * H, [11, 20]],
    ['just before the observation', E1 + H - 1, [12, 20]],
    ['after the observation', E1 + 2 * H, [13, 20]],
  ])('%s', (_, knownAt, values) => {
    expect(latestBeliefsKnownAt(beliefs, knownAt).map((b) => b.value)).toEqual(values);
  });

  it('of two beliefs made at the same time, takes the one given last', () => {
    const twice = [...beliefs, { eventStartMs: E1, beliefTimeMs: E1 - 6 * H, value: 99 }];
    expect(latestBeliefsKnownAt(twice, E1 - 2 * H)[0].value).toBe(99);
  });
});

describe('beliefTimeline', () => {
  it('answers like latestBeliefsKnownAt for every event and time', () => {
    const timeline = beliefTimeline(beliefs);
    for (const knownAt of [E1 - 13 * H, E1 - 12 * H, E1 - 3 * H, E1, E1 + H, E1 + 5 * H]) {
      const latest = new Map(latestBeliefsKnownAt(beliefs, knownAt).map((b) => [b.eventStartMs, b.value]));
      expect([timeline.valueKnownAt(E1, knownAt), timeline.valueKnownAt(E2, knownAt)]).toEqual([latest.get(E1) ?? null, latest.get(E2) ?? null]);
    }
    expect(timeline.valueKnownAt(E2 + H, E1 + 5 * H)).toBeNull();
  });

  it('never answers with a belief made after its limit, nor about events outside its range', () => {
    const timeline = beliefTimeline(beliefs, { notAfterMs: E1 - 6 * H, eventsFromMs: E1, eventsToMs: E2 });
    expect(timeline.valueKnownAt(E1, E1 + 5 * H)).toBe(11);
    expect(timeline.valueKnownAt(E2, E1 + 5 * H)).toBeNull();
  });

  it('keeps "the one given last" for equal belief times, also when given out of order', () => {
    const shuffled = [beliefs[3], { eventStartMs: E1, beliefTimeMs: E1 - 6 * H, value: 7 }, beliefs[0], beliefs[1]];
    expect(beliefTimeline(shuffled).valueKnownAt(E1, E1 - 2 * H)).toBe(11);
    expect(beliefTimeline(shuffled).valueKnownAt(E1, E1)).toBe(12);
  });
});
