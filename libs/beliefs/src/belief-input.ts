/** Beliefs about events of one or more sensors, column by column (epoch milliseconds for times). */
export interface BeliefColumns {
  readonly sensorIds: readonly number[];
  readonly eventStarts: readonly number[];
  readonly beliefTimes: readonly number[];
  readonly values: readonly number[];
  /** Default 0.5: a deterministic belief is its own median. */
  readonly cumulativeProbabilities?: readonly number[];
}

/**
 * The rows of a batch as a derived table `input(sensor_id, event_ms,
 * belief_ms, value, probability, n)`, n counting from 1 in the given order,
 * with its parameters numbered from `firstParam`.
 */
export interface BeliefInput {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Rows already in key order (sensor, event start, belief time, probability). */
  readonly sorted: boolean;
}

/**
 * Most batches are one sensor's regular series: evenly spaced events with
 * one belief time or a rolling horizon, all medians. Such a batch travels as
 * its values plus a few numbers, and PostgreSQL computes the rest; parsing
 * arrays of times was most of an insert's cost. Anything else travels column
 * by column.
 */
export function beliefInput(columns: BeliefColumns, firstParam: number): BeliefInput {
  const $ = (i: number) => `$${firstParam + i}`;
  const sensor = uniform(columns.sensorIds);
  const probability = columns.cumulativeProbabilities === undefined ? 0.5 : uniform(columns.cumulativeProbabilities);
  const events = progression(columns.eventStarts);
  const beliefs = progression(columns.beliefTimes);
  if (sensor !== undefined && probability !== undefined && events !== undefined && beliefs !== undefined) {
    return {
      sql: `(SELECT ${$(0)}::int AS sensor_id, ${$(1)}::float8 + (n - 1) * ${$(2)}::float8 AS event_ms, ${$(3)}::float8 + (n - 1) * ${$(4)}::float8 AS belief_ms,
                    value, ${$(5)}::float8 AS probability, n
               FROM unnest(${$(6)}::float8[]) WITH ORDINALITY AS u(value, n)) AS input`,
      params: [sensor, events.first, events.step, beliefs.first, beliefs.step, probability, arrayLiteral(columns.values)],
      sorted: events.step > 0 || (events.step === 0 && beliefs.step >= 0),
    };
  }
  const probabilities = columns.cumulativeProbabilities ?? new Array<number>(columns.values.length).fill(0.5);
  return {
    sql: `unnest(${$(0)}::int[], ${$(1)}::float8[], ${$(2)}::float8[], ${$(3)}::float8[], ${$(4)}::float8[])
            WITH ORDINALITY AS input(sensor_id, event_ms, belief_ms, value, probability, n)`,
    params: [columns.sensorIds, columns.eventStarts, columns.beliefTimes, columns.values, probabilities].map(arrayLiteral),
    sorted: false,
  };
}

/** The one value all elements share, if they do. */
function uniform(numbers: readonly number[]): number | undefined {
  const first = numbers[0];
  for (const n of numbers) if (n !== first) return undefined;
  return first;
}

/** first + i × step for every element, exactly, if so. */
function progression(numbers: readonly number[]): { first: number; step: number } | undefined {
  const first = numbers[0];
  const step = numbers.length > 1 ? numbers[1] - first : 0;
  for (let i = 0; i < numbers.length; i++) if (numbers[i] !== first + i * step) return undefined;
  return { first, step };
}

/**
 * A PostgreSQL array literal of finite numbers. The driver's own array
 * serialisation quotes and escapes element by element, which for 10,000
 * numbers per column cost more than the insert it fed.
 */
function arrayLiteral(numbers: readonly number[]): string {
  return `{${numbers.join(',')}}`;
}
