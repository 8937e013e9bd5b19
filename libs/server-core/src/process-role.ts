import { PlatformConfig } from '@flexmeasures/config';
import * as os from 'node:os';

/** api: serves HTTP (and runs jobs itself in the embedded default); worker: consumes queues. */
export type ProcessRole = 'api' | 'worker';

export function processIdentity(role: ProcessRole): string {
  return `${role}@${os.hostname()}:${process.pid}`;
}

/** Which process runs the job handlers: workers always, the api only without Redis. */
export function runsJobs(role: ProcessRole, config: PlatformConfig): boolean {
  return role === 'worker' || config.queue.kind === 'in-process';
}
