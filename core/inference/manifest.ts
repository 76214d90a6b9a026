import { z } from 'zod';
import { DelineateError } from '../errors.ts';

/**
 * The model contract (native-models/<id>/model.json): everything the app needs to feed an ONNX model and
 * read its answer, so a model that fits runs with no code change.
 *
 * Axis convention: tensors are [N, C, D, H, W] on the image's own voxel grid, D = slice (k), H = row (j),
 * W = column (i); no reorientation. Sizes and spacings below are given in that same order (k, j, i), the
 * order nnU-Net writes its plans in.
 */

const finite = z.number().finite();
const positive = finite.positive();
const kji = z.tuple([positive, positive, positive]);
const patchSize = z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]);

/**
 * (clamp(HU, clip[0], clip[1]) - subtract) / divide. A CT window is clip = [L - W/2, L + W/2]; nnU-Net's CT
 * scheme is clip = [percentile 0.5, percentile 99.5] of the training foreground, subtract = its mean,
 * divide = its standard deviation. 'zscore' is nnU-Net's scheme for other modalities (per-image statistics).
 */
export const Normalisation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ct'), clip: z.tuple([finite, finite]), subtract: finite, divide: positive }).strict(),
  z.object({ type: z.literal('zscore') }).strict(),
]);
export type Normalisation = z.infer<typeof Normalisation>;

const named = { name: z.string().min(1).max(64), description: z.string().max(400).optional() };
/** Input channels, in the order the tensor has them. */
export const Channel = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), ...named, normalisation: Normalisation }).strict(),
  /** The current binary mask (0/1), sampled trilinearly into the patch; zeros for a first prompt. */
  z.object({ kind: z.literal('previous-mask'), ...named }).strict(),
  z.object({ kind: z.literal('positive-clicks'), ...named }).strict(),
  z.object({ kind: z.literal('negative-clicks'), ...named }).strict(),
  /** 1 inside the user's box prompt, 0 outside. */
  z.object({ kind: z.literal('box'), ...named }).strict(),
  /** Scribble voxels encoded like clicks (clickEncoding). */
  z.object({ kind: z.literal('positive-scribbles'), ...named }).strict(),
  z.object({ kind: z.literal('negative-scribbles'), ...named }).strict(),
]);
export type Channel = z.infer<typeof Channel>;
export type ChannelKind = Channel['kind'];

/** How a click becomes a map: a solid ball or a Gaussian bump, sized in patch voxels or in millimetres. */
export const ClickEncoding = z
  .object({
    shape: z.enum(['ball', 'gaussian']),
    /** Ball radius, or Gaussian sigma. */
    size: positive,
    unit: z.enum(['patch-voxels', 'mm']),
  })
  .strict();
export type ClickEncoding = z.infer<typeof ClickEncoding>;

/**
 * Interactive models: a box around the prompts in physical space (mm along the image axes), resampled to the
 * patch. P = previous-mask bounding box U positive clicks U newest click; per axis
 * r = marginFactor * extent + marginMm (at least firstPromptMm when the previous mask is empty);
 * size = clamp(max(r, max(r) / maxAspect), minMm, maxMm), centred on P.
 */
export const PromptBoxPlacement = z
  .object({
    type: z.literal('prompt-box'),
    marginFactor: finite.nonnegative(),
    marginMm: finite.nonnegative(),
    firstPromptMm: positive,
    minMm: positive,
    maxMm: positive,
    maxAspect: finite.min(1),
  })
  .strict();
export type PromptBoxPlacement = z.infer<typeof PromptBoxPlacement>;

/** Auto models (nnU-Net style): the volume at targetSpacing, tiled with overlap, tiles blended by a Gaussian. */
export const SlidingWindowPlacement = z
  .object({
    type: z.literal('sliding-window'),
    /** Fraction of the patch shared by neighbouring tiles (nnU-Net: 0.5). */
    overlap: finite.min(0).max(0.9),
    blending: z.literal('gaussian'),
    /** Gaussian sigma as a fraction of the patch size (nnU-Net: 1/8). */
    sigmaScale: positive.max(1),
  })
  .strict();
export type SlidingWindowPlacement = z.infer<typeof SlidingWindowPlacement>;

const tensorShape = z.array(z.union([z.number().int().positive(), z.string().min(1)])).min(1).max(8);
const tensorSpec = z.object({ name: z.string().min(1), shape: tensorShape }).strict();

/**
 * How the app drives an interactive model beyond one run per prompt. All off by default, so a manifest without
 * this block runs exactly as its crop / paste rule says.
 */
export const InteractionRule = z
  .object({
    /**
     * Runs for the first prompt on an empty mask: each further run feeds the last answer back as the previous
     * mask, so the box is sized from the proposal instead of the fixed first-prompt guess (a large organ can
     * grow past it, a small one is seen at a finer scale).
     */
    firstPromptPasses: z.number().int().min(1).max(3),
    /** Keep only answer components (26-connected) that hold a positive click or touch the previous mask. */
    keepClickedComponents: z.boolean(),
    /** The clicked voxels follow their clicks whatever the model said: positive in, negative out. */
    bindClicks: z.boolean(),
  })
  .strict();
export type InteractionRule = z.infer<typeof InteractionRule>;

/** A structure the output names: `value` is its output channel (0 is background), `name` a TG-263 name. */
export const OutputLabel = z.object({ value: z.number().int().positive(), name: z.string().min(1).max(16), description: z.string().optional() }).strict();

export const ModelManifest = z
  .object({
    formatVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, dot, dash, underscore'),
    version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'semantic version'),
    name: z.string().min(1).max(80),
    task: z.enum(['interactive', 'auto']),
    modality: z.enum(['CT', 'MR', 'PT']),
    file: z.string().regex(/^[^/\\]+\.onnx$/, 'an .onnx file name beside model.json'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
    fileBytes: z.number().int().positive().optional(),
    licence: z.object({ model: z.string().min(1), code: z.string().optional() }).strict(),
    tensor: z
      .object({
        layout: z.literal('NCDHW'),
        type: z.literal('float32'),
        input: tensorSpec,
        output: tensorSpec,
      })
      .strict(),
    channels: z.array(Channel).min(1).max(16),
    /** Interpolation of the image into the patch, and the value the image takes outside the volume. */
    intensity: z.object({ interpolation: z.literal('trilinear'), outsideValue: finite }).strict(),
    clickEncoding: ClickEncoding.optional(),
    interaction: InteractionRule.optional(),
    /** Millimetres per patch voxel (k, j, i); null when the prompt box sets the scale (interactive). */
    targetSpacing: kji.nullable(),
    patch: z.object({ size: patchSize, placement: z.discriminatedUnion('type', [PromptBoxPlacement, SlidingWindowPlacement]) }).strict(),
    output: z
      .object({
        type: z.enum(['logits', 'probabilities']),
        /** Interactive: one channel, foreground where logit > 0 (probability > 0.5). Auto: argmax over channels. */
        labels: z.array(OutputLabel),
        /** How the patch answer returns to the volume grid: trilinear on the scores, edge-clamped, then the rule above. */
        pasteBack: z.literal('trilinear'),
      })
      .strict(),
    /** Facts about training, evaluation and speed, for people; the app shows them but never acts on them. */
    about: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
    const kinds = m.channels.map((c) => c.kind);
    if (m.task === 'interactive') {
      if (m.patch.placement.type !== 'prompt-box') issue('an interactive model places its patch with "prompt-box"', ['patch', 'placement']);
      if (!kinds.includes('positive-clicks')) issue('an interactive model needs a positive-clicks channel', ['channels']);
      if (kinds.some((k) => k.endsWith('clicks') || k.endsWith('scribbles')) && !m.clickEncoding) issue('click channels need clickEncoding', ['clickEncoding']);
      if ((m.interaction?.firstPromptPasses ?? 1) > 1 && !kinds.includes('previous-mask')) {
        issue('firstPromptPasses above 1 feeds the answer back, which needs a previous-mask channel', ['interaction', 'firstPromptPasses']);
      }
    } else {
      if (m.interaction) issue('an auto model takes no interaction rule', ['interaction']);
      if (m.patch.placement.type !== 'sliding-window') issue('an auto model places its patches with "sliding-window"', ['patch', 'placement']);
      if (m.targetSpacing === null) issue('an auto model needs targetSpacing', ['targetSpacing']);
      if (kinds.some((k) => k !== 'image')) issue('an auto model takes image channels only', ['channels']);
      if (m.output.labels.length === 0) issue('an auto model names at least one output label', ['output', 'labels']);
    }
    const values = m.output.labels.map((l) => l.value);
    if (new Set(values).size !== values.length) issue('output label values repeat', ['output', 'labels']);
    const shape = m.tensor.input.shape;
    if (shape.length !== 5) issue('input shape must be [N, C, D, H, W]', ['tensor', 'input', 'shape']);
    else if (typeof shape[1] === 'number' && shape[1] !== m.channels.length) {
      issue(`input has ${shape[1]} channels but ${m.channels.length} are described`, ['tensor', 'input', 'shape']);
    }
  });
export type ModelManifest = z.infer<typeof ModelManifest>;

/** Output channels a manifest implies: 1 for interactive, background + labels (or one sigmoid map) for auto. */
export function outputChannels(m: ModelManifest): number[] {
  if (m.task === 'interactive') return [1];
  const n = Math.max(...m.output.labels.map((l) => l.value));
  return n === 1 ? [1, 2] : [n + 1];
}

/** Parses model.json text; every problem is named with its field path and the file. */
export function parseManifest(text: string, source: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DelineateError('bad-data', `${source}: not JSON (${(error as Error).message})`);
  }
  const result = ModelManifest.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new DelineateError('bad-data', `${source}: not a valid model manifest (${problems})`);
  }
  return result.data;
}
