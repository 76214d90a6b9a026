import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ijk } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { buildInteractiveInput, pasteInteractive, type Click } from '../../../core/inference/interactive.ts';
import { applyPatch, boundingBox, patchFromMask } from '../../../core/mask/patch.ts';
import { readNifti } from '../../../core/nifti/index.ts';
import { InferenceClient } from '../inference-client.ts';
import { ModelRegistry } from './registry.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const ctPath = join(root, '..', 'shared', 'data', 'totalsegmentator', 'example_ct_sm.nii.gz');
const reference = join(root, 'native-models', 'training', 'reference_case.py');

/**
 * The TypeScript click pipeline against click3d.py (the rule the model was trained with), on a real CT
 * (TotalSegmentator's 122x101x30 sample, 3 mm) with a real previous mask and both click signs, through the
 * bundled model in a real inference host: the same input tensor, and the same mask pasted from its logits.
 */
describe('interactive click pipeline vs the python reference', () => {
  const client = new InferenceClient();
  const dir = mkdtempSync(join(tmpdir(), 'click-ref-'));
  let volume: Volume;
  let ours: { input: Float32Array; mask: Uint8Array };
  let theirs: { input: Float32Array; mask: Uint8Array };

  beforeAll(async () => {
    volume = readNifti(readFileSync(ctPath), ctPath).volume;
    const [ni, nj, nk] = volume.dims;
    // Previous mask: an ellipsoid of soft tissue near the middle, as an earlier interaction might leave.
    const prev = new Uint8Array(ni * nj * nk);
    const c = [Math.floor(ni / 2), Math.floor(nj / 2), Math.floor(nk / 2)];
    for (let k = 0; k < nk; k++) for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++) {
      if (((i - c[0]!) / 8) ** 2 + ((j - c[1]!) / 6) ** 2 + ((k - c[2]!) / 4) ** 2 <= 1) prev[i + ni * (j + nj * k)] = 1;
    }
    const clicks: Click[] = [
      { voxel: ijk(c[0]!, c[1]!, c[2]!), positive: true },
      { voxel: ijk(c[0]! + 12, c[1]! - 3, c[2]! + 2), positive: true },
      { voxel: ijk(c[0]! - 5, c[1]! + 4, c[2]! - 1), positive: false },
    ];
    const previous = patchFromMask(prev, volume.dims, boundingBox(prev, volume.dims)!);

    const registry = new ModelRegistry();
    const model = await registry.get('delineate.click3d-ct');
    await registry.verify(model);
    await client.load('click3d', model.onnxPath);
    const built = buildInteractiveInput(model.manifest, volume, previous, { clicks });
    const run = await client.run('click3d', { input: { data: built.input, dims: built.shape } }, ['logits']);
    const logits = run.outputs.logits!.data;
    // click3d.py's paste_back is the base rule; the manifest's `interaction` extras (click-binding.ts) are the
    // app's and have their own tests, so they are left out of this comparison.
    const { interaction: _appRules, ...baseRule } = model.manifest;
    const pasted = pasteInteractive(baseRule, logits, built.frame, volume, previous, clicks);
    const mask = prev.slice();
    if (pasted.patch) applyPatch(mask, volume.dims, pasted.patch);
    ours = { input: built.input, mask };

    const zyx = (v: readonly number[]) => [v[2], v[1], v[0]];
    writeFileSync(join(dir, 'volume.f32'), Float32Array.from(volume.scalars));
    writeFileSync(join(dir, 'prev.u8'), prev);
    writeFileSync(join(dir, 'logits.f32'), logits);
    writeFileSync(join(dir, 'case.json'), JSON.stringify({
      shape: [nk, nj, ni],
      spacing: zyx(volume.spacing),
      pos: clicks.filter((k) => k.positive).map((k) => zyx(k.voxel)),
      neg: clicks.filter((k) => !k.positive).map((k) => zyx(k.voxel)),
      newest: zyx(clicks.at(-1)!.voxel),
    }));
    execFileSync('/usr/bin/python3', [reference, dir], { encoding: 'utf8' });
    theirs = { input: new Float32Array(readFileSync(join(dir, 'input.f32')).buffer.slice(0)), mask: new Uint8Array(readFileSync(join(dir, 'mask.u8'))) };
  }, 60_000);

  afterAll(() => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the same 5-channel input tensor (within 1e-4)', () => {
    expect(ours.input.length).toBe(theirs.input.length);
    let worst = 0;
    for (let n = 0; n < ours.input.length; n++) worst = Math.max(worst, Math.abs(ours.input[n]! - theirs.input[n]!));
    expect(worst).toBeLessThan(1e-4);
    // The clicks and the previous mask really are in it (a blank channel would match a blank channel).
    const channel = (c: number) => ours.input.subarray(c * 64 ** 3, (c + 1) * 64 ** 3).reduce((a, b) => a + b, 0);
    expect(channel(2)).toBeGreaterThan(100);
    expect(channel(3)).toBeGreaterThan(20);
    expect(channel(4)).toBeGreaterThan(10);
  });

  it('pastes the same mask back from the same logits', () => {
    let differing = 0;
    let foreground = 0;
    for (let n = 0; n < ours.mask.length; n++) {
      if (ours.mask[n] !== theirs.mask[n]) differing++;
      foreground += ours.mask[n]!;
    }
    expect(foreground).toBeGreaterThan(100);
    expect(differing).toBe(0);
  });
});
