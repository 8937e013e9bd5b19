import { LinearProgram, lpViolations } from '@flexmeasures/domain';
import { LpSolution, SolverName, SolveStatus } from './lp-solver';

/** Relative tolerance for accepting a solver's values (solvers work to ~1e-7 on scaled models). */
const ACCEPT_TOLERANCE = 1e-6;

/** A result without a usable solution: no values, NaN objective. */
export function noSolution(solver: SolverName, status: 'infeasible' | 'no-solution', startedMs: number, detail: string): LpSolution {
  return { status, objective: Number.NaN, values: new Float64Array(0), solver, solveMs: Date.now() - startedMs, detail };
}

/**
 * A result with values, but only after checking them against the model: a
 * solver status is not trusted on its own (glpk reports a time limit without
 * a solution as "undefined" with every variable 0, which reads like a valid
 * schedule). Values that break the model become 'no-solution'.
 */
export function withValues(
  lp: LinearProgram,
  solver: SolverName,
  status: Extract<SolveStatus, 'optimal' | 'feasible'>,
  objective: number,
  values: Float64Array,
  startedMs: number,
  detail?: string,
): LpSolution {
  const violations = lpViolations(lp, values, ACCEPT_TOLERANCE);
  if (violations.length > 0) {
    const shown = violations.slice(0, 3).join('; ');
    return noSolution(solver, 'no-solution', startedMs, `${solver} reported ${status}, but its values break the model (${violations.length}: ${shown})`);
  }
  return { status, objective, values, solver, solveMs: Date.now() - startedMs, ...(detail === undefined ? {} : { detail }) };
}
