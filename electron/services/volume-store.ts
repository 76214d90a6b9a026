import { randomBytes } from 'node:crypto';
import type { StackPlan } from '../../core/dicom/stack.ts';
import type { Volume } from '../../core/geometry/volume.ts';
import type { VolumeInfo } from '../../core/ipc/schemas.ts';

export interface StoredVolume {
  readonly volume: Volume;
  readonly info: VolumeInfo;
  /** How the volume was built from its DICOM slices (absent for volumes not read from DICOM). */
  readonly plan?: StackPlan;
  /** Set when the volume was opened as a worklist case: the case has a workspace of its own (caseKey). */
  readonly workspaceScope?: string;
}

/**
 * Volumes the main side holds. The bulk path serves only ids present here (an allow-list), and ids are
 * random so a page cannot guess another volume's id.
 */
export class VolumeStore {
  readonly #volumes = new Map<string, StoredVolume>();

  newId(): string {
    return `vol-${randomBytes(8).toString('hex')}`;
  }

  add(entry: StoredVolume): void {
    this.#volumes.set(entry.info.id, entry);
  }

  get(id: string): StoredVolume | undefined {
    return this.#volumes.get(id);
  }

  release(id: string): boolean {
    return this.#volumes.delete(id);
  }
}

/** The voxel bytes of a stored volume as one view over its typed array: no copy. */
export function volumeBytes(entry: StoredVolume): Uint8Array {
  const scalars = entry.volume.scalars;
  return new Uint8Array(scalars.buffer, scalars.byteOffset, scalars.byteLength);
}
