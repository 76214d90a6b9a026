import { describe, expect, it } from 'vitest';
import { gaussianWeights, tileStarts } from './sliding-window.ts';
import { promptBox } from './prompt-box.ts';
import { centreOf } from './simulated-user.ts';
import { lps } from '../geometry/space.ts';

const rule = { type: 'prompt-box', marginFactor: 1.25, marginMm: 32, firstPromptMm: 160, minMm: 96, maxMm: 448, maxAspect: 2 } as const;

describe('prompt box rule', () => {
  it('puts a 160 mm cube on a first click and sizes later boxes from the mask and clicks', () => {
    expect(promptBox(rule, [64, 64, 64], null, [[10, 20, 30]])).toEqual({ loMm: [-70, -60, -50], sizeMm: [160, 160, 160], patch: [64, 64, 64] });
    // Mask 0..40 mm on k, 0..200 on j, 0..100 on i: r = 82, 282, 157; aspect rule lifts k to 141.
    const box = promptBox(rule, [64, 64, 64], { lo: [0, 0, 0], hi: [40, 200, 100] }, [[20, 100, 50]]);
    expect(box.sizeMm).toEqual([141, 282, 157]);
    expect(box.loMm).toEqual([20 - 70.5, 100 - 141, 50 - 78.5]);
  });
});

describe('simulated user', () => {
  it('clicks the centre of a box-shaped structure cut by the edge of the volume inside it, not on the cut face', () => {
    // Fills all 12 slices: without the volume's edge as boundary, slice 0 would tie with the middle and win.
    const dims = [9, 9, 12] as const;
    const bits = new Uint8Array(9 * 9 * 12);
    for (let k = 0; k < 12; k++) for (let j = 1; j < 8; j++) for (let i = 1; i < 8; i++) bits[i + 9 * (j + 9 * k)] = 1;
    const geometry = { dims, spacing: [1, 1, 1] as const, origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as const };
    const centre = centreOf(bits, geometry)!;
    expect([centre[0], centre[1]]).toEqual([4, 4]);
    expect(centre[2]).toBeGreaterThanOrEqual(3);
    expect(centre[2]).toBeLessThanOrEqual(8);
  });
});

describe('sliding window', () => {
  it('spreads tiles evenly with the overlap asked and weights tile centres most', () => {
    expect(tileStarts(100, 40, 0.5)).toEqual([0, 20, 40, 60]);
    expect(tileStarts(30, 40, 0.5)).toEqual([0]);
    const g = gaussianWeights([5, 5, 5], 0.125);
    expect(g[62]).toBeCloseTo(1);
    expect(Math.min(...g)).toBeGreaterThan(0);
    expect(g[0]).toBeLessThan(g[62]!);
  });
});
