import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ijk, lps } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { applyPatch, boundingBox, type MaskPatch } from '../../../core/mask/patch.ts';
import { InferenceClient } from '../inference-client.ts';
import { AiService } from './ai-service.ts';
import { writeTissueClickModel } from './testing/user-models.ts';
import { bundledModelsDir, ModelRegistry } from './registry.ts';

/**
 * interaction.firstPromptPasses, through a real ONNX session: the test model marks all tissue in its prompt box,
 * so the mask is the box, and each pass shows as a larger box (the rule sizes it from the last answer).
 */
describe('first prompt passes', () => {
  const userDir = mkdtempSync(join(tmpdir(), 'passes-models-'));
  for (const passes of [1, 2]) writeTissueClickModel(userDir, `p${passes}`, passes);
  const client = new InferenceClient();
  const ai = new AiService(new ModelRegistry({ bundled: bundledModelsDir(), user: userDir }), client);
  const volume: Volume = { dims: [40, 40, 40], spacing: [2, 2, 2], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], scalars: new Int16Array(40 ** 3).fill(100) };
  const clicks = [{ voxel: ijk(20, 20, 20), positive: true }];
  const edges = (patch: MaskPatch | null, previous: MaskPatch | null = null) => {
    const bits = new Uint8Array(40 ** 3);
    if (previous) applyPatch(bits, volume.dims, previous);
    if (patch) applyPatch(bits, volume.dims, patch);
    const box = boundingBox(bits, volume.dims)!;
    expect(bits.reduce((a, b) => a + b, 0)).toBe(box.hi.map((h, a) => h - box.lo[a]!).reduce((a, b) => a * b, 1));
    return box.hi.map((h, a) => h - box.lo[a]!);
  };

  afterAll(() => {
    client.close();
    rmSync(userDir, { recursive: true, force: true });
  });

  it('runs once per pass on an empty mask, each box sized from the answer before it', async () => {
    // One pass: the 24 mm first box = 12 voxels. Two: 22 mm extent + 8 mm margin = 30 mm = 15 voxels.
    const drafts: MaskPatch[] = [];
    const onDraft = (patch: MaskPatch) => drafts.push(patch);
    const once = await ai.interact(volume, 'test.tissue-click-1', null, { clicks }, { onDraft });
    expect(edges(once.patch)).toEqual([12, 12, 12]);
    expect(drafts).toEqual([]);
    const twice = await ai.interact(volume, 'test.tissue-click-2', null, { clicks }, { onDraft });
    expect(edges(twice.patch)).toEqual([15, 15, 15]);
    expect(twice.provenance.ms.run).toBeGreaterThan(0);
    // The first run's answer went ahead as a draft: the one-pass proposal.
    expect(drafts.length).toBe(1);
    expect(edges(drafts[0]!)).toEqual([12, 12, 12]);
  });

  it('runs once when the mask already has voxels', async () => {
    const first = (await ai.interact(volume, 'test.tissue-click-1', null, { clicks })).patch;
    let drafts = 0;
    const next = await ai.interact(volume, 'test.tissue-click-2', first, { clicks }, { onDraft: () => drafts++ });
    expect(edges(next.patch, first)).toEqual([15, 15, 15]);
    expect(drafts).toBe(0);
  });
});
