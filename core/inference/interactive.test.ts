import { describe, expect, it } from 'vitest';
import { ijk, lps } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import { buildInteractiveInput, pasteInteractive } from './interactive.ts';
import { ModelManifest } from './manifest.ts';

const volume: Volume = {
  dims: [40, 30, 20],
  spacing: [2, 2, 3],
  origin: lps(0, 0, 0),
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  scalars: Int16Array.from({ length: 40 * 30 * 20 }, (_, n) => (n % 40 < 20 ? -1000 : 100)),
};

const manifest = ModelManifest.parse({
  formatVersion: 1,
  id: 'test.prompts',
  version: '1.0.0',
  name: 'prompts',
  task: 'interactive',
  modality: 'CT',
  file: 'model.onnx',
  sha256: '0'.repeat(64),
  licence: { model: 'CC0-1.0' },
  tensor: { layout: 'NCDHW', type: 'float32', input: { name: 'x', shape: [1, 5, 8, 8, 8] }, output: { name: 'y', shape: [1, 1, 8, 8, 8] } },
  channels: [
    { kind: 'image', name: 'ct', normalisation: { type: 'ct', clip: [-1000, 1000], subtract: 0, divide: 1000 } },
    { kind: 'positive-clicks', name: 'pos' },
    { kind: 'box', name: 'box' },
    { kind: 'positive-scribbles', name: 'scribble+' },
    { kind: 'negative-scribbles', name: 'scribble-' },
  ],
  intensity: { interpolation: 'trilinear', outsideValue: -1024 },
  clickEncoding: { shape: 'gaussian', size: 4, unit: 'mm' },
  targetSpacing: null,
  patch: { size: [8, 8, 8], placement: { type: 'prompt-box', marginFactor: 1, marginMm: 8, firstPromptMm: 48, minMm: 24, maxMm: 200, maxAspect: 2 } },
  output: { type: 'probabilities', labels: [], pasteBack: 'trilinear' },
});

const channelSum = (input: Float32Array, c: number) => input.subarray(c * 512, (c + 1) * 512).reduce((a, b) => a + b, 0);

describe('interactive input for other prompt kinds', () => {
  it('draws Gaussian clicks, the box and both scribble kinds into their own channels', () => {
    const built = buildInteractiveInput(manifest, volume, null, {
      clicks: [{ voxel: ijk(20, 15, 10), positive: true }],
      box: { lo: [18, 13, 9], hi: [23, 18, 12] },
      scribbles: { positive: [ijk(21, 15, 10)], negative: [] },
    });
    expect(built.shape).toEqual([1, 5, 8, 8, 8]);
    const max = (c: number) => Math.max(...built.input.subarray(c * 512, (c + 1) * 512));
    // The click sits between patch voxel centres (even patch, box centred on it): half a 6 mm voxel off on
    // each axis, so the nearest voxels get exp(-3 * 3^2 / (2 * 4^2)).
    expect(max(1)).toBeCloseTo(Math.exp(-27 / 32), 5);
    expect(channelSum(built.input, 2)).toBeGreaterThan(0);
    expect(channelSum(built.input, 2)).toBeLessThan(512);
    expect(channelSum(built.input, 3)).toBeGreaterThan(0);
    expect(channelSum(built.input, 4)).toBe(0);
    // Columns 0-19 are air, 20-39 soft tissue: both appear in the image channel around the click.
    const image = built.input.subarray(0, 512);
    expect(Math.min(...image)).toBeLessThan(-0.5);
    expect(Math.max(...image)).toBeGreaterThan(0.05);
  });

  it('pastes probabilities with the 0.5 threshold, changing only voxels inside the box', () => {
    const built = buildInteractiveInput(manifest, volume, null, { clicks: [{ voxel: ijk(20, 15, 10), positive: true }] });
    const all = pasteInteractive(manifest, new Float32Array(512).fill(0.9), built.frame, volume, null);
    expect(all.patch).not.toBeNull();
    const { lo, hi } = all.patch!.box;
    // 48 mm first-prompt cube around (40, 30, 30) mm: i 8..31, j 3..26, k 2..17 (voxel centres inside).
    expect([...lo, ...hi]).toEqual([8, 3, 2, 32, 27, 18]);
    expect(pasteInteractive(manifest, new Float32Array(512).fill(0.4), built.frame, volume, null).patch).toBeNull();
  });
});
