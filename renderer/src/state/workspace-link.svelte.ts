import type { z } from 'zod';
import type { HistorySummary, SaveStatusSchema, WorkspaceState } from '../../../core/structures/ipc-schemas.ts';
import type { StructureOp } from '../../../core/structures/schemas.ts';
import { api } from '../api.ts';

export type SaveStatus = z.infer<typeof SaveStatusSchema>;
export type History = z.infer<typeof HistorySummary>;

/**
 * The renderer's line to the case's workspace on the main side, which journals every op to disk (autosave)
 * and holds the undo history. Ops go out in order, one request at a time; undo and redo come back as the
 * effects to mirror.
 */
export class WorkspaceLink {
  save = $state.raw<SaveStatus | null>(null);
  history = $state.raw<History>({ labels: [], position: 0 });
  /** Why the last request failed, if it did (the edits stay in memory; the main side retries saving). */
  error = $state<string | null>(null);
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly state: WorkspaceState) {
    this.save = state.save;
    this.history = state.history;
  }

  get id(): string {
    return this.state.workspaceId;
  }

  /** Sends one op after those before it; resolves with the effects of an undo or redo. */
  send(op: StructureOp): Promise<StructureOp[]> {
    const sent = this.#queue.then(async () => {
      try {
        const result = await api.workspace.apply({ workspaceId: this.id, ops: [op] });
        this.history = result.history;
        this.#showSave(result.save);
        this.error = null;
        return result.effects;
      } catch (error) {
        this.error = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
        return [];
      }
    });
    this.#queue = sent;
    return sent;
  }

  #polling: ReturnType<typeof setTimeout> | undefined;

  /** Shows the save state; while the main side is still writing (or retrying), asks again shortly. */
  #showSave(save: SaveStatus): void {
    this.save = save;
    clearTimeout(this.#polling);
    if (save.state === 'saved') return;
    this.#polling = setTimeout(() => {
      api.workspace.status({ workspaceId: this.id }).then(
        (status) => this.#showSave(status.save),
        () => {},
      );
    }, 500);
  }

  /** Waits for every op sent so far. */
  settled(): Promise<unknown> {
    return this.#queue;
  }

  close(): void {
    clearTimeout(this.#polling);
    void this.#queue.then(() => api.workspace.close({ workspaceId: this.id })).catch(() => {});
  }
}
