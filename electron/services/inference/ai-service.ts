import { DelineateError } from '../../../core/errors.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { applyClassicClick } from '../../../core/inference/classic/click-grow.ts';
import { assertManifestFits } from '../../../core/inference/fit.ts';
import { buildInteractiveInput, pasteInteractive, type InteractivePrompts } from '../../../core/inference/interactive.ts';
import { changedPatch } from '../../../core/inference/changes.ts';
import { labelPatches, SlidingWindow } from '../../../core/inference/sliding-window.ts';
import { applyPatch, overlayPatch, type MaskPatch } from '../../../core/mask/patch.ts';
import type { SessionInfo } from '../../inference-host/protocol.ts';
import type { ProviderProbe } from '../../inference-host/providers.ts';
import type { InferenceClient } from '../inference-client.ts';
import type { ModelRegistry, RegisteredModel } from './registry.ts';

/** The click tool that needs no model: HU region growing (core/inference/classic/click-grow.ts). */
export const classicModelId = 'classic.region-grow';

/** What every AI-made edit records: which model, which file, where it ran, what it was asked and how long it took. */
export interface Provenance {
  readonly modelId: string;
  readonly version: string;
  readonly sha256: string | null;
  readonly provider: string;
  readonly prompts: { clicks: { voxel: [number, number, number]; positive: boolean }[]; box?: MaskPatch['box'] | null };
  readonly finishedAt: string;
  /** run = the round trip to the inference host; network = the part of it inside onnxruntime's run(). */
  readonly ms: { readonly prepare: number; readonly run: number; readonly network: number; readonly paste: number; readonly total: number };
}

export interface InteractResult {
  /** The voxels that changed (new values inside the box), or null when nothing did. */
  readonly patch: MaskPatch | null;
  readonly provenance: Provenance;
}

export interface InteractOptions {
  readonly signal?: AbortSignal;
  /** The answer of a first run, when more runs follow (manifest interaction.firstPromptPasses). */
  readonly onDraft?: (patch: MaskPatch) => void;
}

export interface AutoContourResult {
  readonly structures: { value: number; name: string; patch: MaskPatch | null }[];
  readonly provenance: Provenance;
}

export interface AutoProgress {
  readonly done: number;
  readonly total: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Runs models on volumes the main side holds: pre- and post-processing here (pure core functions), the
 * network in the inference host. Sessions are made once per model file, after its sha256 and its fit to the
 * manifest are checked.
 */
export class AiService {
  readonly #sessions = new Map<string, Promise<SessionInfo>>();
  readonly #byId = new Map<string, Promise<{ model: RegisteredModel; info: SessionInfo }>>();
  readonly #running = new Set<AbortController>();
  #providers: Promise<ProviderProbe[]> | null = null;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly client: InferenceClient,
  ) {}

  async models() {
    const { models, rejected } = await this.registry.scan();
    const listed = await Promise.all(
      models.map(async (m) => {
        const session = await this.#sessions.get(this.#key(m))?.catch(() => null);
        return {
          id: m.manifest.id,
          name: m.manifest.name,
          version: m.manifest.version,
          task: m.manifest.task,
          modality: m.manifest.modality,
          source: m.source,
          sha256: m.manifest.sha256,
          licence: m.manifest.licence.model,
          labels: m.manifest.output.labels.map((l) => ({ value: l.value, name: l.name })),
          provider: session?.provider ?? null,
          skippedProviders: session?.skipped.map((s) => ({ ...s })) ?? [],
          prompts: {
            box: m.manifest.channels.some((c) => c.kind === 'box'),
            scribbles: m.manifest.channels.some((c) => c.kind === 'positive-scribbles' || c.kind === 'negative-scribbles'),
          },
        };
      }),
    );
    // Which providers load here is asked once per host (a tiny model on each); the UI and `doctor` show it.
    this.#providers ??= this.client.probe();
    const providers = await this.#providers.catch((error: Error) => {
      this.#providers = null;
      return [{ provider: 'cpu', loads: false, reason: error.message }];
    });
    return { models: listed, rejected: rejected.map((r) => ({ dir: r.dir, reason: r.reason })), userModelsDir: this.registry.userFolder, classic: [classicModelId], providers };
  }

  /** The user models folder the registry reads (from settings); null for none. */
  get userModelsFolder(): string | null {
    return this.registry.userFolder;
  }

  set userModelsFolder(folder: string | null) {
    this.registry.userFolder = folder;
  }

  #key(model: RegisteredModel): string {
    return `${model.manifest.id}@${model.manifest.sha256}`;
  }

  /** The model's session: hash checked, created in the host, its tensors checked against the manifest. */
  /**
   * The model and its session, made on first use and kept by model id, so an interaction does not rescan the
   * model folders (`models()` always does). A failed load is forgotten, so the next request tries again.
   */
  session(modelId: string): Promise<{ model: RegisteredModel; info: SessionInfo }> {
    let ready = this.#byId.get(modelId);
    if (!ready) {
      ready = this.#load(modelId);
      this.#byId.set(modelId, ready);
      ready.catch(() => this.#byId.delete(modelId));
    }
    return ready;
  }

  async #load(modelId: string): Promise<{ model: RegisteredModel; info: SessionInfo }> {
    const model = await this.registry.get(modelId);
    const key = this.#key(model);
    let pending = this.#sessions.get(key);
    if (!pending) {
      pending = (async () => {
        await this.registry.verify(model);
        const info = await this.client.load(key, model.onnxPath);
        assertManifestFits(model.manifest, info.inputs, info.outputs, model.onnxPath);
        return info;
      })();
      this.#sessions.set(key, pending);
      pending.catch(() => this.#sessions.delete(key));
    }
    return { model, info: await pending };
  }

  async #cancellable<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const forward = () => controller.abort();
    signal?.addEventListener('abort', forward, { once: true });
    this.#running.add(controller);
    try {
      return await work(controller.signal);
    } finally {
      this.#running.delete(controller);
      signal?.removeEventListener('abort', forward);
    }
  }

  /**
   * One interaction: the clicks so far (the last is the newest) and the current mask, to a changed patch. When a
   * first prompt runs more than once, `onDraft` gets the first run's patch while the next run goes, so the user
   * sees a proposal after one run's time.
   */
  interact(volume: Volume, modelId: string, previous: MaskPatch | null, prompts: InteractivePrompts, options: InteractOptions = {}): Promise<InteractResult> {
    const started = performance.now();
    const provenancePrompts = {
      clicks: prompts.clicks.map((c) => ({ voxel: [c.voxel[0], c.voxel[1], c.voxel[2]] as [number, number, number], positive: c.positive })),
      box: prompts.box ?? null,
      scribbles: prompts.scribbles ? { positive: prompts.scribbles.positive.length, negative: prompts.scribbles.negative.length } : null,
    };
    if (modelId === classicModelId) return Promise.resolve(this.#classic(volume, previous, prompts, started, provenancePrompts));
    return this.#cancellable(options.signal, async (abort) => {
      const { model } = await this.session(modelId);
      const m = model.manifest;
      if (m.task !== 'interactive') throw new DelineateError('invalid-input', `${modelId} is an auto-contouring model, not an interactive one`);
      // The first prompt on an empty mask may run more than once (manifest interaction.firstPromptPasses): each
      // run takes the last answer as its previous mask, so its box fits the proposal.
      const passes = previous ? 1 : (m.interaction?.firstPromptPasses ?? 1);
      const ms = { prepare: 0, run: 0, network: 0, paste: 0 };
      let mask = previous;
      let changes: MaskPatch | null = null;
      let provider = '';
      for (let pass = 0; pass < passes; pass++) {
        const passStarted = performance.now();
        const built = buildInteractiveInput(m, volume, mask, prompts);
        const prepared = performance.now();
        const result = await this.client.run(this.#key(model), { [m.tensor.input.name]: { data: built.input, dims: built.shape } }, [m.tensor.output.name], { signal: abort });
        const ran = performance.now();
        const pasted = pasteInteractive(m, result.outputs[m.tensor.output.name]!.data, built.frame, volume, mask, prompts.clicks);
        provider = result.provider;
        ms.prepare += prepared - passStarted;
        ms.run += ran - prepared;
        ms.network += result.runMs;
        ms.paste += performance.now() - ran;
        if (!pasted.patch) break;
        // Later passes only follow a first prompt on an empty mask, so the merged answer is also the change.
        changes = pass === 0 ? pasted.patch : overlayPatch(mask!, pasted.patch);
        mask = changes;
        if (pass < passes - 1) options.onDraft?.(pasted.patch);
      }
      const done = performance.now();
      return {
        patch: changes,
        provenance: {
          modelId: m.id,
          version: m.version,
          sha256: m.sha256,
          provider,
          prompts: provenancePrompts,
          finishedAt: new Date().toISOString(),
          ms: { prepare: round(ms.prepare), run: round(ms.run), network: round(ms.network), paste: round(ms.paste), total: round(done - started) },
        },
      };
    });
  }

  #classic(volume: Volume, previous: MaskPatch | null, prompts: InteractivePrompts, started: number, clicks: Provenance['prompts']): InteractResult {
    const newest = prompts.clicks.at(-1);
    if (!newest) throw new DelineateError('invalid-input', 'an interaction needs at least one click');
    const before = new Uint8Array(volume.scalars.length);
    if (previous) applyPatch(before, volume.dims, previous, 'previous mask');
    const after = before.slice();
    applyClassicClick(volume, after, newest);
    const done = performance.now();
    return {
      patch: changedPatch(before, after, volume.dims),
      provenance: {
        modelId: classicModelId,
        version: '1.0.0',
        sha256: null,
        provider: 'classic',
        prompts: clicks,
        finishedAt: new Date().toISOString(),
        ms: { prepare: 0, run: round(done - started), network: 0, paste: 0, total: round(done - started) },
      },
    };
  }

  /** Whole-volume auto-contouring, tile by tile, with progress; cancel stops between tiles. */
  autoContour(volume: Volume, modelId: string, options: { signal?: AbortSignal; onProgress?: (p: AutoProgress) => void } = {}): Promise<AutoContourResult> {
    return this.#cancellable(options.signal, async (abort) => {
      const started = performance.now();
      const { model } = await this.session(modelId);
      const m = model.manifest;
      if (m.task !== 'auto') throw new DelineateError('invalid-input', `${modelId} is an interactive model, not an auto-contouring one`);
      const window = new SlidingWindow(m, volume);
      const prepared = performance.now();
      let provider = '';
      let network = 0;
      const shape = [1, m.channels.length, ...m.patch.size];
      for (const [n, tile] of window.tiles.entries()) {
        if (abort.aborted) throw new DelineateError('cancelled', `auto-contouring with ${modelId} cancelled after ${n} of ${window.tiles.length} tiles`);
        const result = await this.client.run(this.#key(model), { [m.tensor.input.name]: { data: window.input(tile), dims: shape } }, [m.tensor.output.name], { signal: abort });
        provider = result.provider;
        network += result.runMs;
        window.add(tile, result.outputs[m.tensor.output.name]!.data);
        options.onProgress?.({ done: n + 1, total: window.tiles.length });
      }
      const ran = performance.now();
      const labels = window.labels();
      const patches = labelPatches(labels, volume, m.output.labels.map((l) => l.value));
      const done = performance.now();
      return {
        structures: patches.map((p) => ({ value: p.value, name: m.output.labels.find((l) => l.value === p.value)!.name, patch: p.patch })),
        provenance: {
          modelId: m.id,
          version: m.version,
          sha256: m.sha256,
          provider,
          prompts: { clicks: [] },
          finishedAt: new Date().toISOString(),
          ms: { prepare: round(prepared - started), run: round(ran - prepared), network: round(network), paste: round(done - ran), total: round(done - started) },
        },
      };
    });
  }

  /** Stops every interaction and auto-contouring in flight: queued runs are dropped, a running one's answer discarded. */
  cancel(): void {
    for (const controller of this.#running) controller.abort();
  }
}
