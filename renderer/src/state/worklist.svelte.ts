import type { z } from 'zod';
import type { CaseStatus, CaseStructures, ExportFormat, WorklistCase, WorklistExportOutput, WorklistProgress, WorklistView } from '../../../core/worklist/ipc-schemas.ts';
import { api, onEvent } from '../api.ts';
import { structures } from './structures.svelte.ts';
import { study } from './study.svelte.ts';

const formatLabels: Record<z.infer<typeof CaseStructures>['format'], string> = {
  RTSTRUCT: 'RTSTRUCT',
  SEG: 'DICOM SEG',
  LABELMAP: 'NIfTI label map',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The worklist the annotator works through: its cases (status, time, annotator, from the main side), the
 * case on screen, moving to the next or previous one, marking it, and exporting and reporting the lot.
 * A case's structures to correct are imported when its workspace comes back empty (the first open).
 */
export class WorklistState {
  view = $state.raw<WorklistView | null>(null);
  currentId = $state<string | null>(null);
  /** What it is doing, in words, while a request is out ("Opening case-2"). */
  busy = $state<string | null>(null);
  error = $state<string | null>(null);
  progress = $state.raw<z.infer<typeof WorklistProgress> | null>(null);
  annotator = $state('');
  /** The volume on screen as the current case, and the file to import onto it on first open. */
  #caseVolume: { volumeId: string; structures: WorklistCase['structures'] } | null = null;

  constructor() {
    onEvent('worklist.progress', (progress) => (this.progress = progress));
  }

  current(): WorklistCase | null {
    return this.view?.cases.find((c) => c.id === this.currentId) ?? null;
  }

  async open(path: string): Promise<void> {
    await this.#run(`Opening ${path}`, async () => {
      this.view = await api.worklist.open({ path });
      this.annotator = this.view.annotator;
      this.currentId = null;
    });
  }

  async refresh(): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.#run(null, async () => {
      this.view = await api.worklist.view({ worklistId: view.worklistId });
    });
  }

  /** Opens a case: what was sent for the case on screen is saved first, then its image loads. */
  async openCase(caseId: string): Promise<void> {
    const view = this.view;
    if (!view) return;
    await structures.link?.settled();
    await this.#run(`Opening ${caseId}`, async () => {
      await study.loadWith(async () => {
        const opened = await api.worklist.openCase({ worklistId: view.worklistId, caseId });
        this.#caseVolume = { volumeId: opened.volume.id, structures: opened.case.structures };
        this.currentId = caseId;
        return opened.volume;
      });
      if (study.error) throw new Error(study.error);
      this.view = await api.worklist.view({ worklistId: view.worklistId });
    });
  }

  /** The next (+1) or previous (-1) case in the list, if there is one. */
  async step(delta: 1 | -1): Promise<void> {
    const cases = this.view?.cases ?? [];
    const at = cases.findIndex((c) => c.id === this.currentId);
    const next = cases[at === -1 ? (delta > 0 ? 0 : cases.length - 1) : at + delta];
    if (next && !this.busy) await this.openCase(next.id);
  }

  async setStatus(status: CaseStatus): Promise<void> {
    const view = this.view;
    const caseId = this.currentId;
    if (!view || !caseId) return;
    // The case's time and edits are read from its workspace: let the last ops reach it first.
    await structures.link?.settled();
    await this.#run(null, async () => {
      await api.worklist.setStatus({ worklistId: view.worklistId, caseId, status });
      this.view = await api.worklist.view({ worklistId: view.worklistId });
    });
  }

  async setAnnotator(name: string): Promise<void> {
    await this.#run(null, async () => {
      this.annotator = (await api.settings.update({ annotator: name })).annotator;
    });
  }

  /** Exports every done case; when files exist and `force` is false, nothing is written and they are named. */
  async exportFinished(format: ExportFormat, folder: string, deidentify: boolean, force: boolean): Promise<WorklistExportOutput | null> {
    const view = this.view;
    if (!view) return null;
    await structures.link?.settled();
    let result: WorklistExportOutput | null = null;
    await this.#run('Exporting', async () => {
      result = await api.worklist.exportFinished({ worklistId: view.worklistId, format, folder, deidentify, force });
    });
    this.progress = null;
    return result;
  }

  async report(path: string, force: boolean): Promise<{ path: string; rows: number; written: boolean } | null> {
    const view = this.view;
    if (!view) return null;
    await structures.link?.settled();
    let result: { path: string; rows: number; written: boolean } | null = null;
    await this.#run('Writing the report', async () => {
      result = await api.worklist.report({ worklistId: view.worklistId, path, force });
    });
    return result;
  }

  /** True when the volume is the current case's: its first structures come from the case, not from beside the study. */
  ownsVolume(volumeId: string): boolean {
    return this.#caseVolume?.volumeId === volumeId;
  }

  /** Imports the case's structures to correct onto its volume (called when its workspace is new). */
  async importCaseStructures(volumeId: string): Promise<void> {
    const file = this.#caseVolume?.volumeId === volumeId ? this.#caseVolume.structures : null;
    if (!file) return;
    try {
      const result = await api.rt.importFile({ path: file.path, volumeId });
      if (study.info?.id !== volumeId) return;
      structures.importStructures(result.structures, file.path, formatLabels[file.format]);
      structures.notify(`Imported ${result.structures.length} structure(s) to correct from ${file.path}`);
    } catch (error) {
      this.error = `The case's structures could not be imported: ${messageOf(error)}`;
    }
  }

  async #run(label: string | null, work: () => Promise<void>): Promise<void> {
    if (label) this.busy = label;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      if (label) this.busy = null;
    }
  }
}

export const worklist = new WorklistState();
