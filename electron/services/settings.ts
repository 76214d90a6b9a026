import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { Settings } from '../../core/worklist/ipc-schemas.ts';
import { osUser } from './audit/audit-log.ts';
import { writeFileAtomic } from './workspace/atomic-file.ts';
import { nodeFs } from './workspace/fs-edge.ts';

/**
 * The user's settings, in the data root (`<data>/settings.json`), shared by the app, the browser host and
 * the CLI: the annotator's name for worklists (the OS user until the user gives another), and the folder of the
 * user's own models.
 */
export class SettingsStore {
  readonly path: string;
  #settings: Settings | null = null;

  constructor(dataRoot: string) {
    this.path = join(dataRoot, 'settings.json');
  }

  async get(): Promise<Settings> {
    if (this.#settings) return this.#settings;
    const text = await readFile(this.path, 'utf8').catch(() => null);
    let saved: unknown = null;
    try {
      saved = text === null ? null : JSON.parse(text);
    } catch {
      // A damaged settings file falls back to the defaults; the next change rewrites it.
    }
    const parsed = Settings.partial().safeParse(saved ?? {});
    this.#settings = { annotator: (parsed.success ? parsed.data.annotator : undefined) ?? osUser(), modelsDir: (parsed.success ? parsed.data.modelsDir : null) ?? null };
    return this.#settings;
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    if (change.modelsDir) await checkModelsFolder(change.modelsDir);
    // A key present with the value undefined (possible after validation) changes nothing.
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const next = Settings.parse({ ...(await this.get()), ...given });
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(nodeFs, this.path, [Buffer.from(JSON.stringify(next, null, 2) + '\n')]);
    this.#settings = next;
    return next;
  }
}

/** A models folder must be an absolute path to a folder that exists: the registry reads every model.json in it. */
async function checkModelsFolder(path: string): Promise<void> {
  if (!isAbsolute(path)) throw new DelineateError('invalid-input', `models folder "${path}": give the full path`);
  const info = await stat(path).catch(() => null);
  if (!info) throw new DelineateError('not-found', `models folder ${path}: no such folder`);
  if (!info.isDirectory()) throw new DelineateError('invalid-input', `models folder ${path}: not a folder`);
}
