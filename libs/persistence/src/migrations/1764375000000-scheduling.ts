import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduling: the charging and discharging efficiency of each asset (the
 * share of energy that arrives; 1 = lossless, the seed's implicit default),
 * and the UDI events that queued a scheduling job — kept for
 * FLEXMEASURES_PLANNING_TTL so getDeviceMessage can find the job, its
 * schedule (beliefs of the scheduler with the job's belief time) or the
 * reason it failed.
 */
export class Scheduling1764375000000 implements MigrationInterface {
  name = 'Scheduling1764375000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      ALTER TABLE asset
        ADD COLUMN charging_efficiency double precision NOT NULL DEFAULT 1 CHECK (charging_efficiency > 0 AND charging_efficiency <= 1),
        ADD COLUMN discharging_efficiency double precision NOT NULL DEFAULT 1 CHECK (discharging_efficiency > 0 AND discharging_efficiency <= 1)`);
    await q(`
      CREATE TABLE udi_event_job (
        asset_id integer NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
        event_id integer NOT NULL,
        event_type varchar(40) NOT NULL,
        job_id varchar(120) NOT NULL,
        schedule_start timestamptz NOT NULL,
        schedule_end timestamptz NOT NULL,
        resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
        belief_time timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        failure_status varchar(80),
        failure_message text,
        PRIMARY KEY (asset_id, event_id)
      )`);
    await q('CREATE INDEX udi_event_job_created_idx ON udi_event_job (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE udi_event_job');
    await queryRunner.query('ALTER TABLE asset DROP COLUMN discharging_efficiency, DROP COLUMN charging_efficiency');
  }
}
