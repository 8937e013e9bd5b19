import { MigrationInterface, QueryRunner } from 'typeorm';

export class LatestTaskRun1764374400000 implements MigrationInterface {
  name = 'LatestTaskRun1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE latest_task_run (
        name varchar(80) PRIMARY KEY,
        datetime timestamptz NOT NULL,
        status boolean NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE latest_task_run');
  }
}
