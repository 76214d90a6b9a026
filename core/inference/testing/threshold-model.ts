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
