/**
 * A solver-agnostic (mixed-integer) linear program: minimise
 * `objectiveConstant + Σ objective[j]·x[j]` subject to
 * `lower ≤ Σ coefficients[k]·x[columns[k]] ≤ upper` per constraint and
 * `lower ≤ x[j] ≤ upper` per variable. Missing bounds are ±Infinity.
 * Solver adapters translate it; the domain never loads a solver.
 */
export type LpVariableKind = 'continuous' | 'integer' | 'binary';

export interface LpVariable {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly kind: LpVariableKind;
}

/** One sparse row; `columns` are variable indices, each at most once. */
export interface LpConstraint {
  readonly name: string;
  readonly columns: readonly number[];
  readonly coefficients: readonly number[];
  readonly lower: number;
  readonly upper: number;
}

export interface LinearProgram {
  readonly name: string;
  readonly sense: 'minimize';
  readonly variables: readonly LpVariable[];
  readonly constraints: readonly LpConstraint[];
  /** Dense: one coefficient per variable. */
  readonly objective: readonly number[];
  readonly objectiveConstant: number;
}

export function isMixedInteger(lp: LinearProgram): boolean {
  return lp.variables.some((variable) => variable.kind !== 'continuous');
}

export function objectiveValue(lp: LinearProgram, values: ArrayLike<number>): number {
  let total = lp.objectiveConstant;
  for (let j = 0; j < lp.objective.length; j++) total += lp.objective[j] * values[j];
  return total;
}

/**
 * What a solution breaks: variable bounds, rows and integrality, each within
 * `tolerance` relative to the size of the quantities involved (at least 1).
 * Adapters use it as a guard, so a solver's "solution" that is not one never
 * becomes a schedule.
 */
export function lpViolations(lp: LinearProgram, values: ArrayLike<number>, tolerance = 1e-6): string[] {
  const found: string[] = [];
  if (values.length !== lp.variables.length) {
    return [`expected ${lp.variables.length} values, got ${values.length}`];
  }
  lp.variables.forEach((variable, j) => {
    const value = values[j];
    const slack = tolerance * Math.max(1, Math.abs(value));
    if (!Number.isFinite(value)) found.push(`${variable.name} is ${value}`);
    else if (value < variable.lower - slack || value > variable.upper + slack) {
      found.push(`${variable.name} = ${value} outside [${variable.lower}, ${variable.upper}]`);
    } else if (variable.kind !== 'continuous' && Math.abs(value - Math.round(value)) > tolerance) {
      found.push(`${variable.name} = ${value} is not whole`);
    }
  });
  for (const row of lp.constraints) {
    let activity = 0;
    let magnitude = 1;
    row.columns.forEach((column, k) => {
      const term = row.coefficients[k] * values[column];
      activity += term;
      magnitude = Math.max(magnitude, Math.abs(term));
    });
    const slack = tolerance * magnitude;
    if (activity < row.lower - slack || activity > row.upper + slack) {
      found.push(`${row.name} = ${activity} outside [${row.lower}, ${row.upper}]`);
    }
  }
  return found;
}
