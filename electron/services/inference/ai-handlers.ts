import { DelineateError } from '../../../core/errors.ts';
import { ijk } from '../../../core/geometry/space.ts';
import type { Handlers } from '../../../core/ipc/contract.ts';
import type { CallContext } from '../handlers.ts';
import { InferenceClient } from '../inference-client.ts';
import type { VolumeStore } from '../volume-store.ts';
import { AiService } from './ai-service.ts';
import { bundledModelsDir, ModelRegistry } from './registry.ts';

/** The `ai` namespace of the contract, over the volumes the main side holds. */
export function aiHandlers(deps: { store: VolumeStore; ai?: AiService; userModelsDir?: string | null }): Handlers<CallContext>['ai'] {
  let made: AiService | undefined;
  const ai = () => (made ??= deps.ai ?? new AiService(new ModelRegistry({ bundled: bundledModelsDir(), user: deps.userModelsDir ?? null }), new InferenceClient()));
  const volume = (id: string) => {
    const entry = deps.store.get(id);
    if (!entry) throw new DelineateError('not-found', `volume ${id} is not loaded`);
    return entry.volume;
  };
  return {
    models: async () => ai().models(),
    interact: async ({ volumeId, modelId, previous, clicks, box, scribbles }, context) =>
      ai().interact(
        volume(volumeId),
        modelId,
        previous,
        {
          clicks: clicks.map((c) => ({ voxel: ijk(...c.voxel), positive: c.positive })),
          box: box ?? null,
          scribbles: scribbles ? { positive: scribbles.positive.map((v) => ijk(...v)), negative: scribbles.negative.map((v) => ijk(...v)) } : null,
        },
        // A first click the model runs twice shows its first answer while the second run goes.
        { onDraft: (patch) => context.emit('ai.draft', { modelId, clicks: clicks.length, patch }) },
      ),
    autoContour: async ({ volumeId, modelId }, context) =>
      ai().autoContour(volume(volumeId), modelId, { onProgress: (p) => context.emit('ai.progress', { modelId, ...p }) }),
    cancel: async () => {
      made?.cancel();
      return {};
    },
  };
}
