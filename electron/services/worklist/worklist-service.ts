import { join, resolve } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import { lps, type Direction } from '../../../core/geometry/space.ts';
import type { StructureSet } from '../../../core/structures/structure-set.ts';
import type { CaseStatus, WorklistCase, WorklistView } from '../../../core/worklist/ipc-schemas.ts';
import { reportCsv, type CaseEffort, type StructureEffort } from '../../../core/worklist/report.ts';
import { writeNewFile, exists } from '../rt/output-file.ts';
import type { SettingsStore } from '../settings.ts';
import type { LoadOptions } from '../study-loader.ts';
import type { StoredVolume, VolumeStore } from '../volume-store.ts';
import { readSavedSet } from '../workspace/saved-set.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { openCaseImage } from './case-image.ts';
import { scanWorklistFolder, type ScannedCase } from './case-scan.ts';
import { WorklistStore, worklistIdOf, type StoredCase } from './worklist-store.ts';

export interface WorklistDeps {
  readonly store: VolumeStore;
  /** The same workspace service the `workspace` namespace uses: the case open in the app is read live. */
  readonly workspaces: () => WorkspaceService;
  readonly dataRoot: string;
  readonly settings: SettingsStore;
}

export interface OpenWorklist {
  readonly id: string;
  readonly root: string;
  readonly cases: readonly ScannedCase[];
  readonly saved: WorklistStore;
}

const identity: Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/**
 * Worklists: a folder of cases, each case's status (to do, in progress, done, flagged), who worked on it and
 * the time it took (the active seconds of its structures' effort records), kept per case in the data root.
 * A case's image opens as the case's own, so its work lands in its own workspace.
 */
export class WorklistService {
  readonly #deps: WorklistDeps;
  readonly #lists = new Map<string, OpenWorklist>();
  /** The volume loaded for each case (by workspace id), so an export reuses it while the store holds it. */
  readonly #volumes = new Map<string, string>();

  constructor(deps: WorklistDeps) {
    this.#deps = deps;
  }

  async open(path: string): Promise<WorklistView> {
    const root = resolve(path);
    const cases = await scanWorklistFolder(root);
    const id = worklistIdOf(root);
    this.#lists.set(id, { id, root, cases, saved: await WorklistStore.load(this.#deps.dataRoot, root) });
    return this.view(id);
  }

  /** The cases with their status and effort, the effort read afresh from their workspaces. */
  async view(worklistId: string): Promise<WorklistView> {
    const list = this.list(worklistId);
    const cases: WorklistCase[] = [];
    for (const scanned of list.cases) cases.push(caseView(scanned, await this.#refresh(list, scanned.id)));
    return { worklistId, root: list.root, annotator: (await this.#deps.settings.get()).annotator, cases };
  }

  list(worklistId: string): OpenWorklist {
    const list = this.#lists.get(worklistId);
    if (!list) throw new DelineateError('not-found', `worklist ${worklistId} is not open: open its folder again`);
    return list;
  }

  scannedCase(list: OpenWorklist, caseId: string): ScannedCase {
    const scanned = list.cases.find((c) => c.id === caseId);
    if (!scanned) throw new DelineateError('not-found', `${list.root}: no case ${caseId}`);
    return scanned;
  }

  /**
   * Loads a case's image (a case still to do becomes in progress, with this annotator). Its structures to
   * correct are imported by the renderer when the workspace comes back empty: the first open.
   */
  async openCase(worklistId: string, caseId: string, options: LoadOptions = {}): Promise<{ case: WorklistCase; volume: StoredVolume['info'] }> {
    const list = this.list(worklistId);
    const scanned = this.scannedCase(list, caseId);
    const { stored } = await this.caseVolume(list, scanned, options);
    const before = list.saved.get(caseId);
    const status: CaseStatus = before.status === 'todo' ? 'in-progress' : before.status;
    const after = await list.saved.update(caseId, {
      status,
      annotator: (await this.#deps.settings.get()).annotator,
      updatedAt: new Date().toISOString(),
      workspaceId: this.#deps.workspaces().keyFor(stored),
      dims: [...stored.volume.dims],
    });
    if (status !== before.status) await this.#auditStatus(list, caseId, after);
    return { case: caseView(scanned, after), volume: stored.info };
  }

  async setStatus(worklistId: string, caseId: string, status: CaseStatus): Promise<WorklistCase> {
    const list = this.list(worklistId);
    const scanned = this.scannedCase(list, caseId);
    await this.#refresh(list, caseId);
    const after = await list.saved.update(caseId, { status, annotator: (await this.#deps.settings.get()).annotator, updatedAt: new Date().toISOString() });
    await this.#auditStatus(list, caseId, after);
    return caseView(scanned, after);
  }

  /**
   * The case's volume: the one already loaded for it when the store still holds it (the case on screen),
   * else loaded now (`loaded`: the caller releases it when done with it, see releaseCaseVolume).
   */
  async caseVolume(list: OpenWorklist, scanned: ScannedCase, options: LoadOptions = {}): Promise<{ stored: StoredVolume; loaded: boolean }> {
    if (!scanned.image) throw new DelineateError('bad-data', `${scanned.folder}: ${scanned.problem ?? 'no image'}`);
    const scope = `${list.root}\u0000${scanned.id}`;
    const known = this.#volumes.get(scope);
    const held = known ? this.#deps.store.get(known) : undefined;
    if (held) return { stored: held, loaded: false };
    const stored = await openCaseImage(this.#deps.store, scanned.image, scope, options);
    this.#volumes.set(scope, stored.info.id);
    return { stored, loaded: true };
  }

  releaseCaseVolume(volumeId: string): void {
    this.#deps.store.release(volumeId);
    for (const [scope, id] of this.#volumes) if (id === volumeId) this.#volumes.delete(scope);
  }

  /**
   * A case's structure set as it stands: live from the workspace when this process has it open, else as
   * saved on disk (on `geometry` when given, else on a grid of the saved dims: effort and voxel indices do
   * not depend on spacing). Null when the case has no workspace yet.
   */
  async caseSet(list: OpenWorklist, caseId: string, geometry?: StoredVolume['volume']): Promise<StructureSet | null> {
    const saved = list.saved.get(caseId);
    if (!saved.workspaceId) return null;
    const workspaces = this.#deps.workspaces();
    const live = workspaces.find(saved.workspaceId);
    if (live) return live.workspace.set;
    const grid = geometry ?? (saved.dims ? { dims: saved.dims, spacing: [1, 1, 1] as const, origin: lps(0, 0, 0), direction: identity } : null);
    const folder = join(workspaces.root, saved.workspaceId);
    if (!grid || !(await exists(folder))) return null;
    return (await readSavedSet(folder, grid)).set;
  }

  /** Every case's structures with their effort, for the report (read afresh from the workspaces). */
  async caseEfforts(worklistId: string): Promise<CaseEffort[]> {
    const list = this.list(worklistId);
    const out: CaseEffort[] = [];
    for (const scanned of list.cases) {
      const structures = await this.#structureEfforts(list, scanned.id);
      const saved = await this.#refresh(list, scanned.id, structures);
      out.push({ caseId: scanned.id, status: saved.status, annotator: saved.annotator, updatedAt: saved.updatedAt, structures: structures ?? [] });
    }
    return out;
  }

  /** Writes the CSV report; an existing file is replaced only with `force` (else `written` is false). */
  async report(worklistId: string, path: string, force = false): Promise<{ path: string; rows: number; written: boolean }> {
    const target = resolve(path);
    const cases = await this.caseEfforts(worklistId);
    const rows = cases.reduce((n, c) => n + 1 + c.structures.length, 0);
    if (!force && (await exists(target))) return { path: target, rows, written: false };
    await writeNewFile(target, new TextEncoder().encode(reportCsv(cases)), true);
    return { path: target, rows, written: true };
  }

  async #structureEfforts(list: OpenWorklist, caseId: string): Promise<StructureEffort[] | null> {
    let set: StructureSet | null;
    try {
      set = await this.caseSet(list, caseId);
    } catch {
      // Being written this very moment (a snapshot replacing the journal): the stored totals stand.
      return null;
    }
    return set ? set.list().map((s) => ({ name: s.meta.name, type: s.meta.type, activeSeconds: s.effort.activeSeconds, edits: s.effort.edits, clicks: s.effort.clicks })) : [];
  }

  /** Brings the stored effort totals of a case up to date with its workspace (written only when changed). */
  async #refresh(list: OpenWorklist, caseId: string, known?: StructureEffort[] | null): Promise<StoredCase> {
    const saved = list.saved.get(caseId);
    const structures = known === undefined ? await this.#structureEfforts(list, caseId) : known;
    if (!structures) return saved;
    const sum = (field: 'activeSeconds' | 'edits' | 'clicks') => structures.reduce((total, s) => total + s[field], 0);
    const totals = { activeSeconds: sum('activeSeconds'), edits: sum('edits'), clicks: sum('clicks') };
    if (totals.activeSeconds === saved.activeSeconds && totals.edits === saved.edits && totals.clicks === saved.clicks) return saved;
    return list.saved.update(caseId, totals);
  }

  async #auditStatus(list: OpenWorklist, caseId: string, saved: StoredCase): Promise<void> {
    await this.#deps.workspaces().audit?.append({ kind: 'worklist.status', worklist: list.root, case: caseId, status: saved.status, annotator: saved.annotator });
  }
}

function caseView(scanned: ScannedCase, saved: StoredCase): WorklistCase {
  const image = scanned.image ? { path: scanned.image.path, kind: scanned.image.kind, description: scanned.image.description } : null;
  return {
    id: scanned.id,
    folder: scanned.folder,
    image,
    structures: scanned.structures,
    problem: scanned.problem,
    status: saved.status,
    activeSeconds: saved.activeSeconds,
    edits: saved.edits,
    clicks: saved.clicks,
    annotator: saved.annotator,
    updatedAt: saved.updatedAt,
  };
}
