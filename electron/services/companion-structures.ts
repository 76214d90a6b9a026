import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import type { ImportedStructure } from '../../core/ipc/schemas.ts';
import { boundingBox, patchFromMask } from '../../core/mask/patch.ts';
import { readLabelMap, sidecarPath } from './rt/labelmap-service.ts';
import type { VolumeStore } from './volume-store.ts';

/**
 * A label map that comes with a study: `labels.nii.gz` (+ `labels.json`, names, colours and types) in the
 * study folder or the folder above it, as the bundled sample has. Null when there is none.
 */
export function companionLabelMap(studySource: string): string | null {
  for (const folder of [studySource, dirname(studySource)]) {
    const candidate = join(folder, 'labels.nii.gz');
    if (existsSync(candidate) && existsSync(sidecarPath(candidate))) return candidate;
  }
  return null;
}

/** The companion label map's structures on the loaded volume's grid, each as one run-length patch. */
export async function companionStructures(
  store: VolumeStore,
  volumeId: string,
): Promise<{ source: string | null; structures: ImportedStructure[]; warnings: string[] }> {
  const entry = store.get(volumeId);
  if (!entry) throw new DelineateError('not-found', `volume ${volumeId} is not loaded`);
  const source = companionLabelMap(entry.info.source);
  if (!source) return { source: null, structures: [], warnings: [] };
  const { masks, warnings } = await readLabelMap(source, entry.volume);
  const structures: ImportedStructure[] = [];
  for (const { name, colour, type, mask } of masks) {
    const box = boundingBox(mask.voxels, mask.dims);
    if (!box) {
      warnings.push(`${source}: "${name}" has no voxels on this image`);
      continue;
    }
    structures.push({ name, colour: [...colour], type, patch: patchFromMask(mask.voxels, mask.dims, box) });
  }
  return { source, structures, warnings };
}
