import { parseInstant } from './instant';
import { selectLatestBeliefs, type StoredBelief } from './select-beliefs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T = (hhmm: string): number => parseInstant(`2016-05-01T${hhmm}:00Z`);
const R = 15 * MINUTE;

function belief(start: string, believed: string, value: number, sourceId = 1, cumulativeProbability?: number): StoredBelief {
  return { eventStart: T(start), resolutionMs: R, beliefTime: T(believed), sourceId, value, cumulativeProbability };
}

// One event 13:00–13:15 with a forecast 6 h ahead, one 1 h ahead, and a reading 5 min after.
const history = [
  belief('13:00', '07:15', 10),
  belief('13:00', '12:15', 11),
  belief('13:00', '13:20', 12),
];

describe('selectLatestBeliefs', () => {
  it.each([
    ['no filter: the most recent', {}, [12]],
    ['horizon PT6H (§14.4.5): made at least 6 h before the fact', { horizonMs: 6 * HOUR }, [10]],
    ['horizon PT1H', { horizonMs: HOUR }, [11]],
    ['horizon 0: forecasts only', { horizonMs: 0 }, [11]],
    ['horizon -PT5M: at most 5 min after', { horizonMs: -5 * MINUTE }, [12]],
    ['horizon -PT4M: the reading came too late', { horizonMs: -4 * MINUTE }, [11]],
    ['prior 12:15 is exclusive', { priorMs: T('12:15') }, [10]],
    ['prior 12:16', { priorMs: T('12:16') }, [11]],
    ['horizon PT6H and prior before 07:15: nothing', { horizonMs: 6 * HOUR, priorMs: T('07:15') }, []],
  ])('%s', (_name, selection, values) => {
    expect(selectLatestBeliefs(history, selection).map((b) => b.value)).toEqual(values);
  });

  it('§14.4.5 example: horizon PT6H and prior 2020-08-01T17:00Z', () => {
    const at = (text: string): number => parseInstant(text);
    const beliefs: StoredBelief[] = [
      { eventStart: at('2020-08-01T20:00:00Z'), eventEnd: at('2020-08-01T21:00:00Z'), beliefTime: at('2020-08-01T14:00:00Z'), sourceId: 1, value: 1 },
      { eventStart: at('2020-08-01T20:00:00Z'), eventEnd: at('2020-08-01T21:00:00Z'), beliefTime: at('2020-08-01T15:00:00Z'), sourceId: 1, value: 2 },
      { eventStart: at('2020-08-01T20:00:00Z'), eventEnd: at('2020-08-01T21:00:00Z'), beliefTime: at('2020-08-01T16:00:00Z'), sourceId: 1, value: 9 },
      { eventStart: at('2020-08-01T23:00:00Z'), eventEnd: at('2020-08-02T00:00:00Z'), beliefTime: at('2020-08-01T17:00:00Z'), sourceId: 1, value: 4 },
      { eventStart: at('2020-08-01T20:00:00Z'), eventEnd: at('2020-08-01T21:00:00Z'), beliefTime: at('2020-08-01T17:00:00Z'), sourceId: 1, value: 3 },
    ];
    const selection = { horizonMs: 6 * HOUR, priorMs: at('2020-08-01T17:00:00Z') };
    expect(selectLatestBeliefs(beliefs, selection).map((b) => b.value)).toEqual([2]);
  });

  it('keeps one belief per event, sorted by event start', () => {
    const beliefs = [belief('13:15', '13:00', 2), belief('13:00', '12:00', 1), belief('13:15', '12:00', 0)];
    expect(selectLatestBeliefs(beliefs).map((b) => b.value)).toEqual([1, 2]);
  });

  it('breaks ties on belief time by the highest source id', () => {
    const beliefs = [belief('13:00', '12:00', 1, 3), belief('13:00', '12:00', 2, 7), belief('13:00', '12:00', 3, 5)];
    expect(selectLatestBeliefs(beliefs).map((b) => b.sourceId)).toEqual([7]);
  });

  it('per source when sources are asked for, and only those sources', () => {
    const beliefs = [
      belief('13:00', '12:00', 1, 1),
      belief('13:00', '12:30', 2, 1),
      belief('13:00', '12:45', 3, 2),
      belief('13:00', '12:50', 4, 9),
    ];
    expect(selectLatestBeliefs(beliefs, { sources: [1, 2] }).map((b) => [b.sourceId, b.value])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(selectLatestBeliefs(beliefs, { sources: [] })).toEqual([]);
  });

  it('keeps the cumulative-probability group of the chosen belief together', () => {
    const beliefs = [
      belief('13:00', '12:00', 8, 1, 0.1),
      belief('13:00', '12:00', 10, 1, 0.5),
      belief('13:00', '12:00', 12, 1, 0.9),
      belief('13:00', '11:00', 9, 1, 0.5),
      belief('13:00', '12:00', 11, 2, 0.5),
    ];
    const chosen = selectLatestBeliefs(beliefs);
    expect(chosen.map((b) => [b.sourceId, b.cumulativeProbability, b.value])).toEqual([[2, 0.5, 11]]);
    const fromOne = selectLatestBeliefs(beliefs, { sources: [1] });
    expect(fromOne.map((b) => [b.cumulativeProbability, b.value])).toEqual([
      [0.1, 8],
      [0.5, 10],
      [0.9, 12],
    ]);
  });

  it('uses eventEnd when given, else eventStart + resolution', () => {
    const long: StoredBelief = { eventStart: T('13:00'), eventEnd: T('14:00'), beliefTime: T('08:00'), sourceId: 1, value: 1 };
    expect(selectLatestBeliefs([long], { horizonMs: 6 * HOUR })).toHaveLength(1);
    expect(selectLatestBeliefs([{ ...long, eventEnd: undefined, resolutionMs: R }], { horizonMs: 6 * HOUR })).toHaveLength(0);
    expect(() => selectLatestBeliefs([{ ...long, eventEnd: undefined }], { horizonMs: 0 })).toThrow(/event end/);
  });

  it('is empty for no beliefs', () => {
    expect(selectLatestBeliefs([], { horizonMs: HOUR })).toEqual([]);
  });
});
