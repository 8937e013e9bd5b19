import { buildStorageModel, lpViolations } from '@flexmeasures/domain';
import { createSolver } from './create-solver';
import { SOLVER_NAMES } from './lp-solver';
import { hardWeek, program } from './test/instances';

const INF = Number.POSITIVE_INFINITY;

describe.each(SOLVER_NAMES)('the %s adapter', (name) => {
  const solver = createSolver(name);

  it('solves an LP to optimality', async () => {
    // max x + y  s.t.  x + 2y ≤ 4,  3x + y ≤ 6  →  x = 1.6, y = 1.2
    const lp = program([['x', 0, INF], ['y', 0, INF]], [-1, -1], [[{ 0: 1, 1: 2 }, -INF, 4], [{ 0: 3, 1: 1 }, -INF, 6]]);
    const solution = await solver.solve(lp);
    expect(solution).toMatchObject({ status: 'optimal', solver: name });
    expect(solution.objective).toBeCloseTo(-2.8, 9);
    expect(Array.from(solution.values)).toEqual([expect.closeTo(1.6, 9), expect.closeTo(1.2, 9)]);
  });

  it('keeps binaries whole (the LP relaxation would take a third of an item)', async () => {
    // knapsack: values 5, 4, 3; weights 2, 3, 1; capacity 4
    const lp = program([['a', 0, 1, 'binary'], ['b', 0, 1, 'binary'], ['c', 0, 1, 'binary']], [-5, -4, -3], [[{ 0: 2, 1: 3, 2: 1 }, -INF, 4]]);
    const solution = await solver.solve(lp);
    expect(solution.status).toBe('optimal');
    expect(solution.objective).toBeCloseTo(-8, 9);
    expect(Array.from(solution.values).map(Math.round)).toEqual([1, 0, 1]);
  });

  it('handles ranged rows, fixed and free variables', async () => {
    // min x − y + z  s.t.  1 ≤ x + y ≤ 3,  y − z = 0.5 (z free),  x fixed at 0.25
    const lp = program([['x', 0.25, 0.25], ['y', 0, 2], ['z', -INF, INF]], [1, -1, 1], [[{ 0: 1, 1: 1 }, 1, 3], [{ 1: 1, 2: -1 }, 0.5, 0.5]]);
    const solution = await solver.solve(lp);
    expect(solution.status).toBe('optimal');
    expect(lpViolations(lp, solution.values)).toEqual([]);
    expect(solution.objective).toBeCloseTo(0.25 - 0.5, 9);
  });

  it.each([
    ['an LP', undefined],
    ['a MILP', 'binary' as const],
  ])('reports %s without a feasible point as infeasible, with no values', async (_kind, kind) => {
    const lp = program([['x', 0, 1, kind], ['y', 0, 2]], [1, 1], [[{ 0: 1, 1: 1 }, 5, INF]]);
    const solution = await solver.solve(lp);
    expect(solution.status).toBe('infeasible');
    expect(solution.values).toHaveLength(0);
    expect(solution.objective).toBeNaN();
  });

  it('never reports an unbounded LP as a solution', async () => {
    const solution = await solver.solve(program([['x', -INF, INF]], [1], [[{ 0: 1 }, -INF, 3]]));
    expect(['no-solution', 'infeasible']).toContain(solution.status);
    expect(solution.values).toHaveLength(0);
  });

  it('stops at its time limit with no solution or a valid one, never an all-zero stand-in', async () => {
    // a week with 221 binaries: glpk proves no optimum within 20 s, highs needs ~1–3 s
    const { lp } = buildStorageModel(hardWeek());
    const started = Date.now();
    const solution = await solver.solve(lp, { timeLimitSeconds: 0.05 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(['no-solution', 'feasible']).toContain(solution.status);
    if (solution.status === 'no-solution') {
      expect(solution.values).toHaveLength(0);
      expect(solution.objective).toBeNaN();
      expect(solution.detail).toMatch(/time limit/);
    } else {
      expect(lpViolations(lp, solution.values)).toEqual([]);
    }
  });
});
