import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import { parseManifest, type ModelManifest } from '../../../core/inference/manifest.ts';
import { appRoot } from '../app-meta.ts';

export type ModelSource = 'bundled' | 'user';

export interface RegisteredModel {
  readonly manifest: ModelManifest;
  readonly source: ModelSource;
  readonly dir: string;
  readonly onnxPath: string;
}

/** A folder that looked like a model but could not be used, and why. */
export interface RejectedModel {
  readonly dir: string;
  readonly source: ModelSource;
  readonly reason: string;
}

export function bundledModelsDir(): string {
  return join(appRoot(), 'native-models');
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Models the app can run: native-models/<id>/model.json (bundled) and <user folder>/<id>/model.json (chosen
 * in settings). Manifests are validated when listed; the ONNX file's sha256 is checked before a session
 * is made from it (once per file version: size and mtime). A user model with a bundled model's id is refused.
 */
export class ModelRegistry {
  readonly #verified = new Map<string, string>();

  constructor(private readonly folders: { bundled: string; user?: string | null } = { bundled: bundledModelsDir() }) {}

  /** The user models folder (settings), read afresh by every scan; null for none. */
  get userFolder(): string | null {
    return this.folders.user ?? null;
  }

  set userFolder(folder: string | null) {
    this.folders.user = folder;
  }

  async scan(): Promise<{ models: RegisteredModel[]; rejected: RejectedModel[] }> {
    const models: RegisteredModel[] = [];
    const rejected: RejectedModel[] = [];
    const roots: [ModelSource, string | null | undefined][] = [
      ['bundled', this.folders.bundled],
      ['user', this.folders.user],
    ];
    for (const [source, root] of roots) {
      if (!root || !existsSync(root)) continue;
      for (const name of (await readdir(root)).sort()) {
        const dir = join(root, name);
        const manifestPath = join(dir, 'model.json');
        if (!existsSync(manifestPath)) continue;
        try {
          const manifest = parseManifest(await readFile(manifestPath, 'utf8'), manifestPath);
          const onnxPath = join(dir, manifest.file);
          if (!existsSync(onnxPath)) throw new DelineateError('not-found', `${onnxPath}: the model file named in model.json is missing`);
          if (models.some((m) => m.manifest.id === manifest.id)) throw new DelineateError('invalid-input', `${manifestPath}: id ${manifest.id} is already used by another model`);
          models.push({ manifest, source, dir, onnxPath });
        } catch (error) {
          rejected.push({ dir, source, reason: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    return { models, rejected };
  }

  async get(id: string): Promise<RegisteredModel> {
    const { models, rejected } = await this.scan();
    const model = models.find((m) => m.manifest.id === id);
    if (model) return model;
    const why = rejected.find((r) => r.dir.endsWith(id));
    throw new DelineateError('not-found', why ? why.reason : `no model "${id}" (have: ${models.map((m) => m.manifest.id).join(', ') || 'none'})`);
  }

  /** Throws unless the ONNX file's sha256 is the manifest's. */
  async verify(model: RegisteredModel): Promise<void> {
    const info = await stat(model.onnxPath);
    const version = `${model.onnxPath}:${info.size}:${info.mtimeMs}`;
    if (this.#verified.get(version) === model.manifest.sha256) return;
    const actual = await sha256File(model.onnxPath);
    if (actual !== model.manifest.sha256) {
      throw new DelineateError('bad-data', `${model.onnxPath}: sha256 is ${actual}, model.json says ${model.manifest.sha256}; the file was changed or damaged, so it is not loaded`);
    }
    this.#verified.set(version, actual);
  }
}
