import { z } from 'zod';
import { VolumeId } from './schemas.ts';

const count = z.number().int().nonnegative();
const triple = z.tuple([count, count, count]).readonly();

/** A voxel box [lo, hi) on the volume grid (i, j, k). */
export const VoxelBoxWire = z.object({ lo: triple, hi: triple }).strict();

/** A mask crossing IPC: its box and run lengths (core/mask/patch.ts), never a dense array. */
export const MaskPatchWire = z.object({ box: VoxelBoxWire, runs: z.array(count).max(50_000_000).readonly() }).strict();

export const ClickWire = z.object({ voxel: triple, positive: z.boolean() }).strict();

export const ModelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'not a model id');

export const AiModelList = z.object({
  models: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      task: z.enum(['interactive', 'auto']),
      modality: z.string(),
      source: z.enum(['bundled', 'user']),
      sha256: z.string(),
      licence: z.string(),
      labels: z.array(z.object({ value: z.number().int(), name: z.string() })),
      /** The execution provider its session runs on, once made; null before first use. */
      provider: z.string().nullable(),
      /** Providers tried first and why they were not used. */
      skippedProviders: z.array(z.object({ provider: z.string(), reason: z.string() })),
      /** Prompts beyond clicks the model takes (it has the input channels for them). */
      prompts: z.object({ box: z.boolean(), scribbles: z.boolean() }),
    }),
  ),
  rejected: z.array(z.object({ dir: z.string(), reason: z.string() })),
  /** The folder of the user's own models in use (settings, or --models-dir at launch), or null. */
  userModelsDir: z.string().nullable(),
  /** Execution providers on this machine, in preference order, and why each one that does not load fails. */
  providers: z.array(z.object({ provider: z.string(), loads: z.boolean(), reason: z.string().optional() })),
  /** Tools that need no model, usable as modelId in ai.interact. */
  classic: z.array(z.string()),
});

export const Provenance = z.object({
  modelId: z.string(),
  version: z.string(),
  sha256: z.string().nullable(),
  provider: z.string(),
  prompts: z.object({
    clicks: z.array(ClickWire),
    box: VoxelBoxWire.nullable().optional(),
    /** How many voxels were painted each way, when scribbles were given. */
    scribbles: z.object({ positive: count, negative: count }).nullable().optional(),
  }),
  finishedAt: z.string(),
  ms: z.object({ prepare: z.number(), run: z.number(), paste: z.number(), total: z.number() }),
});

export const AiInteractInput = z
  .object({
    volumeId: VolumeId,
    modelId: ModelId,
    previous: MaskPatchWire.nullable(),
    /** Every click of this interaction so far, oldest first; the last is the newest. */
    clicks: z.array(ClickWire).max(200),
    box: VoxelBoxWire.nullable().optional(),
    /** Painted voxels, for models with scribble channels. */
    scribbles: z.object({ positive: z.array(triple).max(100_000), negative: z.array(triple).max(100_000) }).strict().nullable().optional(),
  })
  .strict()
  .refine((input) => input.clicks.length > 0 || input.box || (input.scribbles && input.scribbles.positive.length + input.scribbles.negative.length > 0), {
    message: 'an interaction needs a click, a box or a scribble',
  });

export const AiInteractOutput = z.object({ patch: MaskPatchWire.nullable(), provenance: Provenance });

export const AiAutoContourOutput = z.object({
  structures: z.array(z.object({ value: z.number().int(), name: z.string(), patch: MaskPatchWire.nullable() })),
  provenance: Provenance,
});

export const AiProgress = z.object({ modelId: z.string(), done: count, total: count });

/** A first run's answer while the interaction's next run goes (models that run a first click more than once). */
export const AiDraft = z.object({ modelId: z.string(), clicks: count, patch: MaskPatchWire });
