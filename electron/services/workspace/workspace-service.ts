import { hostname } from 'node:os';
import { join } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import type { StructureOp } from '../../../core/structures/schemas.ts';
import type { ApplyResult } from '../../../core/structures/structure-set.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditAiRun } from '../audit/audit-events.ts';
import type { StoredVolume } from '../volume-store.ts';
import { readdir } from './fs-edge.ts';
import { caseKey, geometryFingerprint, type ImageReference } from './image-reference.ts';
import { findRecoverable, type RecoverableWorkspace } from './recovery.ts';
import { Workspace, type WorkspaceOptions } from './workspace.ts';
import { EditTally } from './edit-tally.ts';

export interface OpenedWorkspace {
  readonly workspaceId: string;
  readonly workspace: Workspace;
  /** The volume it was opened for (the renderer's id for the image). */
  readonly volumeId: string;
}

/**
 * The open workspaces of this process, one per case, under one root folder (`<root>/case-<key>/`).
 * Opening a volume whose case has a workspace restores it (replaying any journal a crash left behind).
 */
export class WorkspaceService {
  readonly root: string;
  readonly #options: WorkspaceOptions;
  /** Where opens, edit summaries and closes are recorded; null for none (tests). */
  readonly audit: AuditLog | null;
  readonly #open = new Map<string, OpenedWorkspace>();
  readonly #tallies = new Map<string, EditTally>();

  constructor(root: string, options: WorkspaceOptions & { audit?: AuditLog } = {}) {
    this.root = root;
    const { audit, ...rest } = options;
    this.#options = rest;
    this.audit = audit ?? null;
  }

  /** The workspace id (folder name) of a volume's case. */
  keyFor(stored: StoredVolume): string {
    const { volume, info, workspaceScope } = stored;
    return caseKey({ seriesInstanceUid: info.seriesInstanceUid, fingerprint: geometryFingerprint(volume), path: info.source, ...(workspaceScope ? { scope: workspaceScope } : {}) });
  }

  /** The workspace if this process has it open, else null. */
  find(workspaceId: string): OpenedWorkspace | null {
    return this.#open.get(workspaceId) ?? null;
  }

  async openForVolume(volumeId: string, stored: StoredVolume): Promise<OpenedWorkspace> {
    const { volume, info } = stored;
    const fingerprint = geometryFingerprint(volume);
    const key = this.keyFor(stored);
    const already = this.#open.get(key);
    if (already) return { ...already, volumeId };
    const folder = join(this.root, key);
    const exists = (await readdir(folder).catch(() => null)) !== null;
    const workspace = exists
      ? await Workspace.open(folder, volume, this.#options)
      : await Workspace.create(folder, referenceFor(info, fingerprint), volume, this.#options);
    const opened = { workspaceId: key, workspace, volumeId };
    this.#open.set(key, opened);
    this.#tallies.set(key, new EditTally());
    await this.audit?.append({
      kind: exists ? (workspace.recovered ? 'workspace.recover' : 'workspace.open') : 'workspace.create',
      workspace: folder,
      image: info.source,
      seriesInstanceUid: info.seriesInstanceUid,
      structures: workspace.set.list().length,
    });
    return opened;
  }

  get(workspaceId: string): OpenedWorkspace {
    const opened = this.#open.get(workspaceId);
    if (!opened) throw new DelineateError('not-found', `workspace ${workspaceId} is not open`);
    return opened;
  }

  apply(workspaceId: string, ops: readonly StructureOp[]): ApplyResult[] {
    const { workspace } = this.get(workspaceId);
    const tally = this.#tallies.get(workspaceId)!;
    return ops.map((op) => {
      const result = workspace.apply(op);
      tally.note(op, workspace.set);
      const run = aiRunOf(op);
      if (run && this.audit) {
        const structure = op.op === 'create' ? op.structure.name : 'id' in op ? workspace.set.get(op.id).meta.name : '';
        // Not awaited: the audit write must not hold up editing; a failure is reported by the log itself.
        void auditAiRun(this.audit, { ...run, structure, workspace: workspace.folder }).catch((error: unknown) => workspace.warnings.push((error as Error).message));
      }
      return result;
    });
  }

  async close(workspaceId: string): Promise<void> {
    const { workspace } = this.get(workspaceId);
    await workspace.close();
    this.#open.delete(workspaceId);
    await this.#flushTally(workspaceId, workspace.folder);
    await this.audit?.append({ kind: 'workspace.close', workspace: workspace.folder });
  }

  /** Writes the summarised edits of every open workspace to the audit log (also done on close). */
  async flushAudit(): Promise<void> {
    for (const [id, opened] of this.#open) await this.#flushTally(id, opened.workspace.folder);
  }

  async recoverable(): Promise<RecoverableWorkspace[]> {
    const open = new Set([...this.#open.values()].map((o) => o.workspace.folder));
    return (await findRecoverable(this.root, hostname())).filter((r) => !open.has(r.folder));
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.#open.keys()]) await this.close(id);
  }

  async #flushTally(workspaceId: string, folder: string): Promise<void> {
    const tally = this.#tallies.get(workspaceId);
    const summary = tally?.take();
    if (summary && summary.length > 0) await this.audit?.append({ kind: 'edits', workspace: folder, edits: summary });
    if (!this.#open.has(workspaceId)) this.#tallies.delete(workspaceId);
  }
}

function referenceFor(info: StoredVolume['info'], fingerprint: string): ImageReference {
  return {
    path: info.source,
    seriesInstanceUid: info.seriesInstanceUid,
    frameOfReferenceUid: info.frameOfReferenceUid,
    description: [info.patientName, info.modality, info.seriesDescription].filter(Boolean).join(' / '),
    fingerprint,
    createdAt: new Date().toISOString(),
  };
}

/** The AI run an op records, if any: an AI-made structure (auto-contouring), or an accepted AI click edit. */
function aiRunOf(op: StructureOp): { modelId: string; modelVersion: string; sha256: string; task: string; [field: string]: unknown } | null {
  if (op.op === 'edit' && op.ai) {
    const { modelId, modelVersion, sha256, prompts, box, scribbles, ms } = op.ai;
    // Clicks counted; a box and scribbles, when given, as they are (the box, the voxels scribbled each way).
    return { modelId, modelVersion, sha256: sha256 ?? 'none (classic)', task: 'interactive', prompts: prompts.length, ...(box ? { box } : {}), ...(scribbles ? { scribbles } : {}), ms };
  }
  const provenance = op.op === 'create' ? op.structure.provenance : op.op === 'update' ? op.changes.provenance : undefined;
  if (provenance?.kind !== 'ai') return null;
  return { modelId: provenance.modelId, modelVersion: provenance.modelVersion, sha256: provenance.sha256, task: 'structure' };
}
