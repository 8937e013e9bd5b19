import type { DataSource, EntityManager } from 'typeorm';

/** The type of the data source that stands for a user posting data. */
export const USER_SOURCE_TYPE = 'user';

const IDENTITY = `(name, type, coalesce(user_id, 0), coalesce(model, ''), coalesce(version, ''))`;

/** Data sources: each user is the source of what it posts; the platform's scripts are sources of their own type. */
export class DataSourcesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user's own source, created on first use (safe against a concurrent first post). */
  async forUser(manager: EntityManager, userId: number): Promise<number> {
    const existing = await manager.query(`SELECT id FROM data_source WHERE type = $1 AND user_id = $2 ORDER BY id LIMIT 1`, [USER_SOURCE_TYPE, userId]);
    if (existing[0]) return Number(existing[0].id);
    await manager.query(
      `INSERT INTO data_source (name, type, user_id) SELECT username, $1, id FROM fm_user WHERE id = $2 ON CONFLICT ${IDENTITY} DO NOTHING`,
      [USER_SOURCE_TYPE, userId],
    );
    const [row] = await manager.query(`SELECT id FROM data_source WHERE type = $1 AND user_id = $2 ORDER BY id LIMIT 1`, [USER_SOURCE_TYPE, userId]);
    return Number(row.id);
  }

  /** A platform script's source (forecaster, scheduler), by name, type, model and version. */
  async forScript(manager: EntityManager, script: { name: string; type: string; model: string; version: string }): Promise<number> {
    const params = [script.name, script.type, script.model, script.version];
    await manager.query(`INSERT INTO data_source (name, type, model, version) VALUES ($1, $2, $3, $4) ON CONFLICT ${IDENTITY} DO NOTHING`, params);
    const [row] = await manager.query(`SELECT id FROM data_source WHERE name = $1 AND type = $2 AND model = $3 AND version = $4 AND user_id IS NULL`, params);
    return Number(row.id);
  }

  /**
   * Source selectors (§14.3): a user id ("42"), a USEF role ("MDC": every
   * user with that role) or a source type ("forecasting script").
   */
  async select(selectors: readonly string[]): Promise<number[]> {
    // Numbers beyond PostgreSQL's integer range cannot be user ids: they match nothing.
    const userIds = selectors.filter((s) => /^\d+$/.test(s)).map(Number).filter((id) => id <= 2_147_483_647);
    const names = selectors.filter((s) => !/^\d+$/.test(s));
    const rows = await this.dataSource.query(
      `SELECT DISTINCT ds.id FROM data_source ds
        WHERE ds.user_id = ANY($1::int[])
           OR ds.user_id IN (SELECT ru.user_id FROM roles_users ru JOIN role r ON r.id = ru.role_id WHERE lower(r.name) = ANY($2::text[]))
           OR lower(ds.type) = ANY($2::text[])
        ORDER BY ds.id`,
      [userIds, names.map((n) => n.toLowerCase())],
    );
    return rows.map((row: { id: number }) => Number(row.id));
  }
}
