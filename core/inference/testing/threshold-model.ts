import { floatTensorInfo, model, node } from '../onnx-proto.ts';

/**
 * A user-style auto-contouring model for tests: scores = concat(-x, x) over channels, so argmax labels
 * every voxel whose normalised value x is above 0. With the manifest's normalisation
 * (clamp(HU, -1000, 1000) + 300) / 1000 that is HU > -300: a body-ish threshold. Dynamic batch and spatial
 * sizes, as exported nnU-Net models have.
 */
export function thresholdModelBytes(): Uint8Array {
  return model(
    'threshold',
    [node('Neg', ['image'], ['negated']), node('Concat', ['negated', 'image'], ['scores'], { axis: 1 })],
    [floatTensorInfo('image', ['batch', 1, 'depth', 'height', 'width'])],
    [floatTensorInfo('scores', ['batch', 2, 'depth', 'height', 'width'])],
  );
}

/** Its manifest (model.json) for a patch size and target spacing (k, j, i mm); sha256 filled in by the caller. */
export function thresholdManifest(sha256: string, patch: [number, number, number], targetSpacing: [number, number, number]) {
  return {
    formatVersion: 1,
    id: 'test.threshold-body',
    version: '1.0.0',
    name: 'Threshold test model',
    task: 'auto',
    modality: 'CT',
    file: 'model.onnx',
    sha256,
    licence: { model: 'CC0-1.0' },
    tensor: { layout: 'NCDHW', type: 'float32', input: { name: 'image', shape: [1, 1, ...patch] }, output: { name: 'scores', shape: [1, 2, ...patch] } },
    channels: [{ kind: 'image', name: 'ct', normalisation: { type: 'ct', clip: [-1000, 1000], subtract: -300, divide: 1000 } }],
    intensity: { interpolation: 'trilinear', outsideValue: -1024 },
    targetSpacing,
    patch: { size: patch, placement: { type: 'sliding-window', overlap: 0.5, blending: 'gaussian', sigmaScale: 0.125 } },
    output: { type: 'logits', labels: [{ value: 1, name: 'External' }], pasteBack: 'trilinear' },
  };
}

/**
 * A user-style interactive model for tests: its answer is its image channel (logit = normalised HU, so
 * foreground wherever the tissue is above the manifest's threshold), ignoring the previous mask and the clicks.
 * What it marks is then exactly the prompt box's tissue: the box rule, the passes and the paste are visible.
 */
export function tissueClickModelBytes(prompts: TissuePrompts = {}): Uint8Array {
  const parts = ['image', 'previous', 'clicks', ...(prompts.box ? ['box'] : []), ...(prompts.scribbles ? ['scribbles+', 'scribbles-'] : [])];
  return model(
    'tissue-click',
    [node('Split', ['input'], parts, { axis: 1 }), node('Identity', ['image'], ['logits'])],
    [floatTensorInfo('input', [1, parts.length, 'depth', 'height', 'width'])],
    [floatTensorInfo('logits', [1, 1, 'depth', 'height', 'width'])],
  );
}

/** Prompt channels beyond clicks the tissue model takes (and ignores, as it ignores the clicks). */
export interface TissuePrompts {
  readonly box?: boolean;
  readonly scribbles?: boolean;
}

/** Its manifest: tissue above -300 HU, 8^3 patch, 24 mm first box, `passes` runs on the first prompt. */
export function tissueClickManifest(sha256: string, passes: number, prompts: TissuePrompts = {}) {
  const extra = [
    ...(prompts.box ? [{ kind: 'box', name: 'box' } as const] : []),
    ...(prompts.scribbles ? [{ kind: 'positive-scribbles', name: 'scribbles+' } as const, { kind: 'negative-scribbles', name: 'scribbles-' } as const] : []),
  ];
  return {
    formatVersion: 1,
    id: `test.tissue-click-${passes}${prompts.box ? '-box' : ''}${prompts.scribbles ? '-scribbles' : ''}`,
    version: '1.0.0',
    name: 'Tissue click test model',
    task: 'interactive',
    modality: 'CT',
    file: 'model.onnx',
    sha256,
    licence: { model: 'CC0-1.0' },
    tensor: { layout: 'NCDHW', type: 'float32', input: { name: 'input', shape: [1, 3 + extra.length, 8, 8, 8] }, output: { name: 'logits', shape: [1, 1, 8, 8, 8] } },
    channels: [
      { kind: 'image', name: 'ct', normalisation: { type: 'ct', clip: [-1000, 1000], subtract: -300, divide: 1000 } },
      { kind: 'previous-mask', name: 'previous' },
      { kind: 'positive-clicks', name: 'clicks' },
      ...extra,
    ],
    intensity: { interpolation: 'trilinear', outsideValue: -1024 },
    clickEncoding: { shape: 'ball', size: 1, unit: 'patch-voxels' },
    interaction: { firstPromptPasses: passes, keepClickedComponents: false, bindClicks: false },
    targetSpacing: null,
    patch: { size: [8, 8, 8], placement: { type: 'prompt-box', marginFactor: 1, marginMm: 8, firstPromptMm: 24, minMm: 8, maxMm: 400, maxAspect: 2 } },
    output: { type: 'logits', labels: [], pasteBack: 'trilinear' },
  };
}
