import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The belief key, ordered for the platform's main question: "the latest
 * belief per event of one sensor in a window". With (sensor, event start,
 * belief time, …) an index scan walks events in order and meets each event's
 * beliefs by belief time, so `DISTINCT ON (event_start) … ORDER BY
 * event_start DESC, belief_time DESC` is a backward scan with no sort, and
 * INCLUDE (event_value) makes it index-only. One index keeps ingest fast.
 * `npm run bench` (query) prints the plan and the execution time.
 */
export class BeliefIndex1764374700000 implements MigrationInterface {
  name = 'BeliefIndex1764374700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE timed_belief DROP CONSTRAINT timed_belief_pkey');
    await queryRunner.query(
      `ALTER TABLE timed_belief ADD CONSTRAINT timed_belief_pkey
         PRIMARY KEY (sensor_id, event_start, belief_time, source_id, cumulative_probability) INCLUDE (event_value)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE timed_belief DROP CONSTRAINT timed_belief_pkey');
    await queryRunner.query(
      'ALTER TABLE timed_belief ADD CONSTRAINT timed_belief_pkey PRIMARY KEY (sensor_id, event_start, source_id, belief_time, cumulative_probability)',
    );
  }
}
