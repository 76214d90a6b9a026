import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, unwrap } from '../../../core/ipc/dispatch.ts';
import type { VolumeInfo } from '../../../core/ipc/schemas.ts';
import { applyPatch, type MaskPatch } from '../../../core/mask/patch.ts';
import { readNifti } from '../../../core/nifti/index.ts';
import { createHandlers, type CallContext } from '../handlers.ts';
import { InferenceClient } from '../inference-client.ts';
import { VolumeStore } from '../volume-store.ts';
import { AiService } from './ai-service.ts';
import { ModelRegistry } from './registry.ts';

const ctPath = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'totalsegmentator', 'example_ct_sm.nii.gz');

/** The `ai` namespace through dispatch (input and output validated by the contract), on a stored real CT. */
describe('ai handlers', () => {
  const client = new InferenceClient();
  const store = new VolumeStore();
  const handlers = createHandlers({ store, host: 'browser', initialStudyPath: null, ai: new AiService(new ModelRegistry(), client) });
  const context: CallContext = { emit: () => {} };
  const id = store.newId();
  const volume = readNifti(readFileSync(ctPath), ctPath).volume;
  // A click in the abdomen's soft tissue.
  const liverClick = { voxel: [40, 45, 15] as [number, number, number], positive: true };
  const count = (patch: MaskPatch | null) => {
    const mask = new Uint8Array(volume.scalars.length);
    if (patch) applyPatch(mask, volume.dims, patch);
    return mask.reduce((a, b) => a + b, 0);
  };

  beforeAll(() => {
    const info = { id, source: ctPath, dims: volume.dims, spacing: volume.spacing, origin: volume.origin, direction: volume.direction } as unknown as VolumeInfo;
    store.add({ volume, info });
  });
  afterAll(() => client.close());

  it('lists the bundled model, the classic tools and the providers that load here', async () => {
    const list = unwrap(await dispatch(handlers, 'ai.models', {}, context)) as { models: { id: string }[]; classic: string[]; providers: { provider: string; loads: boolean }[] };
    expect(list.models.map((m) => m.id)).toContain('delineate.click3d-ct');
    expect(list.classic).toEqual(['classic.region-grow']);
    expect(list.providers.map((p) => p.provider)).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(list.providers.at(-1)).toMatchObject({ provider: 'cpu', loads: true });
  });

  it('corrects with the classic tool: a positive click adds a region, a negative click takes it away again', async () => {
    const added = unwrap(await dispatch(handlers, 'ai.interact', { volumeId: id, modelId: 'classic.region-grow', previous: null, clicks: [liverClick] }, context)) as { patch: MaskPatch };
    expect(count(added.patch)).toBeGreaterThan(500);
    const removed = unwrap(
      await dispatch(handlers, 'ai.interact', { volumeId: id, modelId: 'classic.region-grow', previous: added.patch, clicks: [liverClick, { ...liverClick, positive: false }] }, context),
    ) as { patch: MaskPatch; provenance: { modelId: string; provider: string } };
    expect(count(removed.patch)).toBe(0);
    expect(removed.provenance).toMatchObject({ modelId: 'classic.region-grow', provider: 'classic' });
  });

  it('runs the bundled model on a click and returns the changed voxels with provenance', async () => {
    const result = unwrap(await dispatch(handlers, 'ai.interact', { volumeId: id, modelId: 'delineate.click3d-ct', previous: null, clicks: [liverClick] }, context)) as {
      patch: MaskPatch;
      provenance: Record<string, unknown>;
    };
    expect(count(result.patch)).toBeGreaterThan(500);
    expect(result.provenance).toMatchObject({ modelId: 'delineate.click3d-ct', version: '0.1.0', provider: 'cpu', prompts: { clicks: [liverClick] } });
    expect(result.provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an unknown volume and a malformed click with a message', async () => {
    expect(await dispatch(handlers, 'ai.interact', { volumeId: 'vol-0000000000000000', modelId: 'classic.region-grow', previous: null, clicks: [liverClick] }, context)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch(handlers, 'ai.interact', { volumeId: id, modelId: 'classic.region-grow', previous: null, clicks: [] }, context)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
