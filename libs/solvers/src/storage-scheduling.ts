import {
  buildStorageModel,
  hasSimultaneousFlow,
  LinearProgram,
  scheduleFromSolution,
  StorageModel,
  StorageProblem,
  StorageSchedule,
  verifySchedule,
} from '@flexmeasures/domain';
import { LpSolution } from './lp-solver';

export type SolveProgram = (lp: LinearProgram) => Promise<LpSolution>;

export interface StorageScheduled {
  readonly status: 'optimal' | 'feasible';
  readonly schedule: StorageSchedule;
  readonly model: StorageModel;
  readonly solution: LpSolution;
  /** The LP charged and discharged at once somewhere, so the model was solved again with a binary in every slot. */
  readonly resolvedWithBinaries: boolean;
}

export interface StorageNotScheduled {
  readonly status: 'infeasible' | 'no-solution';
  readonly detail: string;
  readonly model: StorageModel;
  readonly solution: LpSolution;
}

export type StorageScheduleResult = StorageScheduled | StorageNotScheduled;

/**
 * Schedules one storage device: builds the model (validation and target
 * reachability throw DomainErrors that name the problem, before any solve),
 * solves it with `solve` (e.g. `(lp) => pool.solve(lp, options, 'highs')`),
 * re-solves with binaries in every slot if the solution still charges and
 * discharges at once, and accepts the schedule only if `verifySchedule`
 * passes — a solver's word alone never becomes a schedule.
 */
export async function scheduleStorage(problem: StorageProblem, solve: SolveProgram): Promise<StorageScheduleResult> {
  let model = buildStorageModel(problem);
  let solution = await solve(model.lp);
  let resolvedWithBinaries = false;
  if ((solution.status === 'optimal' || solution.status === 'feasible') && hasSimultaneousFlow(problem, solution.values)) {
    model = buildStorageModel(problem, { binaries: 'all' });
    solution = await solve(model.lp);
    resolvedWithBinaries = true;
  }
  if (solution.status !== 'optimal' && solution.status !== 'feasible') {
    return { status: solution.status, detail: solution.detail ?? solution.status, model, solution };
  }
  const schedule = scheduleFromSolution(problem, solution.values);
  const check = verifySchedule(problem, schedule);
  if (!check.ok) {
    const shown = check.violations.slice(0, 3).map((violation) => violation.message).join('; ');
    return { status: 'no-solution', detail: `the ${solution.solver} solution fails verification: ${shown}`, model, solution };
  }
  return { status: solution.status, schedule, model, solution, resolvedWithBinaries };
}
