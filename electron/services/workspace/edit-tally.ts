import type { StructureOp } from '../../../core/structures/schemas.ts';
import type { StructureSet } from '../../../core/structures/structure-set.ts';

export interface EditSummary {
  readonly structure: string;
  /** The edit label ("Brush GTVp") or the op (create, delete, update, undo, redo). */
  readonly action: string;
  readonly count: number;
  readonly clicks: number;
}

/** Counts edits between audit flushes: the audit log gets a summary, not one line per brush stroke. */
export class EditTally {
  readonly #counts = new Map<string, { structure: string; action: string; count: number; clicks: number }>();

  note(op: StructureOp, set: StructureSet): void {
    const structure = 'id' in op && set.has(op.id) ? set.get(op.id).meta.name : op.op === 'create' ? op.structure.name : '';
    const action = op.op === 'edit' ? op.label : op.op;
    const key = `${structure}\u0000${action}`;
    const entry = this.#counts.get(key) ?? { structure, action, count: 0, clicks: 0 };
    entry.count++;
    entry.clicks += op.op === 'edit' ? (op.clicks ?? 0) : 0;
    this.#counts.set(key, entry);
  }

  take(): EditSummary[] {
    const out = [...this.#counts.values()];
    this.#counts.clear();
    return out;
  }
}
