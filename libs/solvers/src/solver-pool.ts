import type { LinearProgram } from '@flexmeasures/domain';
import { Worker } from 'node:worker_threads';
import { LpSolution, SolveOptions, SolverName } from './lp-solver';
import { solverWorkerLaunch, WorkerLaunch } from './worker-launch';
import { SolveRequest, SolverWorkerMessage, SolverWorkerSetup } from './worker-protocol';

export interface SolverPoolOptions {
  /** Worker threads, each solving one program at a time (default 1). */
  readonly size?: number;
  /** Solvers each worker warms up with a small MILP before taking work (default glpk and highs; [] for none). */
  readonly warmUp?: readonly SolverName[];
  /** How to start a worker; default: the solver worker found by solverWorkerLaunch(). */
  readonly launch?: WorkerLaunch;
}

export interface PoolSolveOptions extends SolveOptions {
  /**
   * Wall clock (seconds, from when a worker takes the job) after which the
   * worker is terminated and the solve settles as 'no-solution'. Default:
   * 1.5 × timeLimitSeconds + 5 (the solvers overshoot their own limits), or
   * 600 without a time limit.
   */
  readonly wallClockLimitSeconds?: number;
}

const DEFAULT_WALL_CLOCK_SECONDS = 600;

export function wallClockLimitMs(options: PoolSolveOptions): number {
  if (options.wallClockLimitSeconds !== undefined) return options.wallClockLimitSeconds * 1000;
  if (options.timeLimitSeconds !== undefined) return (options.timeLimitSeconds * 1.5 + 5) * 1000;
  return DEFAULT_WALL_CLOCK_SECONDS * 1000;
}

interface Job {
  readonly request: SolveRequest;
  readonly wallClockMs: number;
  readonly resolve: (solution: LpSolution) => void;
  readonly reject: (error: Error) => void;
}

type WorkerState = 'starting' | 'idle' | 'busy' | 'stopping';

/** One worker thread and the job it runs; settles the job exactly once, whatever happens to the thread. */
class PoolWorker {
  state: WorkerState = 'starting';
  private job: Job | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastError: Error | undefined;
  private readonly worker: Worker;

  constructor(
    launch: WorkerLaunch,
    setup: SolverWorkerSetup,
    private readonly events: { ready(worker: PoolWorker): void; exited(worker: PoolWorker, error: Error | undefined): void },
  ) {
    this.worker = new Worker(launch.script, { eval: launch.eval, workerData: setup });
    this.worker.on('message', (message: SolverWorkerMessage) => this.onMessage(message));
    this.worker.on('error', (error) => (this.lastError = error));
    this.worker.on('exit', (code) => this.onExit(code, launch));
  }

  run(job: Job): void {
    this.state = 'busy';
    this.job = job;
    this.worker.ref();
    this.timer = setTimeout(() => this.timeOut(job), job.wallClockMs);
    this.worker.postMessage(job.request);
  }

  terminate(): Promise<number> {
    this.state = 'stopping';
    return this.worker.terminate();
  }

  private onMessage(message: SolverWorkerMessage): void {
    switch (message.kind) {
      case 'ready':
        this.state = 'idle';
        this.worker.unref();
        this.events.ready(this);
        return;
      case 'result':
      case 'error': {
        const job = this.job;
        if (job === undefined || job.request.id !== message.id) return;
        this.finish();
        if (message.kind === 'result') job.resolve(message.solution);
        else job.reject(new Error(`Solver ${job.request.solver} failed: ${message.message}`));
        this.events.ready(this);
        return;
      }
    }
  }

  /** The job is over for this worker: no timer, no job; an idle worker does not keep the process alive. */
  private finish(): Job | undefined {
    const job = this.job;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.job = undefined;
    if (this.state === 'busy') this.state = 'idle';
    this.worker.unref();
    return job;
  }

  /** A solve past its wall clock: settle it now, then stop the thread (it cannot be interrupted otherwise). */
  private timeOut(job: Job): void {
    if (this.job !== job) return;
    this.finish();
    this.state = 'stopping';
    const seconds = job.wallClockMs / 1000;
    job.resolve({
      status: 'no-solution',
      objective: Number.NaN,
      values: new Float64Array(0),
      solver: job.request.solver,
      solveMs: job.wallClockMs,
      detail: `wall-clock limit of ${seconds} s reached; the solver worker was stopped`,
    });
    void this.worker.terminate();
  }

  private onExit(code: number, launch: WorkerLaunch): void {
    const wasStarting = this.state === 'starting';
    const stopping = this.state === 'stopping';
    const job = this.finish();
    this.state = 'stopping';
    const reason = this.lastError?.message ?? `exit code ${code}`;
    const error = stopping ? undefined : new Error(`The solver worker (${launch.description}) ${wasStarting ? 'failed to start' : 'stopped'}: ${reason}`);
    job?.reject(error ?? new Error('The solver pool was closed during the solve.'));
    this.events.exited(this, wasStarting ? error : undefined);
  }
}

/**
 * Long-lived worker threads that solve LinearPrograms off the main thread:
 * a solve is one synchronous WASM call that would otherwise block the event
 * loop (and with it e.g. a queue's lock renewal) for seconds. Each worker
 * warms its solvers up once; a solve that outlives its wall clock is settled
 * as 'no-solution' and its worker terminated (and replaced on demand). Idle
 * workers do not keep the process alive; call close() to stop them.
 */
export class SolverPool {
  private readonly size: number;
  private readonly warmUp: readonly SolverName[];
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: Job[] = [];
  private readonly launch: WorkerLaunch;
  private readonly readyWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private nextId = 1;
  private closed = false;

  constructor(options: SolverPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? 1));
    this.warmUp = options.warmUp ?? ['glpk', 'highs'];
    this.launch = options.launch ?? solverWorkerLaunch();
  }

  /** Starts every worker and resolves when all are warm (optional: solve() starts workers on demand). */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The solver pool is closed.'));
    while (this.workers.size < this.size) this.spawn();
    if (this.count('starting') === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  solve(lp: LinearProgram, options: PoolSolveOptions = {}, solver: SolverName = 'glpk'): Promise<LpSolution> {
    if (this.closed) return Promise.reject(new Error('The solver pool is closed.'));
    const { wallClockLimitSeconds: _wallClock, ...solveOptions } = options;
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, lp, options: solveOptions, solver }, wallClockMs: wallClockLimitMs(options), resolve, reject });
      this.dispatch();
    });
  }

  /** Rejects queued solves, stops every worker (running solves reject) and waits for them to exit. */
  async close(): Promise<void> {
    this.closed = true;
    const closedError = new Error('The solver pool was closed before the solve started.');
    for (const job of this.queue.splice(0)) job.reject(closedError);
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(closedError);
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private count(state: WorkerState): number {
    return [...this.workers].filter((worker) => worker.state === state).length;
  }

  private spawn(): void {
    const worker = new PoolWorker(this.launch, { warmUp: this.warmUp }, {
      ready: () => {
        if (this.count('starting') === 0) for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
        this.dispatch();
      },
      exited: (gone, startupError) => {
        this.workers.delete(gone);
        if (startupError !== undefined) {
          // A worker that cannot start will not start on a retry either: fail what waits for one.
          for (const job of this.queue.splice(0)) job.reject(startupError);
          for (const waiter of this.readyWaiters.splice(0)) waiter.reject(startupError);
          return;
        }
        this.dispatch();
      },
    });
    this.workers.add(worker);
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const worker of this.workers) {
      if (worker.state !== 'idle') continue;
      const job = this.queue.shift();
      if (job === undefined) return;
      worker.run(job);
    }
    while (this.queue.length > this.count('starting') && this.workers.size - this.count('stopping') < this.size) this.spawn();
  }
}

/** Solves once in a fresh worker thread (no warm-up) and stops it; for one-off solves. */
export async function solveInWorker(lp: LinearProgram, options: PoolSolveOptions = {}, solver: SolverName = 'glpk'): Promise<LpSolution> {
  const pool = new SolverPool({ size: 1, warmUp: [] });
  try {
    return await pool.solve(lp, options, solver);
  } finally {
    await pool.close();
  }
}
