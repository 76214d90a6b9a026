import { hostname } from 'node:os';
import { join } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import type { StructureOp } from '../../../core/structures/schemas.ts';
import { snapshotOf } from '../../../core/structures/snapshot.ts';
import type { ApplyResult, StructureSetOptions } from '../../../core/structures/structure-set.ts';
import { StructureSet } from '../../../core/structures/structure-set.ts';
import { removeStaleTemporaries, writeFileAtomic } from './atomic-file.ts';
import type { FsEdge } from './fs-edge.ts';
import { nodeFs, readFile } from './fs-edge.ts';
import { encodeRecord, JournalWriter, listSegments } from './journal.ts';
import { encodeSnapshotFile } from './snapshot-file.ts';
import type { ImageReference } from './image-reference.ts';
import { ImageReferenceSchema, geometryFingerprint } from './image-reference.ts';
import { readSavedSet, snapshotFile } from './saved-set.ts';
import { heldByAnotherProcess, readSession, sessionFile } from './session.ts';
import { describeWriteFailure } from './write-failure.ts';

export const workspaceFiles = { reference: 'workspace.json', snapshot: snapshotFile, session: sessionFile } as const;

export interface SaveStatus {
  readonly state: 'saved' | 'saving' | 'failing';
  /** Why saving fails, for the user; null while it works. */
  readonly message: string | null;
  /** Ops applied in memory but not yet on disk. */
  readonly unsaved: number;
  readonly lastSavedAt: number | null;
}

export interface WorkspaceOptions {
  readonly fs?: FsEdge;
  /** A snapshot is written after this many journaled ops, or this many journal bytes (and on close). */
  readonly snapshotEvery?: number;
  readonly snapshotEveryBytes?: number;
  /** ... or when this long (ms) has passed since the last snapshot and there is something new. */
  readonly snapshotEveryMs?: number;
  /** After a failed write, saving is tried again this often (ms). */
  readonly retryMs?: number;
  readonly set?: StructureSetOptions;
  readonly onStatus?: (status: SaveStatus) => void;
}

/**
 * One case's work on disk: the image it belongs to, the structure set, its undo history and effort record.
 * Each op is applied in memory first (so editing never waits for the disk), then appended to the journal
 * and fsynced within milliseconds; snapshots replace the journal from time to time. When the disk refuses
 * (full, read-only), the ops stay queued in memory, `status` says why, and writing is retried.
 */
export class Workspace {
  readonly folder: string;
  readonly reference: ImageReference;
  readonly set: StructureSet;
  /** What opening found and worked around (an interrupted last journal record, for example). */
  readonly warnings: string[];
  /** True when opening replayed journal records written after the last snapshot. */
  readonly recovered: boolean;
  readonly #fs: FsEdge;
  readonly #options: Required<Pick<WorkspaceOptions, 'snapshotEvery' | 'snapshotEveryBytes' | 'snapshotEveryMs' | 'retryMs'>> & WorkspaceOptions;
  readonly #journal: JournalWriter;
  #seq: number;
  #snapshotSeq: number;
  #pending: { seq: number; bytes: Buffer }[] = [];
  #running: Promise<void> | null = null;
  #retry: NodeJS.Timeout | null = null;
  #forceSnapshot = false;
  /** The folder, description and session marker are not on disk yet (create could not write them). */
  #unwritten = false;
  /** Journal bytes since the last snapshot was captured. */
  #journalBytes = 0;
  #snapshotAt = Date.now();
  #status: SaveStatus = { state: 'saved', message: null, unsaved: 0, lastSavedAt: null };
  #closed = false;

  private constructor(init: {
    folder: string;
    reference: ImageReference;
    set: StructureSet;
    seq: number;
    snapshotSeq: number;
    segments: string[];
    warnings: string[];
    options: WorkspaceOptions;
  }) {
    this.folder = init.folder;
    this.reference = init.reference;
    this.set = init.set;
    this.warnings = init.warnings;
    this.recovered = init.seq > init.snapshotSeq;
    this.#seq = init.seq;
    this.#snapshotSeq = init.snapshotSeq;
    this.#fs = init.options.fs ?? nodeFs;
    this.#options = { snapshotEvery: 200, snapshotEveryBytes: 64 * 1024 * 1024, snapshotEveryMs: 60_000, retryMs: 1000, ...init.options };
    this.#journal = new JournalWriter(this.#fs, this.folder, init.segments);
  }

  /**
   * Makes a new workspace folder for an image. When the folder cannot be made (read-only, full), the
   * workspace still opens, in memory, with status 'failing'; the folder is made when saving next succeeds.
   */
  static async create(folder: string, reference: ImageReference, geometry: VolumeGeometry, options: WorkspaceOptions = {}): Promise<Workspace> {
    if (reference.fingerprint !== geometryFingerprint(geometry)) {
      throw new DelineateError('invalid-input', `${folder}: the image reference does not describe this grid`);
    }
    const workspace = new Workspace({ folder, reference, set: new StructureSet(geometry, options.set), seq: 0, snapshotSeq: 0, segments: [], warnings: [], options });
    workspace.#unwritten = true;
    workspace.#kick();
    await workspace.#running;
    return workspace;
  }

  /** Opens a workspace folder: the last snapshot, then every journal record after it. */
  static async open(folder: string, geometry: VolumeGeometry, options: WorkspaceOptions = {}): Promise<Workspace> {
    const reference = await readReference(folder);
    if (reference.fingerprint !== geometryFingerprint(geometry)) {
      throw new DelineateError('invalid-input', `${folder}: this workspace belongs to a different image grid (${reference.path})`);
    }
    // Two writers on one journal would interleave ops: one Delineate per case.
    const session = await readSession(folder);
    if (session && heldByAnotherProcess(session)) {
      throw new DelineateError('forbidden', `${folder}: the case is open in another Delineate (process ${session.pid}, since ${session.openedAt})`);
    }
    // A crash mid-snapshot leaves a snapshot-sized temporary file that no later write would replace.
    await removeStaleTemporaries(options.fs ?? nodeFs, folder);
    const { set, seq, snapshotSeq, warnings } = await readSavedSet(folder, geometry, options.set);
    const workspace = new Workspace({ folder, reference, set, seq, snapshotSeq, segments: await listSegments(folder), warnings, options });
    await workspace.#markSession().catch((error: unknown) => {
      warnings.push(`Cannot mark ${folder} as open: ${describeWriteFailure(error)}`);
    });
    // Fold what was replayed into a fresh snapshot, so the old segments can go.
    if (seq > snapshotSeq) workspace.saveSnapshot();
    return workspace;
  }

  get status(): SaveStatus {
    return this.#status;
  }

  /** The number of the last op applied. */
  get seq(): number {
    return this.#seq;
  }

  /** Applies an op to the set, then queues it for the journal. A refused op changes nothing and is not saved. */
  apply(op: StructureOp): ApplyResult {
    if (this.#closed) throw new DelineateError('invalid-input', `${this.folder}: the workspace is closed`);
    const stamped: StructureOp = op.at === undefined ? { ...op, at: Date.now() } : op;
    const result = this.set.apply(stamped);
    const seq = ++this.#seq;
    const bytes = encodeRecord({ seq, op: stamped, ...(result.before ? { before: result.before } : {}) });
    this.#pending.push({ seq, bytes });
    this.#journalBytes += bytes.length;
    this.#setStatus({ state: this.#status.state === 'failing' ? 'failing' : 'saving', unsaved: this.#pending.length });
    this.#kick();
    return result;
  }

  /** Asks for a snapshot after the queued ops (done in the background). */
  saveSnapshot(): void {
    this.#forceSnapshot = true;
    this.#kick();
  }

  /** Resolves when everything applied so far is on disk; rejects with the reason while the disk refuses. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
    if (this.#pending.length > 0 || this.#forceSnapshot || this.#unwritten) {
      this.#kick();
      await this.#running;
    }
    if (this.#status.state === 'failing') throw new DelineateError('io', this.#status.message ?? `${this.folder}: saving failed`);
  }

  /** Final snapshot, journal removed, session marker removed: the next launch finds nothing to recover. */
  async close(): Promise<void> {
    this.saveSnapshot();
    await this.flush();
    if (this.#retry) clearTimeout(this.#retry);
    this.#closed = true;
    await this.#journal.close();
    await this.#journal.dropThrough(this.#snapshotSeq);
    await this.#fs.unlink(join(this.folder, workspaceFiles.session)).catch(() => undefined);
  }

  #kick(): void {
    if (this.#running || this.#retry) return;
    this.#running = this.#save().finally(() => {
      this.#running = null;
      if (!this.#retry && (this.#pending.length > 0 || this.#forceSnapshot || this.#unwritten)) this.#kick();
    });
  }

  async #save(): Promise<void> {
    try {
      if (this.#unwritten) {
        await this.#fs.mkdir(this.folder);
        await writeFileAtomic(this.#fs, join(this.folder, workspaceFiles.reference), [Buffer.from(JSON.stringify(this.reference, null, 2))]);
        await this.#markSession();
        this.#unwritten = false;
      }
      while (this.#pending.length > 0) {
        const batch = this.#pending.slice();
        await this.#journal.write(batch);
        this.#pending.splice(0, batch.length);
      }
      const since = this.#seq - this.#snapshotSeq;
      const due =
        since >= this.#options.snapshotEvery ||
        this.#journalBytes >= this.#options.snapshotEveryBytes ||
        (since > 0 && Date.now() - this.#snapshotAt >= this.#options.snapshotEveryMs);
      if (this.#forceSnapshot || due) await this.#writeSnapshot();
      this.#setStatus({ state: this.#pending.length > 0 ? 'saving' : 'saved', message: null, unsaved: this.#pending.length, lastSavedAt: Date.now() });
    } catch (error) {
      const message = `Cannot save workspace ${this.folder}: ${describeWriteFailure(error)}. The edits are kept in memory and saving is retried every ${this.#options.retryMs / 1000} s.`;
      this.#setStatus({ state: 'failing', message, unsaved: this.#pending.length });
      this.#retry = setTimeout(() => {
        this.#retry = null;
        this.#kick();
      }, this.#options.retryMs);
      this.#retry.unref();
    }
  }

  async #writeSnapshot(): Promise<void> {
    // Captured synchronously, so it is exactly the state after op `seq`.
    const seq = this.#seq;
    const { header, blobs } = snapshotOf(this.set);
    this.#forceSnapshot = false;
    const journalBytes = this.#journalBytes;
    this.#journalBytes = 0;
    await this.#journal.roll();
    try {
      const file = encodeSnapshotFile({ workspace: { seq, savedAt: Date.now() }, set: header }, blobs);
      await writeFileAtomic(this.#fs, join(this.folder, workspaceFiles.snapshot), file);
    } catch (error) {
      this.#forceSnapshot = true;
      this.#journalBytes += journalBytes;
      throw error;
    }
    this.#snapshotSeq = seq;
    this.#snapshotAt = Date.now();
    await this.#journal.dropThrough(seq);
  }

  /** The marker that says a session has this workspace open; a clean close removes it, a crash leaves it. */
  async #markSession(): Promise<void> {
    const session = { pid: process.pid, host: hostname(), openedAt: new Date().toISOString() };
    await writeFileAtomic(this.#fs, join(this.folder, workspaceFiles.session), [Buffer.from(JSON.stringify(session))]);
  }

  #setStatus(change: Partial<SaveStatus>): void {
    this.#status = { ...this.#status, ...change };
    this.#options.onStatus?.(this.#status);
  }
}

export async function readReference(folder: string): Promise<ImageReference> {
  const path = join(folder, workspaceFiles.reference);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DelineateError(error.code === 'ENOENT' ? 'not-found' : 'io', `${path}: cannot read the workspace (${error.code ?? error.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DelineateError('bad-data', `${path}: not JSON`);
  }
  const parsed = ImageReferenceSchema.safeParse(json);
  if (!parsed.success) throw new DelineateError('bad-data', `${path}: not a workspace description (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}
