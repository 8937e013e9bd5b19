import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When a recurring task (or a job type) last ran and whether it succeeded;
 * external monitors read it with FLEXMEASURES_TASK_CHECK_AUTH_TOKEN.
 */
@Entity({ name: 'latest_task_run' })
export class LatestTaskRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'timestamptz' })
  datetime!: Date;

  @Column({ type: 'boolean' })
  status!: boolean;
}
