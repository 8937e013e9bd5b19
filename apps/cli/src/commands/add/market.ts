import { DataSource } from 'typeorm';
import { collect, CreatedSensor, isUniqueViolation, nameProblem, Problems, resolutionProblem, throwIfAny } from './checks';

export interface NewMarket {
  readonly name: string;
  readonly displayName?: string;
  readonly marketTypeName: string;
  /** A price unit, e.g. EUR/MWh. */
  readonly unit: string;
  /** Minutes; must divide a day. */
  readonly eventResolution: number;
}

/** A currency code (three capital letters), a slash and an energy unit: EUR/MWh, KRW/kWh. */
export const PRICE_UNIT = /^[A-Z]{3}\/(MWh|kWh)$/;

/** Adds a market: a `sensor` row (its prices) and a `market` row with the same id, in one transaction. Names are unique (any case). */
export async function createMarket(dataSource: DataSource, input: NewMarket): Promise<CreatedSensor> {
  const name = input.name.trim();
  const displayName = input.displayName?.trim() ?? name;
  const typeName = input.marketTypeName.trim();
  const unit = input.unit.trim();
  const problems: Problems = collect({
    name: nameProblem(name),
    display_name: input.displayName === undefined ? undefined : nameProblem(displayName),
    market_type_name: await typeProblem(dataSource, typeName),
    unit: PRICE_UNIT.test(unit) ? undefined : 'must be a price unit: a 3-letter currency code, a slash and MWh or kWh (e.g. EUR/MWh, KRW/kWh)',
    event_resolution: resolutionProblem(input.eventResolution),
  });
  if (!problems.name && (await nameTaken(dataSource, name))) problems.name = 'is already used by another market';
  throwIfAny('market', problems);

  try {
    const id = await dataSource.transaction(async (m) => {
      const [{ id: sensorId }] = (await m.query(
        `INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('market', $1, $2, $3) RETURNING id`,
        [name, unit, input.eventResolution],
      )) as { id: number }[];
      await m.query('INSERT INTO market (id, name, display_name, market_type_name) VALUES ($1, $2, $3, $4)', [sensorId, name, displayName, typeName]);
      return sensorId;
    });
    return { id, name };
  } catch (error) {
    // Someone added one with that name in the meantime.
    if (isUniqueViolation(error)) throwIfAny('market', { name: 'is already used by another market' });
    throw error;
  }
}

async function typeProblem(dataSource: DataSource, typeName: string): Promise<string | undefined> {
  if (typeName === '') return 'must be a non-empty string';
  const rows = (await dataSource.query('SELECT name FROM market_type ORDER BY name')) as { name: string }[];
  if (rows.some((row) => row.name === typeName)) return undefined;
  if (rows.length === 0) return `"${typeName}" is not a known market type; there are none yet (run flexmeasures add structure)`;
  return `"${typeName}" is not a known market type (known: ${rows.map((row) => row.name).join(', ')})`;
}

async function nameTaken(dataSource: DataSource, name: string): Promise<boolean> {
  const rows = (await dataSource.query('SELECT 1 FROM market WHERE lower(name) = lower($1)', [name])) as unknown[];
  return rows.length > 0;
}
