import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tissueClickManifest, tissueClickModelBytes, type TissuePrompts } from '../../../../core/inference/testing/threshold-model.ts';

/**
 * Writes the tissue click test model (core/inference/testing/threshold-model.ts) into `folder/name` as a user
 * would drop a model in: model.onnx and model.json with its sha256. Returns the model's id.
 */
export function writeTissueClickModel(folder: string, name: string, passes: number, prompts: TissuePrompts = {}): string {
  const bytes = tissueClickModelBytes(prompts);
  const manifest = tissueClickManifest(createHash('sha256').update(bytes).digest('hex'), passes, prompts);
  mkdirSync(join(folder, name), { recursive: true });
  writeFileSync(join(folder, name, 'model.onnx'), bytes);
  writeFileSync(join(folder, name, 'model.json'), JSON.stringify(manifest));
  return manifest.id;
}
