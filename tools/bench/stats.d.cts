// Types of stats.cjs for TypeScript importers (stats.spec.ts). Keep in step with the JSDoc there.

export interface Summary {
  /** Middle value of the runs (mean of the two middle values for an even count). */
  median: number;
  min: number;
  max: number;
  /** How many values were summarised. */
  runs: number;
  /** The values in run order. */
  values: number[];
}

/** Throws on an empty array or a value that is not a finite number. */
export function median(values: readonly number[]): number;
/** Throws on an empty array or a value that is not a finite number. */
export function summarise(values: readonly number[]): Summary;
/** value / baseline, or null when there is no baseline (undefined/null) or it is 0. */
export function ratio(value: number, baseline: number | null | undefined): number | null;
/** Per metric: median over the baseline's median of the same metric, or null. */
export function ratios(
  summaries: Readonly<Record<string, Summary>>,
  baselineSummaries: Readonly<Record<string, Summary>> | null | undefined,
): Record<string, number | null>;
