import { buildStorageModel, lpViolations } from '@flexmeasures/domain';
import { createSolver } from './create-solver';
import { SOLVER_NAMES } from './lp-solver';
import { solveInWorker, SolverPool, wallClockLimitMs } from './solver-pool';
import { scheduleStorage } from './storage-scheduling';
import { battery, hardWeek } from './test/instances';

/** Runs `work` while a 10 ms interval timer measures how late it fires. */
async function withLagProbe<T>(work: () => Promise<T>): Promise<{ result: T; maxLagMs: number; ticks: number }> {
  let last = Date.now();
  let maxLagMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    maxLagMs = Math.max(maxLagMs, now - last - 10);
    last = now;
    ticks++;
  }, 10);
  try {
    const result = await work();
    return { result, maxLagMs, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('SolverPool (worker threads)', () => {
  const pool = new SolverPool({ size: 1 });

  beforeAll(() => pool.start(), 30_000);
  afterAll(() => pool.close());

  it('gives the same solution as solving in-process', async () => {
    const { lp } = buildStorageModel(battery(96, true));
    for (const name of SOLVER_NAMES) {
      const [inWorker, inProcess] = await Promise.all([pool.solve(lp, {}, name), createSolver(name).solve(lp)]);
      expect(inWorker.status).toBe('optimal');
      // (a Float64Array from another realm than jest's: no instanceof)
      expect(Object.prototype.toString.call(inWorker.values)).toBe('[object Float64Array]');
      expect(inWorker.objective).toBeCloseTo(inProcess.objective, 9);
    }
  });

  it('keeps the event loop responsive during a one-week MILP solve', async () => {
    const { lp, binarySlots } = buildStorageModel(hardWeek());
    expect(binarySlots.length).toBeGreaterThan(200);
    const { result, maxLagMs, ticks } = await withLagProbe(() => pool.solve(lp, { timeLimitSeconds: 2 }, 'glpk'));
    console.log(`one-week MILP (${binarySlots.length} binaries) in a worker, glpk with a 2 s limit: ${result.status} in ${result.solveMs} ms; timer lag ≤ ${maxLagMs} ms over ${ticks} ticks`);
    expect(['feasible', 'optimal']).toContain(result.status);
    expect(lpViolations(lp, result.values)).toEqual([]);
    expect(ticks).toBeGreaterThan(50);
    expect(maxLagMs).toBeLessThan(100);
  });

  it('stops a solve at its wall clock, settles it as no-solution, and carries on with a fresh worker', async () => {
    const { lp } = buildStorageModel(hardWeek());
    const started = Date.now();
    const stopped = await pool.solve(lp, { wallClockLimitSeconds: 1 }, 'glpk');
    const elapsed = Date.now() - started;
    expect(stopped).toMatchObject({ status: 'no-solution', detail: expect.stringMatching(/wall-clock limit of 1 s/) });
    expect(stopped.values).toHaveLength(0);
    expect(elapsed).toBeLessThan(1_500);
    const next = await pool.solve(buildStorageModel(battery(8, false)).lp, {}, 'glpk');
    expect(next.status).toBe('optimal');
  });

  it('rejects a solve whose solver throws, and keeps working', async () => {
    const { lp } = buildStorageModel(battery(8, false));
    const broken = { ...lp, constraints: [{ ...lp.constraints[0], columns: [0, 0], coefficients: [1, 1] }] };
    await expect(pool.solve(broken, {}, 'highs')).rejects.toThrow(/Solver highs failed/);
    expect((await pool.solve(lp, {}, 'highs')).status).toBe('optimal');
  });

  it('schedules two days (192 slots) quickly with either solver', async () => {
    const times: string[] = [];
    for (const [label, problem] of [['2 days LP', battery(192, false)], ['2 days MILP', battery(192, true)], ['1 week LP', battery(672, false)], ['1 week MILP', battery(672, true)]] as const) {
      for (const name of SOLVER_NAMES) {
        const started = Date.now();
        const result = await scheduleStorage(problem, (lp) => pool.solve(lp, {}, name));
        times.push(`${label} ${name}: ${Date.now() - started} ms (${result.status})`);
        expect(result.status).toBe('optimal');
      }
    }
    console.log(`warm worker, scheduleStorage end to end:\n  ${times.join('\n  ')}`);
  });

  it('queues more solves than workers and answers each', async () => {
    const problems = [8, 16, 24, 32].map((slots) => buildStorageModel(battery(slots, true)).lp);
    const solutions = await Promise.all(problems.map((lp, i) => pool.solve(lp, {}, SOLVER_NAMES[i % 2])));
    solutions.forEach((solution, i) => expect(solution.values).toHaveLength(problems[i].variables.length));
  });
});

describe('SolverPool when a worker breaks', () => {
  const { lp } = buildStorageModel(battery(8, false));

  it('rejects the waiting solves when a worker cannot start', async () => {
    const pool = new SolverPool({ launch: { script: "throw new Error('no solver here')", eval: true, description: 'a broken script' } });
    await expect(pool.solve(lp)).rejects.toThrow('The solver worker (a broken script) failed to start: no solver here');
    await pool.close();
  });

  it('rejects the running solve when its worker dies, and starts a new one for the next', async () => {
    const dying = [
      "const { parentPort } = require('node:worker_threads');",
      "parentPort.postMessage({ kind: 'ready', warmUpMs: 0 });",
      'parentPort.on(\'message\', () => process.exit(3));',
    ].join('\n');
    const pool = new SolverPool({ launch: { script: dying, eval: true, description: 'a dying worker' } });
    await expect(pool.solve(lp)).rejects.toThrow('The solver worker (a dying worker) stopped: exit code 3');
    await expect(pool.solve(lp)).rejects.toThrow(/exit code 3/);
    await pool.close();
    await expect(pool.solve(lp)).rejects.toThrow('The solver pool is closed.');
  });
});

describe('solveInWorker', () => {
  it('solves once in a fresh worker and stops it', async () => {
    const solution = await solveInWorker(buildStorageModel(battery(96, false)).lp, {}, 'highs');
    expect(solution.status).toBe('optimal');
  });
});

describe('wallClockLimitMs', () => {
  it.each([
    [{}, 600_000],
    [{ timeLimitSeconds: 10 }, 20_000],
    [{ timeLimitSeconds: 10, wallClockLimitSeconds: 3 }, 3_000],
  ])('%j → %d ms', (options, expected) => {
    expect(wallClockLimitMs(options)).toBe(expected);
  });
});
