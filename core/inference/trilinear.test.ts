import { describe, expect, it } from 'vitest';
import { axisWeights, clampPositions, sampleSeparable, sampleTrilinear } from './trilinear.ts';
import type { Kji } from './prompt-box.ts';

describe('sampleSeparable', () => {
  it('gives sampleTrilinear\'s samples for positions clamped into the source, edges included', () => {
    const dims: Kji = [5, 7, 6];
    const source = Float32Array.from({ length: 5 * 7 * 6 }, (_, n) => Math.sin(n * 1.7) * 10);
    // Up- and down-sampling, positions past both ends (clamped to 0 and n - 1 exactly).
    const positions = (n: number, count: number) => clampPositions(Float64Array.from({ length: count }, (_, t) => -1.3 + (t * (n + 1.8)) / (count - 1)), n);
    const axes = [positions(5, 11), positions(7, 4), positions(6, 17)].map(axisWeights) as [ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>];
    const count = 11 * 4 * 17;
    const reference = new Float32Array(count);
    // At a position of exactly n - 1 the upper neighbour lies outside with weight 0, so `outside` must be finite.
    sampleTrilinear(source, dims, axes, 0, reference);
    const separable = new Float32Array(count);
    sampleSeparable(source, dims, axes, separable);
    for (let n = 0; n < count; n++) expect(separable[n]).toBeCloseTo(reference[n]!, 4);
    expect(separable[0]).toBeCloseTo(source[0]!, 5);
    expect(separable[count - 1]).toBeCloseTo(source[source.length - 1]!, 5);
  });
});
