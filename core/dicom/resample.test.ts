import { describe, expect, it } from 'vitest';
import { resampleStack } from './resample.ts';

// 3 columns x 1 row planes; values chosen so interpolation errors show.
const planeA = Float32Array.from([0, 10, 20]);
const planeB = Float32Array.from([100, 110, 120]);

describe('resampleStack', () => {
  it('blends the two planes around each target height linearly', () => {
    const target = new Float32Array(3 * 5);
    // Source planes 4 mm apart, target every 1 mm: 0, 1/4, 1/2, 3/4, 1 of the way.
    resampleStack([planeA, planeB], { heights: [0, 4], shifts: [[0, 0], [0, 0]], maxBridgeMm: 10 }, { columns: 3, rows: 1 }, { columns: 3, rows: 1 }, 1, target, -1024);
    expect([...target.subarray(0, 3)]).toEqual([0, 10, 20]);
    expect([...target.subarray(3, 6)]).toEqual([25, 35, 45]);
    expect([...target.subarray(12, 15)]).toEqual([100, 110, 120]);
  });

  it('shifts each plane by its in-plane offset (gantry tilt), air outside', () => {
    const target = new Float32Array(3 * 2);
    // The second plane starts one pixel further along i: target i samples its i - 1.
    resampleStack([planeA, planeB], { heights: [0, 2], shifts: [[0, 0], [1, 0]], maxBridgeMm: 10 }, { columns: 3, rows: 1 }, { columns: 3, rows: 1 }, 2, target, -1024);
    expect([...target.subarray(3, 6)]).toEqual([-1024, 100, 110]);
  });

  it('leaves planes inside a gap too wide to bridge empty, keeping the planes on the slices', () => {
    const target = new Float32Array(3 * 3);
    resampleStack([planeA, planeB], { heights: [0, 40], shifts: [[0, 0], [0, 0]], maxBridgeMm: 10 }, { columns: 3, rows: 1 }, { columns: 3, rows: 1 }, 20, target, -1024);
    expect([...target]).toEqual([0, 10, 20, -1024, -1024, -1024, 100, 110, 120]);
  });

  it('fills a grid wider than the slices: each slice where its shift puts it, air elsewhere', () => {
    // Grid 4 columns wide; the second slice is shifted one column along.
    const target = new Float32Array(4 * 2);
    resampleStack([planeA, planeB], { heights: [0, 2], shifts: [[0, 0], [1, 0]], maxBridgeMm: 10 }, { columns: 3, rows: 1 }, { columns: 4, rows: 1 }, 2, target, -1024);
    expect([...target]).toEqual([0, 10, 20, -1024, -1024, 100, 110, 120]);
  });

  it('samples half-pixel shifts bilinearly', () => {
    const target = new Float32Array(3 * 2);
    resampleStack([planeA, planeB], { heights: [0, 2], shifts: [[0, 0], [0.5, 0]], maxBridgeMm: 10 }, { columns: 3, rows: 1 }, { columns: 3, rows: 1 }, 2, target, 0);
    expect([...target.subarray(3, 6)]).toEqual([50, 105, 115]);
  });
});
