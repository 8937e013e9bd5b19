import { program } from './test/instances';
import { GlpkSolver } from './glpk-solver';

/** glpk.js's constants, and a stand-in whose results each test scripts. */
const mockGlpk = {
  GLP_MIN: 1,
  GLP_MAX: 2,
  GLP_FR: 1,
  GLP_LO: 2,
  GLP_UP: 3,
  GLP_DB: 4,
  GLP_FX: 5,
  GLP_MSG_OFF: 0,
  GLP_UNDEF: 1,
  GLP_FEAS: 2,
  GLP_INFEAS: 3,
  GLP_NOFEAS: 4,
  GLP_OPT: 5,
  GLP_UNBND: 6,
  solve: jest.fn(),
};

jest.mock('./esm-import', () => ({ importEsm: () => Promise.resolve({ default: () => Promise.resolve(mockGlpk) }) }));

const INF = Number.POSITIVE_INFINITY;
/** x + y ≥ 1: all zeros is not a solution. */
const LP = program([['x', 0, 2], ['y', 0, 2]], [1, 2], [[{ 0: 1, 1: 1 }, 1, INF]]);
const MILP = program([['x', 0, 1, 'binary'], ['y', 0, 2]], [1, 2], [[{ 0: 1, 1: 1 }, 1, INF]]);
const zeros = (status: number) => ({ name: 'test', time: 0, result: { status, z: 0, vars: { x0: 0, x1: 0 } } });

describe('GlpkSolver with glpk.js quirks', () => {
  const solver = new GlpkSolver();
  beforeEach(() => mockGlpk.solve.mockReset());

  it('solves with presolve (a MILP fails without it), passing the limits on', async () => {
    mockGlpk.solve.mockReturnValue({ name: 'test', time: 0, result: { status: 5, z: 1, vars: { x0: 1, x1: 0 } } });
    await solver.solve(LP, { timeLimitSeconds: 3, mipGap: 0.01 });
    await solver.solve(MILP);
    expect(mockGlpk.solve.mock.calls.map((call) => call[1])).toEqual([
      { msglev: 0, presol: true, tmlim: 3, mipgap: 0.01 },
      { msglev: 0, presol: true },
    ]);
    const model = mockGlpk.solve.mock.calls[1][0];
    expect(model.binaries).toEqual(['x0']);
    expect(model.subjectTo).toEqual([{ name: 'r0', vars: [{ name: 'x0', coef: 1 }, { name: 'x1', coef: 1 }], bnds: { type: 2, lb: 1, ub: 0 } }]);
  });

  it('reports status 1 with all zeros at the time limit as no-solution, not as values', async () => {
    mockGlpk.solve.mockReturnValue(zeros(1));
    const solution = await solver.solve(MILP, { timeLimitSeconds: 0 });
    expect(solution).toMatchObject({ status: 'no-solution', objective: Number.NaN, detail: 'glpk: time limit of 0 s reached without a solution' });
    expect(solution.values).toHaveLength(0);
  });

  it('tells an infeasible MILP (status 1 before the limit) by its LP relaxation', async () => {
    mockGlpk.solve.mockReturnValueOnce(zeros(1)).mockReturnValueOnce(zeros(4));
    expect(await solver.solve(MILP)).toMatchObject({ status: 'infeasible' });
    expect(mockGlpk.solve.mock.calls[1][0].binaries).toEqual([]);
    expect(mockGlpk.solve.mock.calls[1][1]).toEqual({ msglev: 0, presol: false });
    mockGlpk.solve.mockReturnValueOnce(zeros(1)).mockReturnValueOnce(zeros(5));
    expect(await solver.solve(MILP)).toMatchObject({ status: 'no-solution', detail: 'glpk: solution status 1 (undefined)' });
  });

  it('solves an LP that comes back "undefined" again without presolve: infeasible (4) or its solution', async () => {
    mockGlpk.solve.mockReturnValueOnce(zeros(1)).mockReturnValueOnce(zeros(4));
    expect(await solver.solve(LP, { timeLimitSeconds: 60 })).toMatchObject({ status: 'infeasible', detail: 'glpk: no feasible solution' });
    expect(mockGlpk.solve.mock.calls[1][1]).toEqual({ msglev: 0, presol: false, tmlim: expect.closeTo(60, 0) });
    mockGlpk.solve.mockReturnValueOnce(zeros(1)).mockReturnValueOnce({ name: 'test', time: 0, result: { status: 5, z: 1, vars: { x0: 1, x1: 0 } } });
    const solved = await solver.solve(LP);
    expect(solved.status).toBe('optimal');
    expect(Array.from(solved.values)).toEqual([1, 0]);
  });

  it('never passes on values that break the model, whatever the status says', async () => {
    mockGlpk.solve.mockReturnValue(zeros(5));
    const solution = await solver.solve(LP);
    expect(solution.status).toBe('no-solution');
    expect(solution.detail).toMatch(/glpk reported optimal, but its values break the model \(1: row0 = 0 outside \[1, Infinity\]\)/);
  });

  it.each([
    [4, 'infeasible'],
    [6, 'no-solution'],
    [3, 'no-solution'],
  ])('maps status %d to %s', async (status, expected) => {
    mockGlpk.solve.mockReturnValue(zeros(status));
    expect((await solver.solve(LP)).status).toBe(expected);
  });
});
