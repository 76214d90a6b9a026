import type { Normalisation } from './manifest.ts';

/** Mean and standard deviation of a volume's values, for 'zscore' normalisation. */
export interface IntensityStats {
  readonly mean: number;
  readonly std: number;
}

export function intensityStats(values: ArrayLike<number>): IntensityStats {
  let sum = 0;
  let sumSq = 0;
  for (let n = 0; n < values.length; n++) {
    const v = values[n]!;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / values.length;
  return { mean, std: Math.sqrt(Math.max(0, sumSq / values.length - mean * mean)) || 1 };
}

/** Writes normalised copies of `values` into `out` at `offset`: CT clip + shift + scale, or z-score. */
export function normaliseInto(
  rule: Normalisation,
  values: Float32Array,
  out: Float32Array,
  offset: number,
  stats: () => IntensityStats,
): void {
  if (rule.type === 'ct') {
    const [lo, hi] = rule.clip;
    const { subtract, divide } = rule;
    for (let n = 0; n < values.length; n++) {
      const v = values[n]!;
      out[offset + n] = ((v < lo ? lo : v > hi ? hi : v) - subtract) / divide;
    }
    return;
  }
  const { mean, std } = stats();
  for (let n = 0; n < values.length; n++) out[offset + n] = (values[n]! - mean) / std;
}
