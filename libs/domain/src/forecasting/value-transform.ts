/**
 * Transforms of the outcome before fitting. Power profiles with many zeros
 * (solar at night, idle charge points) are skewed against a bound; a Box–Cox
 * transform of the shifted values, z = ((s·y + c)^λ − 1)/λ (log for λ = 0),
 * makes the residuals closer to normal, so intervals from the residual
 * standard error fit better and become asymmetric once transformed back. The
 * sign s turns production stored as negative values towards the positive
 * side; the offset c > 0 keeps zeros (and anything above the lowest value
 * seen) in the transform's domain.
 */
export type ValueTransform =
  | { readonly kind: 'identity' }
  | { readonly kind: 'box-cox'; readonly lambda: number; readonly offset: number; readonly sign: 1 | -1 };

export const IDENTITY: ValueTransform = { kind: 'identity' };

/** The λ values tried when fitting a Box–Cox transform. */
export const BOX_COX_LAMBDAS: readonly number[] = [0, 0.25, 0.5];

/** The share of the value range added to the offset, so the lowest value does not map to −∞. */
const OFFSET_SHARE = 0.05;

/** The shifted value s·y + c, kept inside the transform's domain (values below the lowest one seen are clamped). */
function shifted(t: { offset: number; sign: 1 | -1 }, y: number): number {
  return Math.max(t.sign * y + t.offset, t.offset * 1e-3);
}

export function forwardTransform(t: ValueTransform, y: number): number {
  if (t.kind === 'identity') return y;
  const u = shifted(t, y);
  return t.lambda === 0 ? Math.log(u) : (Math.pow(u, t.lambda) - 1) / t.lambda;
}

export function inverseTransform(t: ValueTransform, z: number): number {
  if (t.kind === 'identity') return z;
  let u: number;
  if (t.lambda === 0) u = Math.exp(z);
  else {
    const base = t.lambda * z + 1;
    u = base > 0 ? Math.pow(base, 1 / t.lambda) : 0;
  }
  return t.sign * (u - t.offset);
}

/** log |dz/dy| summed over values: the Jacobian term of the Box–Cox likelihood. */
export function logJacobian(t: ValueTransform, values: ArrayLike<number>): number {
  if (t.kind === 'identity') return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (t.lambda - 1) * Math.log(shifted(t, values[i]));
  return sum;
}

/**
 * The sign and offset of a Box–Cox transform for these values (λ is chosen
 * separately): the sign puts the bulk of the magnitude on the positive side,
 * the offset lifts the lowest value to a small positive number.
 */
export function boxCoxShift(values: ArrayLike<number>): { offset: number; sign: 1 | -1 } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (!(min <= max)) return { offset: 1, sign: 1 };
  const sign: 1 | -1 = Math.abs(max) >= Math.abs(min) ? 1 : -1;
  const low = sign === 1 ? min : -max;
  const range = max - min;
  return { sign, offset: -low + Math.max(OFFSET_SHARE * range, 1e-9) };
}

/** The share of values that are (practically) zero: such series get a Box–Cox candidate. */
export function zeroShare(values: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]));
  if (values.length === 0 || scale === 0) return values.length === 0 ? 0 : 1;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) <= 1e-6 * scale) zeros++;
  return zeros / values.length;
}
