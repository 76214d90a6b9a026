import { floatTensorInfo, model, node } from '../../core/inference/onnx-proto.ts';

/** A four-element `y = x + x` ONNX model, encoded here so the provider probe needs no file on disk. */
export function probeModelBytes(): Uint8Array {
  return model('probe', [node('Add', ['x', 'x'], ['y'])], [floatTensorInfo('x', [4])], [floatTensorInfo('y', [4])]);
}
