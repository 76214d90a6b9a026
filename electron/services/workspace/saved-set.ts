import { join } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { StructureOp as StructureOpSchema } from '../../../core/structures/schemas.ts';
import { restoreSnapshot } from '../../../core/structures/snapshot.ts';
import type { StructureSetOptions } from '../../../core/structures/structure-set.ts';
import { StructureSet } from '../../../core/structures/structure-set.ts';
import { readFile } from './fs-edge.ts';
import { readJournal } from './journal.ts';
import { decodeSnapshotFile } from './snapshot-file.ts';

export const snapshotFile = 'snapshot.bin';

export interface SavedSet {
  readonly set: StructureSet;
  /** The number of the last op replayed, and of the last op the snapshot holds. */
  readonly seq: number;
  readonly snapshotSeq: number;
  readonly warnings: string[];
}

/**
 * A workspace's structure set as it stands on disk: the last snapshot, then every journal record after it.
 * Only reads: opening a case for editing (Workspace.open) and reading one for a report or an export both
 * come here, so they see the same state.
 */
export async function readSavedSet(folder: string, geometry: VolumeGeometry, options?: StructureSetOptions): Promise<SavedSet> {
  const snapshotPath = join(folder, snapshotFile);
  const saved = await readFile(snapshotPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new DelineateError('io', `${snapshotPath}: cannot read (${error.message})`);
  });
  let set = new StructureSet(geometry, options);
  let snapshotSeq = 0;
  if (saved) {
    const { header, blobs } = decodeSnapshotFile(saved, snapshotPath);
    const { workspace, set: setHeader } = header as { workspace?: { seq?: unknown }; set?: unknown };
    if (!workspace || !Number.isInteger(workspace.seq)) throw new DelineateError('bad-data', `${snapshotPath}: no sequence number`);
    set = restoreSnapshot(geometry, setHeader, blobs, snapshotPath);
    snapshotSeq = workspace.seq as number;
  }
  const { records, warnings } = await readJournal(folder, snapshotSeq);
  let seq = snapshotSeq;
  for (const record of records) {
    const op = StructureOpSchema.safeParse(record.op);
    try {
      if (!op.success) throw new Error(op.error.issues[0]?.message);
      set.apply(op.data);
    } catch (error) {
      warnings.push(`${folder}: journal record ${record.seq} could not be applied (${(error as Error).message}); replay stopped there`);
      break;
    }
    seq = record.seq;
  }
  return { set, seq, snapshotSeq, warnings };
}
