'use strict';

/**
 * Pure statistics for the benchmark harness. CommonJS on purpose: harness.mjs
 * imports it as ESM, and jest (ts-jest, CommonJS) tests it as stats.spec.ts.
 * Types for TypeScript importers are in stats.d.cts; keep the two in step.
 */

/**
 * @typedef {object} Summary
 * @property {number} median middle value of the runs (mean of the two middle values for an even count)
 * @property {number} min
 * @property {number} max
 * @property {number} runs how many values were summarised
 * @property {number[]} values the values in run order
 */

/**
 * @param {unknown} values
 * @param {string} what names the values in error messages
 * @returns {asserts values is number[]}
 */
function checkValues(values, what) {
  if (!Array.isArray(values)) throw new TypeError(`${what}: expected an array of numbers, got ${typeof values}`);
  if (values.length === 0) throw new RangeError(`${what}: no values to summarise (at least one run is needed)`);
  const bad = values.findIndex((value) => typeof value !== 'number' || !Number.isFinite(value));
  if (bad !== -1) throw new TypeError(`${what}: value ${bad} is not a finite number: ${String(values[bad])}`);
}

/**
 * @param {readonly number[]} values at least one finite number
 * @returns {number}
 */
function median(values) {
  checkValues(values, 'median');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * @param {readonly number[]} values at least one finite number
 * @returns {Summary}
 */
function summarise(values) {
  checkValues(values, 'summarise');
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
    values: [...values],
  };
}

/**
 * value / baseline, or null when there is no baseline (undefined/null) or it is 0.
 * @param {number} value
 * @param {number | null | undefined} baseline
 * @returns {number | null}
 */
function ratio(value, baseline) {
  if (baseline === undefined || baseline === null) return null;
  if (!Number.isFinite(value)) throw new TypeError(`ratio: value is not a finite number: ${String(value)}`);
  if (!Number.isFinite(baseline)) throw new TypeError(`ratio: baseline is not a finite number: ${String(baseline)}`);
  if (baseline === 0) return null;
  return value / baseline;
}

/**
 * For each metric of a case: its median over the baseline's median of the same
 * metric; null for a metric the baseline lacks, or for every metric without a baseline.
 * @param {Readonly<Record<string, Summary>>} summaries
 * @param {Readonly<Record<string, Summary>> | null | undefined} baselineSummaries
 * @returns {Record<string, number | null>}
 */
function ratios(summaries, baselineSummaries) {
  /** @type {Record<string, number | null>} */
  const result = {};
  for (const [metric, summary] of Object.entries(summaries)) {
    const baseline = baselineSummaries ? baselineSummaries[metric] : undefined;
    result[metric] = ratio(summary.median, baseline ? baseline.median : null);
  }
  return result;
}

module.exports = { median, summarise, ratio, ratios };
