import { z } from 'zod';

/**
 * DICOM RT ROI Interpreted Type (3006,00A4) defined terms, PS3.3 C.8.8.8. The structure's clinical role;
 * exporters write it as is.
 */
export const rtRoiTypes = [
  'EXTERNAL',
  'PTV',
  'CTV',
  'GTV',
  'TREATED_VOLUME',
  'IRRAD_VOLUME',
  'BOLUS',
  'AVOIDANCE',
  'ORGAN',
  'MARKER',
  'REGISTRATION',
  'ISOCENTER',
  'CONTRAST_AGENT',
  'CAVITY',
  'BRACHY_CHANNEL',
  'BRACHY_ACCESSORY',
  'BRACHY_SRC_APP',
  'BRACHY_CHNL_SHLD',
  'SUPPORT',
  'FIXATION',
  'DOSE_REGION',
  'CONTROL',
  'DOSE_MEASUREMENT',
] as const;
export const RtRoiType = z.enum(rtRoiTypes);
export type RtRoiType = z.infer<typeof RtRoiType>;

/** Ids are made by whoever creates the structure (the renderer), so both copies use the same one. */
export const StructureId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a structure id');

const byte = z.number().int().min(0).max(255);
export const Rgb = z.tuple([byte, byte, byte]);

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hex digest');

/** Where a structure's voxels came from. */
export const Provenance = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }).strict(),
  z.object({ kind: z.literal('ai'), modelId: z.string().min(1).max(128), modelVersion: z.string().max(64), sha256: Sha256 }).strict(),
  z.object({ kind: z.literal('imported'), file: z.string().min(1).max(4096), format: z.string().max(32) }).strict(),
]);
export type Provenance = z.infer<typeof Provenance>;

/**
 * How a derived structure is computed from others (the mask engineer's margin and boolean operations).
 * `inputVersions` are the inputs' version counters when it was last computed: a structure is out of date
 * when any input has moved on since.
 */
export const DerivedRecipe = z
  .object({
    operation: z.enum(['margin', 'union', 'intersect', 'subtract', 'xor']),
    inputs: z.array(StructureId).min(1).max(16),
    /** Operation parameters: margins in mm ("R","L","A","P","S","I" or "mm"), a limiting structure id. */
    params: z.record(z.string().max(32), z.union([z.number().finite(), z.string().max(128)])),
    inputVersions: z.record(StructureId, z.number().int().nonnegative()).optional(),
  })
  .strict();
export type DerivedRecipe = z.infer<typeof DerivedRecipe>;

export const StructureMeta = z
  .object({
    id: StructureId,
    name: z.string().min(1).max(64),
    color: Rgb,
    type: RtRoiType,
    visible: z.boolean(),
    opacity: z.number().min(0).max(1),
    display: z.enum(['fill', 'outline', 'fill+outline']),
    locked: z.boolean(),
    provenance: Provenance,
    recipe: DerivedRecipe.nullable(),
  })
  .strict();
export type StructureMeta = z.infer<typeof StructureMeta>;

/** Fields whose change is a display preference, not an edit: applied and saved, but not put in the undo history. */
export const displayOnlyFields = ['visible', 'opacity', 'display'] as const;

const count = z.number().int().nonnegative();
const VoxelBoxSchema = z
  .object({ lo: z.tuple([count, count, count]).readonly(), hi: z.tuple([count, count, count]).readonly() })
  .strict();
/** A MaskPatch (core/mask/patch.ts) as it crosses IPC and sits in the journal. */
export const MaskPatchSchema = z.object({ box: VoxelBoxSchema, runs: z.array(count).max(16_777_216).readonly() }).strict();

const at = z.number().int().nonnegative().optional();

/**
 * What an AI-made edit records (issue: model id, version, sha256, prompts and time). A model with weights
 * (sha256 set) becomes the structure's provenance in the same undo step as the voxels; the classic tool
 * (sha256 null) leaves the provenance as it is.
 */
export const AiEditRecord = z
  .object({
    modelId: z.string().min(1).max(128),
    modelVersion: z.string().max(64),
    sha256: Sha256.nullable(),
    prompts: z.array(z.object({ voxel: z.tuple([count, count, count]), positive: z.boolean() }).strict()).max(10_000),
    /** The box prompt, for models that take one (voxel index, hi exclusive). */
    box: VoxelBoxSchema.nullable().optional(),
    /** Voxels scribbled each way, for models that take scribbles. */
    scribbles: z.object({ positive: count, negative: count }).strict().nullable().optional(),
    /** Wall-clock ms of the interactions, click to answer, summed. */
    ms: z.number().nonnegative().max(1e9),
  })
  .strict();
export type AiEditRecord = z.infer<typeof AiEditRecord>;
const label = z.string().min(1).max(128);

/**
 * Every change to a structure set, as plain data: the renderer sends these, the main side journals them,
 * and replaying them on the same core code gives the same set. `at` is the wall-clock ms of the action
 * (the effort record's clock); the main side stamps it when missing so replay stays deterministic.
 */
export const StructureOp = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('create'),
      structure: StructureMeta,
      label: label.optional(),
      /** Initial voxels and version counter: set when a structure comes back (undo of a delete, a restore). */
      patch: MaskPatchSchema.optional(),
      version: count.optional(),
      at,
    })
    .strict(),
  z.object({ op: z.literal('delete'), id: StructureId, label: label.optional(), at }).strict(),
  z
    .object({
      op: z.literal('update'),
      id: StructureId,
      changes: StructureMeta.omit({ id: true }).partial().strict(),
      label: label.optional(),
      at,
    })
    .strict(),
  z
    .object({
      op: z.literal('edit'),
      id: StructureId,
      label,
      /** New voxel values inside patch.box; voxels outside the box keep theirs. */
      patch: MaskPatchSchema,
      /** Set with the result of a derived-structure computation; null clears it (the user edited by hand). */
      recipe: DerivedRecipe.nullable().optional(),
      clicks: count.max(1_000_000).optional(),
      ai: AiEditRecord.optional(),
      at,
    })
    .strict(),
  z.object({ op: z.literal('undo'), at }).strict(),
  z.object({ op: z.literal('redo'), at }).strict(),
]);
export type StructureOp = z.infer<typeof StructureOp>;

export const EffortRecord = z.object({
  edits: count,
  clicks: count,
  activeSeconds: z.number().nonnegative(),
  /** ms of the last action, for the idle-gap rule; null before the first. */
  lastActiveAt: z.number().nullable(),
});
export type EffortRecord = z.infer<typeof EffortRecord>;
