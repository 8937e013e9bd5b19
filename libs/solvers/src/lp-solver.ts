import type { LinearProgram } from '@flexmeasures/domain';

export type SolverName = 'glpk' | 'highs';

export const SOLVER_NAMES: readonly SolverName[] = ['glpk', 'highs'];

/**
 * - optimal: proven optimal (for a MILP: within the MIP gap)
 * - feasible: a valid solution, not proven optimal (stopped by a limit)
 * - infeasible: proven to have no solution
 * - no-solution: no usable solution (time limit without one, unbounded, solver trouble);
 *   `values` is empty — never an all-zero stand-in
 */
export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution';

export interface SolveOptions {
  /** The solver's own time limit in seconds (both overshoot it somewhat). */
  readonly timeLimitSeconds?: number;
  /** Relative MIP gap at which a MILP counts as solved (defaults: glpk 0, highs 1e-4). */
  readonly mipGap?: number;
}

export interface LpSolution {
  readonly status: SolveStatus;
  /** Objective value including the constant; NaN without a solution. */
  readonly objective: number;
  /** One value per variable, in variable order; empty without a solution. */
  readonly values: Float64Array;
  readonly solver: SolverName;
  /** Wall-clock milliseconds spent in the solver (model translation included). */
  readonly solveMs: number;
  /** What the solver reported when there is no (proven) optimum. */
  readonly detail?: string;
}

export interface LpSolver {
  readonly name: SolverName;
  solve(lp: LinearProgram, options?: SolveOptions): Promise<LpSolution>;
}

export function isSolverName(value: unknown): value is SolverName {
  return SOLVER_NAMES.includes(value as SolverName);
}
