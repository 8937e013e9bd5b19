import { beliefInput } from './belief-input';

const Q = 15 * 60_000;
const T0 = Date.UTC(2021, 0, 1);

describe('beliefInput', () => {
  const regular = {
    sensorIds: [7, 7, 7],
    eventStarts: [T0, T0 + Q, T0 + 2 * Q],
    beliefTimes: [T0 + Q, T0 + 2 * Q, T0 + 3 * Q],
    values: [1.5, -2, 0],
  };

  it('sends a regular series of one sensor as its values plus first times and steps', () => {
    const input = beliefInput(regular, 2);
    expect(input.params).toEqual([7, T0, Q, T0 + Q, Q, 0.5, '{1.5,-2,0}']);
    expect(input.sql).toContain('$2::int AS sensor_id');
    expect(input.sql).toContain('unnest($8::float8[])');
    expect(input.sorted).toBe(true);
  });

  it('treats one belief time for every event as a progression with step 0', () => {
    const input = beliefInput({ ...regular, beliefTimes: [T0, T0, T0] }, 1);
    expect(input.params.slice(0, 5)).toEqual([7, T0, Q, T0, 0]);
  });

  it('sends anything irregular column by column, as array literals, and leaves the ordering to PostgreSQL', () => {
    const cases = [
      { ...regular, sensorIds: [7, 8, 7] },
      { ...regular, eventStarts: [T0, T0 + Q, T0 + 3 * Q] },
      { ...regular, beliefTimes: [T0, T0, T0 + Q] },
      { ...regular, cumulativeProbabilities: [0.5, 0.5, 0.9] },
    ];
    for (const columns of cases) {
      const input = beliefInput(columns, 2);
      expect(input.params).toHaveLength(5);
      expect(input.params[3]).toBe('{1.5,-2,0}');
      expect(input.sql).toContain('unnest($2::int[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])');
      expect(input.sorted).toBe(false);
    }
    expect(beliefInput(cases[3], 1).params[4]).toBe('{0.5,0.5,0.9}');
  });

  it('marks descending events as unsorted, so the insert still goes in key order', () => {
    const input = beliefInput({ ...regular, eventStarts: [...regular.eventStarts].reverse(), beliefTimes: [T0, T0, T0] }, 2);
    expect(input.params.slice(1, 3)).toEqual([T0 + 2 * Q, -Q]);
    expect(input.sorted).toBe(false);
  });
});
