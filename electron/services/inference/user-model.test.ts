import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../../core/geometry/volume.ts';
import { thresholdManifest, thresholdModelBytes } from '../../../core/inference/testing/threshold-model.ts';
import { diceCoefficient as dice } from '../../../core/mask/metrics.ts';
import { applyPatch } from '../../../core/mask/patch.ts';
import { readNifti } from '../../../core/nifti/index.ts';
import { InferenceClient } from '../inference-client.ts';
import { AiService } from './ai-service.ts';
import { bundledModelsDir, ModelRegistry } from './registry.ts';

const ctPath = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'totalsegmentator', 'example_ct_sm.nii.gz');
const bytes = thresholdModelBytes();
const sha = createHash('sha256').update(bytes).digest('hex');

function addModel(root: string, name: string, manifest: object, onnx: Uint8Array = bytes): void {
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, 'model.onnx'), onnx);
  writeFileSync(join(root, name, 'model.json'), JSON.stringify(manifest));
}

/**
 * A model the test builds (an ONNX graph thresholding HU), dropped into a user models folder with its
 * manifest and sha256, runs through the registry, the inference host and the sliding window with no code
 * change; models that do not fit are refused with the reason.
 */
describe('a user-supplied auto-contouring model', () => {
  const userDir = mkdtempSync(join(tmpdir(), 'user-models-'));
  const client = new InferenceClient();
  const ai = new AiService(new ModelRegistry({ bundled: bundledModelsDir(), user: userDir }), client);
  let volume: Volume;
  let truth: Uint8Array;
  const spacingKji = (v: Volume): [number, number, number] => [v.spacing[2], v.spacing[1], v.spacing[0]];

  beforeAll(() => {
    volume = readNifti(readFileSync(ctPath), ctPath).volume;
    truth = Uint8Array.from(volume.scalars, (hu) => (hu > -300 ? 1 : 0));
    addModel(userDir, 'threshold', thresholdManifest(sha, [16, 48, 48], spacingKji(volume)));
    addModel(userDir, 'threshold-coarse', { ...thresholdManifest(sha, [16, 48, 48], spacingKji(volume).map((s) => s * 1.6) as [number, number, number]), id: 'test.threshold-coarse' });
    addModel(userDir, 'tampered', { ...thresholdManifest('0'.repeat(64), [16, 48, 48], spacingKji(volume)), id: 'test.tampered' });
    const wrongName = thresholdManifest(sha, [16, 48, 48], spacingKji(volume));
    addModel(userDir, 'misfit', { ...wrongName, id: 'test.misfit', tensor: { ...wrongName.tensor, input: { name: 'input', shape: [1, 1, 16, 48, 48] } } });
    addModel(userDir, 'broken', { ...wrongName, id: 'test.broken', task: 'auto', targetSpacing: null });
  });

  afterAll(() => {
    client.close();
    rmSync(userDir, { recursive: true, force: true });
  });

  it('is listed beside the bundled model; an invalid manifest is listed as rejected with its reason', async () => {
    const { models, rejected } = await ai.models();
    expect(models.map((m) => `${m.source}:${m.id}`)).toEqual(expect.arrayContaining(['bundled:delineate.click3d-ct', 'user:test.threshold-body']));
    expect(rejected).toEqual([expect.objectContaining({ reason: expect.stringMatching(/broken.*model\.json.*targetSpacing: an auto model needs targetSpacing/) })]);
  });

  it('contours the whole volume tile by tile with Gaussian blending, exactly the threshold at its own spacing', async () => {
    const progress: number[] = [];
    const result = await ai.autoContour(volume, 'test.threshold-body', { onProgress: (p) => progress.push(p.done / p.total) });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(1);
    expect(result.structures.map((s) => s.name)).toEqual(['External']);
    expect(result.provenance).toMatchObject({ modelId: 'test.threshold-body', version: '1.0.0', sha256: sha, provider: 'cpu' });
    const mask = new Uint8Array(truth.length);
    applyPatch(mask, volume.dims, result.structures[0]!.patch!);
    let differing = 0;
    for (let n = 0; n < mask.length; n++) differing += mask[n] === truth[n] ? 0 : 1;
    expect(differing).toBe(0);
  });

  it('resamples to a coarser target spacing and back', async () => {
    const result = await ai.autoContour(volume, 'test.threshold-coarse');
    const mask = new Uint8Array(truth.length);
    applyPatch(mask, volume.dims, result.structures[0]!.patch!);
    const d = dice(mask, truth);
    expect(d).toBeGreaterThan(0.95);
    expect(d).toBeLessThan(1);
  });

  it('stops when cancelled, between tiles', async () => {
    const controller = new AbortController();
    const run = ai.autoContour(volume, 'test.threshold-body', { signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses a file whose sha256 is not the manifest one, and a model whose tensors do not fit, naming the mismatch', async () => {
    await expect(ai.autoContour(volume, 'test.tampered')).rejects.toThrow(/sha256 is [0-9a-f]{64}, model\.json says 0{64}/);
    await expect(ai.autoContour(volume, 'test.misfit')).rejects.toThrow(/does not fit its manifest: input "input" is not in the model \(it has "image"\)/);
  });
});
