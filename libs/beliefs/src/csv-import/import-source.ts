import { DomainError } from '@flexmeasures/domain';
import type { EntityManager } from 'typeorm';
import { DataSourcesRepository } from '../data-sources.repository';
import type { ImportSource } from './import-options';

/** The type of the data sources that CLI imports name with --source. */
export const CLI_IMPORT_SOURCE_TYPE = 'cli import';

const MAX_NAME_LENGTH = 80;
const IDENTITY = `(name, type, coalesce(user_id, 0), coalesce(model, ''), coalesce(version, ''))`;

/** The data source the imported beliefs get: the user's own, or a named 'cli import' source (created on first use). */
export async function importSourceId(manager: EntityManager, sources: DataSourcesRepository, source: ImportSource): Promise<number> {
  if ('userId' in source) {
    const [user] = await manager.query(`SELECT id FROM fm_user WHERE id = $1`, [source.userId]);
    if (!user) throw new DomainError('INVALID_SOURCE', `There is no user ${source.userId} to be the source of the data.`, { field: 'source' });
    return sources.forUser(manager, source.userId);
  }
  const name = source.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) {
    throw new DomainError('INVALID_SOURCE', `A data source name must have 1 to ${MAX_NAME_LENGTH} characters, e.g. "meter export 2021".`, { field: 'source' });
  }
  await manager.query(`INSERT INTO data_source (name, type) VALUES ($1, $2) ON CONFLICT ${IDENTITY} DO NOTHING`, [name, CLI_IMPORT_SOURCE_TYPE]);
  const [row] = await manager.query(
    `SELECT id FROM data_source WHERE name = $1 AND type = $2 AND user_id IS NULL AND coalesce(model, '') = '' AND coalesce(version, '') = ''`,
    [name, CLI_IMPORT_SOURCE_TYPE],
  );
  return Number(row.id);
}
