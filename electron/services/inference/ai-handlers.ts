import { DelineateError } from '../../../core/errors.ts';
import { ijk } from '../../../core/geometry/space.ts';
import type { Handlers } from '../../../core/ipc/contract.ts';
import type { CallContext } from '../handlers.ts';
import type { SettingsStore } from '../settings.ts';
import { InferenceClient } from '../inference-client.ts';
import type { VolumeStore } from '../volume-store.ts';
import { AiService } from './ai-service.ts';
import { bundledModelsDir, ModelRegistry } from './registry.ts';

/** The `ai` namespace of the contract, over the volumes the main side holds. */
export function aiHandlers(deps: { store: VolumeStore; ai?: AiService; userModelsDir?: string | null; settings?: SettingsStore }): Handlers<CallContext>['ai'] {
  let made: AiService | undefined;
  // A folder given at launch (--models-dir) wins; else the one in settings, read on every call so a change
  // in the model panel applies at once.
  let launchFolder: string | null = null;
  const ai = async () => {
    if (!made) {
      made = deps.ai ?? new AiService(new ModelRegistry({ bundled: bundledModelsDir(), user: deps.userModelsDir ?? null }), new InferenceClient());
      launchFolder = made.userModelsFolder;
    }
    made.userModelsFolder = launchFolder ?? (await deps.settings?.get())?.modelsDir ?? null;
    return made;
  };
  const volume = (id: string) => {
    const entry = deps.store.get(id);
    if (!entry) throw new DelineateError('not-found', `volume ${id} is not loaded`);
    return entry.volume;
  };
  return {
    models: async () => (await ai()).models(),
    interact: async ({ volumeId, modelId, previous, clicks, box, scribbles }, context) =>
      (await ai()).interact(
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
      (await ai()).autoContour(volume(volumeId), modelId, { onProgress: (p) => context.emit('ai.progress', { modelId, ...p }) }),
    cancel: async () => {
      made?.cancel();
      return {};
    },
  };
}
