import { describe, expect, it } from 'vitest';
import { ijk, lps } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import { buildInteractiveInput, pasteInteractive } from './interactive.ts';
import { ModelManifest } from './manifest.ts';
import { thresholdManifest } from './testing/threshold-model.ts';
import { applyPatch, patchFromMask, type MaskPatch } from '../mask/patch.ts';

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

  it('takes a box or a positive scribble without any click; refuses prompts the model has no channel for', () => {
    const boxOnly = buildInteractiveInput(manifest, volume, null, { clicks: [], box: { lo: [18, 13, 9], hi: [23, 18, 12] } });
    // Channels: 0 image, 1 positive clicks, 2 box, 3 positive scribbles, 4 negative scribbles.
    expect(channelSum(boxOnly.input, 2)).toBeGreaterThan(0);
    expect(channelSum(boxOnly.input, 1)).toBe(0);
    // The 48 mm first box is centred on the prompt box's voxel centres (k 9..11 at 3 mm -> 30 mm, j 13..17 at
    // 2 mm -> 30 mm, i 18..22 -> 40 mm).
    expect(boxOnly.frame.loMm).toEqual([30 - 24, 30 - 24, 40 - 24]);
    const scribbled = buildInteractiveInput(manifest, volume, null, { clicks: [], scribbles: { positive: [ijk(20, 15, 10)], negative: [] } });
    expect(channelSum(scribbled.input, 2)).toBe(0);
    expect(channelSum(scribbled.input, 3)).toBeGreaterThan(0);
    expect(() => buildInteractiveInput(manifest, volume, null, { clicks: [], scribbles: { positive: [], negative: [ijk(20, 15, 10)] } })).toThrow(
      'an interaction needs a click, a box or a positive scribble',
    );
    const clicksOnly = ModelManifest.parse({
      ...manifest,
      channels: manifest.channels.slice(0, 2),
      tensor: { ...manifest.tensor, input: { ...manifest.tensor.input, shape: [1, 2, 8, 8, 8] } },
    });
    const click = { voxel: ijk(20, 15, 10), positive: true };
    expect(() => buildInteractiveInput(clicksOnly, volume, null, { clicks: [click], box: { lo: [18, 13, 9], hi: [23, 18, 12] } })).toThrow('takes no box prompt');
    expect(() => buildInteractiveInput(clicksOnly, volume, null, { clicks: [click], scribbles: { positive: [ijk(21, 15, 10)], negative: [] } })).toThrow('takes no scribbles');
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

describe('interaction rules after the paste', () => {
  const bound = ModelManifest.parse({ ...manifest, interaction: { firstPromptPasses: 1, keepClickedComponents: true, bindClicks: true } });
  const click = { voxel: ijk(20, 15, 10), positive: true };
  const frame = buildInteractiveInput(manifest, volume, null, { clicks: [click] }).frame;
  const full = (patch: MaskPatch | null) => {
    const bits = new Uint8Array(40 * 30 * 20);
    if (patch) applyPatch(bits, volume.dims, patch);
    return bits;
  };
  const at = (i: number, j: number, k: number) => i + 40 * (j + 30 * k);
  // Two separate blobs in the 8^3 answer: one around the clicked centre (patch 3..4), one in a corner (0).
  const twoBlobs = new Float32Array(512);
  for (const [k, j, i] of [[3, 3, 3], [3, 3, 4], [3, 4, 3], [4, 3, 3], [4, 4, 4], [0, 0, 0]]) twoBlobs[i! + 8 * (j! + 8 * k!)] = 0.9;

  it('keeps only the components that hold a positive click or touch the previous mask', () => {
    const loose = full(pasteInteractive(manifest, twoBlobs, frame, volume, null, [click]).patch);
    const kept = full(pasteInteractive(bound, twoBlobs, frame, volume, null, [click]).patch);
    // The 48 mm box starts at (16, 6, 6) mm: patch voxel 0 = 6 mm = volume voxels i 8..10, j 3..5, k 2..3.
    expect(loose[at(8, 3, 2)]).toBe(1);
    expect(kept[at(8, 3, 2)]).toBe(0);
    expect(kept[at(20, 15, 10)]).toBe(1);
    // What the mask had before stays, with the answer component touching it.
    const before = new Uint8Array(40 * 30 * 20);
    before[at(8, 3, 2)] = 1;
    const previous = patchFromMask(before, volume.dims, { lo: [8, 3, 2], hi: [9, 4, 3] });
    const withPrevious = full(pasteInteractive(bound, twoBlobs, frame, volume, previous, [click]).patch);
    expect(withPrevious[at(9, 4, 2)]).toBe(1);
  });

  it('refuses passes without a previous-mask channel, and any interaction rule on an auto model', () => {
    const messages = (m: object) => {
      const parsed = ModelManifest.safeParse(m);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ ...manifest, interaction: { firstPromptPasses: 2, keepClickedComponents: false, bindClicks: false } })).toEqual([
      'interaction.firstPromptPasses: firstPromptPasses above 1 feeds the answer back, which needs a previous-mask channel',
    ]);
    const auto = { ...thresholdManifest('0'.repeat(64), [8, 8, 8], [2, 2, 2]), interaction: bound.interaction };
    expect(messages(auto)).toEqual(['interaction: an auto model takes no interaction rule']);
    expect(messages({ ...auto, interaction: undefined })).toEqual([]);
  });

  it('makes the clicked voxels follow their clicks whatever the model said', () => {
    const nothing = pasteInteractive(bound, new Float32Array(512).fill(0.1), frame, volume, null, [click]);
    expect(nothing.foreground).toBe(1);
    expect(full(nothing.patch)[at(20, 15, 10)]).toBe(1);
    expect(pasteInteractive(manifest, new Float32Array(512).fill(0.1), frame, volume, null, [click]).patch).toBeNull();
    const everything = full(pasteInteractive(bound, new Float32Array(512).fill(0.9), frame, volume, null, [click, { voxel: ijk(22, 15, 10), positive: false }]).patch);
    expect(everything[at(22, 15, 10)]).toBe(0);
    expect(everything[at(21, 15, 10)]).toBe(1);
  });
});
