import { loadConfig, redact } from '@flexmeasures/config';
import { ALL_QUEUES, QueueName } from '@flexmeasures/contracts';
import Bull from 'bull';
import { Command, Option } from 'commander';
import { countOf } from '../shared/plural';
import { confirm, stdinIsTerminal } from '../shared/prompt';
import { redisConfig } from './redis-config';
import { parseConcurrency, runWorker, RunWorkerOptions } from './run-worker.command';

const queueOption = (): Option =>
  new Option('--queue <queue>', 'the queue').choices(ALL_QUEUES as readonly string[]).makeOptionMandatory();

/** `flexmeasures jobs …`: work on the job queues in Redis. */
export function jobsCommands(): Command {
  const jobs = new Command('jobs').description('Work on the job queues in Redis (run a worker, clear a queue).');

  jobs
    .command('run-worker')
    .description('Run a worker for one queue in this process until SIGTERM or Ctrl-C (needs REDIS_URL).')
    .addOption(queueOption())
    .option('--name <name>', 'the worker name shown in logs (default worker@<host>:<pid>)')
    .option('--concurrency <n>', 'jobs run at the same time (default FLEXMEASURES_WORKER_CONCURRENCY)', parseConcurrency)
    .action((options: RunWorkerOptions) => runWorker(options));

  jobs
    .command('clear-queue')
    .description('Remove the waiting, delayed and failed jobs of a queue (needs REDIS_URL); running jobs are left alone.')
    .addOption(queueOption())
    .option('--force', 'do not ask for confirmation (needed when stdin is not a terminal)', false)
    .action((options: { queue: QueueName; force: boolean }) => clearQueue(options.queue, options.force));

  return jobs;
}

const TIMEOUT_MS = 5000;

async function clearQueue(name: QueueName, force: boolean): Promise<void> {
  const { url, prefix } = redisConfig(loadConfig(), 'jobs clear-queue');
  const queue = new Bull(name, url, { prefix });
  queue.on('error', () => undefined); // a connection problem surfaces as the timeout below
  try {
    const before = await withTimeout(queue.getJobCounts(), `count the jobs of the ${name} queue at ${redact(url)}`);
    const paused = await withTimeout(queue.getPausedCount(), `count the paused jobs of the ${name} queue`);
    const waiting = before.waiting + paused;
    const what = `${countOf(waiting, 'waiting job')}, ${countOf(before.delayed, 'delayed job')} and ${countOf(before.failed, 'failed job')}`;
    if (waiting + before.delayed + before.failed === 0) {
      console.log(`The ${name} queue has no waiting, delayed or failed jobs; nothing to remove (${countOf(before.active, 'job')} running).`);
      return;
    }
    if (!force) {
      if (!stdinIsTerminal()) throw new Error(`not clearing the ${name} queue (${what}) without confirmation; pass --force to clear it without asking.`);
      if (!(await confirm(`Remove ${what} from the ${name} queue? [y/N]`))) throw new Error('nothing was removed.');
    }
    const removed = { waiting: 0, delayed: 0, failed: 0 };
    for (const status of ['wait', 'paused'] as const) removed.waiting += (await withTimeout(queue.clean(0, status), `clear the ${name} queue`)).length;
    removed.delayed = (await withTimeout(queue.clean(0, 'delayed'), `clear the ${name} queue`)).length;
    removed.failed = (await withTimeout(queue.clean(0, 'failed'), `clear the ${name} queue`)).length;
    console.log(
      `Removed ${countOf(removed.waiting, 'waiting job')}, ${countOf(removed.delayed, 'delayed job')} and ${countOf(removed.failed, 'failed job')} ` +
        `from the ${name} queue; ${countOf(before.active, 'running job')} left alone.`,
    );
  } finally {
    await Promise.race([queue.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`could not ${what}: Redis did not answer within ${TIMEOUT_MS / 1000} s.`)), TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
