import type { CheckStatus, ReadinessReport } from '@flexmeasures/contracts';
import type { JobQueue } from '@flexmeasures/jobs';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE, JOB_QUEUE } from '@flexmeasures/server-core';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';

const CHECK_TIMEOUT_MS = 2000;

@Injectable()
export class ReadinessService implements BeforeApplicationShutdown {
  private stopping = false;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** A stopping process reports not-ready so load balancers send no new work. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async check(): Promise<ReadinessReport> {
    const [database, queue] = await Promise.all([probe(() => this.database.ping()), probe(() => this.queue.check())]);
    if (this.stopping) {
      return { status: 'error', checks: { database: { status: 'down', detail: 'shutting down' }, queue: { status: 'down', detail: 'shutting down' } } };
    }
    const status = database.status === 'up' && queue.status === 'up' ? 'ok' : 'error';
    return { status, checks: { database, queue } };
  }
}

async function probe(check: () => Promise<void>): Promise<{ status: CheckStatus; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
