import type { LinearProgram } from '@flexmeasures/domain';
import { isMixedInteger } from '@flexmeasures/domain';
import type { Highs, ModelData } from 'highs';
import { LpSolution, LpSolver, SolveOptions } from './lp-solver';
import { noSolution, withValues } from './solution-guard';

/**
 * highs' declarations type the default export as not callable under
 * node16 resolution (it works at runtime), hence this typed view.
 */
type HighsLoader = () => Promise<Highs>;

let loading: Promise<Highs> | undefined;

function loadHighs(): Promise<Highs> {
  loading ??= import('highs')
    .then((module) => (module as unknown as { default: HighsLoader }).default())
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** The model API's input: bounds as given (±Infinity is HiGHS' infinity), rows as CSR. */
export function toHighsModel(lp: LinearProgram): ModelData {
  const rows = lp.constraints;
  const starts = new Int32Array(rows.length + 1);
  let entries = 0;
  rows.forEach((row, i) => {
    entries += row.columns.length;
    starts[i + 1] = entries;
  });
  const indices = new Int32Array(entries);
  const values = new Float64Array(entries);
  rows.forEach((row, i) => {
    indices.set(row.columns, starts[i]);
    values.set(row.coefficients, starts[i]);
  });
  const mip = isMixedInteger(lp);
  return {
    numCols: lp.variables.length,
    numRows: rows.length,
    offset: lp.objectiveConstant,
    colCost: Float64Array.from(lp.objective),
    colLower: Float64Array.from(lp.variables, (variable) => variable.lower),
    colUpper: Float64Array.from(lp.variables, (variable) => variable.upper),
    rowLower: Float64Array.from(rows, (row) => row.lower),
    rowUpper: Float64Array.from(rows, (row) => row.upper),
    matrix: { format: 'csr', numRows: rows.length, numCols: lp.variables.length, starts, indices, values },
    ...(mip ? { integrality: Int32Array.from(lp.variables, (variable) => (variable.kind === 'continuous' ? 0 : 1)) } : {}),
  };
}

/**
 * HiGHS (1.15, WASM, MIT) through its model API — the LP-text path rejects
 * ranged rows. Every model is disposed: undisposed models grow WASM memory,
 * which never shrinks. After a limit, values are used only when
 * `primal_solution_status` says a feasible solution exists. The first solves
 * in a fresh process are slow while V8 tiers the WASM up: keep solvers in
 * long-lived workers that warm up first (see SolverPool).
 */
export class HighsSolver implements LpSolver {
  readonly name = 'highs' as const;

  async solve(lp: LinearProgram, options: SolveOptions = {}): Promise<LpSolution> {
    const highs = await loadHighs();
    const started = Date.now();
    const model = highs.createModel(toHighsModel(lp));
    try {
      model.options.set({
        output_flag: false,
        ...(options.timeLimitSeconds === undefined ? {} : { time_limit: options.timeLimitSeconds }),
        ...(options.mipGap === undefined ? {} : { mip_rel_gap: options.mipGap }),
      });
      model.run();
      const status = model.getModelStatus();
      const codes = highs.constants.modelStatus;
      const primalFeasible = model.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
      const values = (): Float64Array => Float64Array.from(model.getSolution().colValue);
      switch (status) {
        case codes.optimal:
        case codes.empty:
          if (primalFeasible || lp.variables.length === 0) return withValues(lp, this.name, 'optimal', model.getObjectiveValue(), values(), started);
          return noSolution(this.name, 'no-solution', started, 'highs: optimal status without a primal solution');
        case codes.infeasible:
          return noSolution(this.name, 'infeasible', started, 'highs: infeasible');
        case codes.unboundedOrInfeasible:
          return noSolution(this.name, 'infeasible', started, 'highs: infeasible or unbounded');
        case codes.unbounded:
          return noSolution(this.name, 'no-solution', started, 'highs: the objective is unbounded');
        case codes.loadError:
        case codes.modelError:
          throw new Error(`highs rejected the model ${lp.name} (model status ${status})`);
        case codes.notSet:
        case codes.presolveError:
        case codes.solveError:
        case codes.postsolveError:
        case codes.objectiveBound:
        case codes.objectiveTarget:
        case codes.timeLimit:
        case codes.iterationLimit:
        case codes.unknown:
        case codes.solutionLimit:
        case codes.interrupted: {
          const reason = `highs stopped with model status ${status}${status === codes.timeLimit ? ' (time limit)' : ''}`;
          if (primalFeasible) return withValues(lp, this.name, 'feasible', model.getObjectiveValue(), values(), started, reason);
          return noSolution(this.name, 'no-solution', started, `${reason} without a solution`);
        }
      }
    } finally {
      model.dispose();
    }
  }
}
