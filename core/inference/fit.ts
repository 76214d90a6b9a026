import { DelineateError } from '../errors.ts';
import { outputChannels, type ModelManifest } from './manifest.ts';

/** What an ONNX session says about one of its tensors: fixed sizes as numbers, symbolic ones as strings. */
export interface ModelTensor {
  readonly name: string;
  readonly shape: readonly (number | string)[];
  readonly type: string;
}

/**
 * Every way the model file disagrees with its manifest, in words (empty when it fits): tensor names,
 * element types, ranks, and each fixed size against the manifest's (and the channel count it describes).
 */
export function manifestMismatches(manifest: ModelManifest, inputs: readonly ModelTensor[], outputs: readonly ModelTensor[]): string[] {
  const problems: string[] = [];
  const expected = [
    { role: 'input', spec: manifest.tensor.input, actual: inputs, channels: [manifest.channels.length] },
    { role: 'output', spec: manifest.tensor.output, actual: outputs, channels: outputChannels(manifest) },
  ] as const;
  for (const { role, spec, actual, channels } of expected) {
    const tensor = actual.find((t) => t.name === spec.name);
    if (!tensor) {
      problems.push(`${role} "${spec.name}" is not in the model (it has ${actual.map((t) => `"${t.name}"`).join(', ') || 'none'})`);
      continue;
    }
    if (tensor.type !== 'float32') problems.push(`${role} "${spec.name}" is ${tensor.type}, the manifest says float32`);
    if (tensor.shape.length === 0) continue;
    if (tensor.shape.length !== spec.shape.length) {
      problems.push(`${role} "${spec.name}" has rank ${tensor.shape.length} [${tensor.shape.join(', ')}], the manifest says [${spec.shape.join(', ')}]`);
      continue;
    }
    tensor.shape.forEach((size, axis) => {
      const want = spec.shape[axis];
      if (typeof size === 'number' && typeof want === 'number' && size !== want) {
        problems.push(`${role} "${spec.name}" axis ${axis} is ${size} in the model, ${want} in the manifest`);
      }
    });
    const c = tensor.shape[1];
    if (typeof c === 'number' && !channels.includes(c)) {
      problems.push(`${role} "${spec.name}" has ${c} channels; the manifest describes ${channels.join(' or ')}`);
    }
  }
  const patch = manifest.patch.size;
  const inputShape = inputs.find((t) => t.name === manifest.tensor.input.name)?.shape ?? [];
  inputShape.slice(2).forEach((size, axis) => {
    if (typeof size === 'number' && size !== patch[axis]) problems.push(`input spatial axis ${axis + 2} is ${size}, the manifest's patch is ${patch.join('x')}`);
  });
  return problems;
}

export function assertManifestFits(manifest: ModelManifest, inputs: readonly ModelTensor[], outputs: readonly ModelTensor[], source: string): void {
  const problems = manifestMismatches(manifest, inputs, outputs);
  if (problems.length > 0) throw new DelineateError('bad-data', `${source}: the model does not fit its manifest: ${problems.join('; ')}`);
}
