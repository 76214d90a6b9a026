import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Settings } from '../../core/worklist/ipc-schemas.ts';
import { osUser } from './audit/audit-log.ts';
import { writeFileAtomic } from './workspace/atomic-file.ts';
import { nodeFs } from './workspace/fs-edge.ts';

/**
 * The user's settings, in the data root (`<data>/settings.json`), shared by the app, the browser host and
 * the CLI. Today: the annotator's name for worklists, the OS user until the user gives another.
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
    this.#settings = { annotator: (parsed.success ? parsed.data.annotator : undefined) ?? osUser() };
    return this.#settings;
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...change });
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(nodeFs, this.path, [Buffer.from(JSON.stringify(next, null, 2) + '\n')]);
    this.#settings = next;
    return next;
  }
}
