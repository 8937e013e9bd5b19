import type { LinearProgram } from '@flexmeasures/domain';
import { isMixedInteger, objectiveValue } from '@flexmeasures/domain';
import { importEsm } from './esm-import';
import { LpSolution, LpSolver, SolveOptions } from './lp-solver';
import { noSolution, withValues } from './solution-guard';

/** The parts of glpk.js's Node API used here (glpk.js/node, GPL-3.0). */
type GlpkModule = typeof import('glpk.js/node', { with: { 'resolution-mode': 'import' } });
type Glpk = Awaited<ReturnType<GlpkModule['default']>>;
type GlpkModel = Parameters<Glpk['solve']>[0];
type GlpkBounds = GlpkModel['subjectTo'][number]['bnds'];

let loading: Promise<Glpk> | undefined;

/** glpk.js is ES-only and must come from 'glpk.js/node' (the default entry needs a browser Worker). */
function loadGlpk(): Promise<Glpk> {
  loading ??= importEsm<GlpkModule>('glpk.js/node')
    .then((module) => module.default())
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

const column = (j: number): string => `x${j}`;

function bounds(glpk: Glpk, lower: number, upper: number): GlpkBounds {
  const hasLower = lower > Number.NEGATIVE_INFINITY;
  const hasUpper = upper < Number.POSITIVE_INFINITY;
  if (hasLower && hasUpper) return { type: lower === upper ? glpk.GLP_FX : glpk.GLP_DB, lb: lower, ub: upper };
  if (hasLower) return { type: glpk.GLP_LO, lb: lower, ub: 0 };
  if (hasUpper) return { type: glpk.GLP_UP, lb: 0, ub: upper };
  return { type: glpk.GLP_FR, lb: 0, ub: 0 };
}

/** glpk.js's JSON model; columns and rows are named by position (x0…, r0…), so names need no escaping. */
export function toGlpkModel(glpk: Glpk, lp: LinearProgram, relax = false): GlpkModel {
  return {
    name: lp.name,
    objective: {
      direction: glpk.GLP_MIN,
      name: 'objective',
      // every column appears here, so glpk creates it even if no row uses it
      vars: lp.objective.map((coef, j) => ({ name: column(j), coef })),
    },
    subjectTo: lp.constraints.map((row, i) => ({
      name: `r${i}`,
      vars: row.columns.map((j, k) => ({ name: column(j), coef: row.coefficients[k] })),
      bnds: bounds(glpk, row.lower, row.upper),
    })),
    bounds: lp.variables.map((variable, j) => ({ name: column(j), ...bounds(glpk, variable.lower, variable.upper) })),
    binaries: relax ? [] : lp.variables.flatMap((variable, j) => (variable.kind === 'binary' ? [column(j)] : [])),
    generals: relax ? [] : lp.variables.flatMap((variable, j) => (variable.kind === 'integer' ? [column(j)] : [])),
  };
}

/**
 * glpk.js (GLPK 5 in WASM). Statuses: 5 optimal, 2 feasible (also when it
 * stops at the MIP gap), 4 no feasible solution, 1 undefined. Quirks handled:
 * presolve is on (a MILP fails without it, and it speeds up large LPs), but
 * with presolve an infeasible LP comes back as 1, not 4; a time limit with no
 * solution returns 1 with z = 0 and every variable 0. So status 1 is never
 * read as values: past ~the time limit it is 'no-solution'; before it, the LP
 * (or the MILP's LP relaxation) is solved again without presolve, which tells
 * 'infeasible' apart (and, for an LP, gives the solution).
 */
export class GlpkSolver implements LpSolver {
  readonly name = 'glpk' as const;

  async solve(lp: LinearProgram, options: SolveOptions = {}): Promise<LpSolution> {
    const glpk = await loadGlpk();
    const started = Date.now();
    const mip = isMixedInteger(lp);
    const result = glpk.solve(toGlpkModel(glpk, lp), {
      msglev: glpk.GLP_MSG_OFF,
      presol: true,
      ...(options.timeLimitSeconds === undefined ? {} : { tmlim: options.timeLimitSeconds }),
      ...(options.mipGap === undefined ? {} : { mipgap: options.mipGap }),
    }).result;
    const values = (): Float64Array => Float64Array.from(lp.variables, (_, j) => result.vars[column(j)] ?? Number.NaN);
    switch (result.status) {
      case glpk.GLP_OPT:
        return this.accept(lp, 'optimal', values(), started);
      case glpk.GLP_FEAS:
        return this.accept(lp, 'feasible', values(), started, 'stopped at the MIP gap or the time limit with a solution');
      case glpk.GLP_NOFEAS:
        return noSolution(this.name, 'infeasible', started, 'glpk: no feasible solution');
      case glpk.GLP_UNBND:
        return noSolution(this.name, 'no-solution', started, 'glpk: the objective is unbounded');
      default:
        return this.undefinedStatus(glpk, lp, options, mip, result.status, started);
    }
  }

  private accept(lp: LinearProgram, status: 'optimal' | 'feasible', values: Float64Array, started: number, detail?: string): LpSolution {
    // glpk's z is computed in the WASM; recomputing keeps the objective consistent with the values returned
    return withValues(lp, this.name, status, objectiveValue(lp, values), values, started, detail);
  }

  private undefinedStatus(glpk: Glpk, lp: LinearProgram, options: SolveOptions, mip: boolean, status: number, started: number): LpSolution {
    const limit = options.timeLimitSeconds;
    if (limit !== undefined && Date.now() - started >= 0.9 * limit * 1000) {
      return noSolution(this.name, 'no-solution', started, `glpk: time limit of ${limit} s reached without a solution`);
    }
    const remaining = limit === undefined ? {} : { tmlim: Math.max(0.1, limit - (Date.now() - started) / 1000) };
    const relaxation = glpk.solve(toGlpkModel(glpk, lp, true), { msglev: glpk.GLP_MSG_OFF, presol: false, ...remaining }).result;
    if (relaxation.status === glpk.GLP_NOFEAS) {
      return noSolution(this.name, 'infeasible', started, mip ? 'glpk: even the LP relaxation has no feasible solution' : 'glpk: no feasible solution');
    }
    if (!mip && relaxation.status === glpk.GLP_OPT) {
      return this.accept(lp, 'optimal', Float64Array.from(lp.variables, (_, j) => relaxation.vars[column(j)] ?? Number.NaN), started);
    }
    const meaning = status === glpk.GLP_INFEAS ? 'an infeasible point' : 'undefined';
    return noSolution(this.name, 'no-solution', started, `glpk: solution status ${status} (${meaning})`);
  }
}
