import { DataSource } from 'typeorm';
import { LatestTaskRunEntity } from './entities';

/** Records the latest run of a task or job type (one row per name). */
export async function recordTaskRun(dataSource: DataSource, name: string, succeeded: boolean, at: Date): Promise<void> {
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(LatestTaskRunEntity)
    .values({ name, datetime: at, status: succeeded })
    .orUpdate(['datetime', 'status'], ['name'])
    .execute();
}

export async function latestTaskRuns(dataSource: DataSource): Promise<LatestTaskRunEntity[]> {
  return dataSource.getRepository(LatestTaskRunEntity).find({ order: { name: 'ASC' } });
}
