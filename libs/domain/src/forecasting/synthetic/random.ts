/** A uniform random number generator on [0, 1). */
export type Random = () => number;

/** mulberry32: a small, fast 32-bit generator; the same seed gives the same numbers on every platform. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for one stream (e.g. "temperature", or a forecast issue number) derived from the main seed, so streams do not depend on each other. */
export function seedFor(seed: number, ...labels: readonly (string | number)[]): number {
  // FNV-1a over the seed and labels, then a final avalanche.
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const char of labels.join('\u0000')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** Standard normal numbers by the Box–Muller transform. */
export function gaussian(random: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - random();
    const v = random();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/** A stationary AR(1) process with unit variance: x[t] = φ·x[t−1] + √(1 − φ²)·ε[t]. */
export function autoregressive(normal: () => number, phi: number, steps: number): Float64Array {
  const values = new Float64Array(steps);
  const innovation = Math.sqrt(1 - phi * phi);
  let x = normal();
  for (let t = 0; t < steps; t++) {
    if (t > 0) x = phi * x + innovation * normal();
    values[t] = x;
  }
  return values;
}

/** A Poisson-distributed count with mean `mean` (Knuth's method; fine for the small means used here). */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}
