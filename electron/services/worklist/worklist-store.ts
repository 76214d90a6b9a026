import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { DelineateError } from '../../../core/errors.ts';
import { CaseStatus } from '../../../core/worklist/ipc-schemas.ts';
import { writeFileAtomic } from '../workspace/atomic-file.ts';
import { nodeFs } from '../workspace/fs-edge.ts';

const count = z.number().int().nonnegative();
const StoredCase = z.object({
  status: CaseStatus,
  annotator: z.string(),
  updatedAt: z.string().nullable(),
  activeSeconds: z.number().nonnegative(),
  edits: count,
  clicks: count,
  /** The case's workspace folder name once it has been opened, and its grid (to read the work back). */
  workspaceId: z.string().nullable(),
  dims: z.tuple([count, count, count]).nullable(),
});
export type StoredCase = z.infer<typeof StoredCase>;
const StoredWorklist = z.object({ format: z.literal('delineate-worklist'), version: z.literal(1), root: z.string(), cases: z.record(z.string(), StoredCase) });

export const newCase = (): StoredCase => ({ status: 'todo', annotator: '', updatedAt: null, activeSeconds: 0, edits: 0, clicks: 0, workspaceId: null, dims: null });

/** `wl-` + 16 hex of the folder's absolute path: opening the same folder again finds its statuses. */
export function worklistIdOf(root: string): string {
  return `wl-${createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16)}`;
}

/**
 * Per-case status, annotator, effort totals and workspace of one worklist, kept in the data root
 * (`<data>/worklists/<id>.json`, keyed by case folder name), not in the worklist folder: that may be
 * read-only (a shared drive, a DVD). Every change is written at once, atomically.
 */
export class WorklistStore {
  readonly path: string;
  readonly root: string;
  readonly #cases: Map<string, StoredCase>;

  private constructor(path: string, root: string, cases: Map<string, StoredCase>) {
    this.path = path;
    this.root = root;
    this.#cases = cases;
  }

  static async load(dataRoot: string, root: string): Promise<WorklistStore> {
    const path = join(dataRoot, 'worklists', `${worklistIdOf(root)}.json`);
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw new DelineateError('io', `${path}: cannot read the worklist's statuses (${error.code ?? error.message})`);
    });
    if (text === null) return new WorklistStore(path, resolve(root), new Map());
    let parsed;
    try {
      parsed = StoredWorklist.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    // Never start afresh over a damaged file: that would silently lose who finished what.
    if (!parsed?.success) throw new DelineateError('bad-data', `${path}: not a worklist status file (${parsed ? parsed.error.issues[0]?.message : 'not JSON'}); move it away to start afresh`);
    return new WorklistStore(path, parsed.data.root, new Map(Object.entries(parsed.data.cases)));
  }

  get(caseId: string): StoredCase {
    return this.#cases.get(caseId) ?? newCase();
  }

  async update(caseId: string, change: Partial<StoredCase>): Promise<StoredCase> {
    const next = { ...this.get(caseId), ...change };
    this.#cases.set(caseId, next);
    const json = { format: 'delineate-worklist', version: 1, root: this.root, cases: Object.fromEntries(this.#cases) };
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(nodeFs, this.path, [Buffer.from(JSON.stringify(json, null, 2) + '\n')]);
    return next;
  }
}
