import type { LinearProgram } from '@flexmeasures/domain';
import { LpSolution, SolveOptions, SolverName } from './lp-solver';

/** Passed as workerData: the solvers to warm up before the worker reports ready. */
export interface SolverWorkerSetup {
  readonly warmUp: readonly SolverName[];
}

export interface SolveRequest {
  readonly id: number;
  readonly lp: LinearProgram;
  readonly options: SolveOptions;
  readonly solver: SolverName;
}

export type SolverWorkerMessage =
  | { readonly kind: 'ready'; readonly warmUpMs: number }
  | { readonly kind: 'result'; readonly id: number; readonly solution: LpSolution }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
