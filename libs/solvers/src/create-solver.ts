import { GlpkSolver } from './glpk-solver';
import { HighsSolver } from './highs-solver';
import { LpSolver, SolverName } from './lp-solver';

/** A solver adapter by name; adapters load their WASM on the first solve and keep it. */
export function createSolver(name: SolverName): LpSolver {
  switch (name) {
    case 'glpk':
      return new GlpkSolver();
    case 'highs':
      return new HighsSolver();
  }
}
