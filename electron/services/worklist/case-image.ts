import { basename, resolve } from 'node:path';
import type { VolumeInfo } from '../../../core/ipc/schemas.ts';
import { readNiftiFile } from '../nifti-file.ts';
import type { LoadOptions } from '../study-loader.ts';
import { openStudy, volumeLayout } from '../study-service.ts';
import type { StoredVolume, VolumeStore } from '../volume-store.ts';
import type { CaseImage } from './case-scan.ts';

/**
 * Loads a case's image into the store as the case's own (`scope`: it gets a workspace of its own, even when
 * another case holds the same series). DICOM through the study loader; NIfTI read as it is (such a case has
 * no DICOM series for an RTSTRUCT or SEG to refer to: it exports as a NIfTI label map).
 */
export async function openCaseImage(store: VolumeStore, image: CaseImage, scope: string, options: LoadOptions = {}): Promise<StoredVolume> {
  const info = image.kind === 'dicom' ? await openStudy(store, image.path, { ...options, ...(image.seriesKey ? { seriesKey: image.seriesKey } : {}) }) : await registerNifti(store, image.path);
  const stored = store.get(info.id)!;
  const scoped = { ...stored, workspaceScope: scope };
  store.add(scoped);
  return scoped;
}

async function registerNifti(store: VolumeStore, path: string): Promise<VolumeInfo> {
  const source = resolve(path);
  const { volume, warnings, description } = await readNiftiFile(source);
  const info: VolumeInfo = {
    id: store.newId(),
    source,
    patientName: '',
    patientId: '',
    modality: '',
    seriesDescription: description.trim() || basename(source),
    studyInstanceUid: '',
    seriesInstanceUid: '',
    frameOfReferenceUid: '',
    ...volumeLayout(volume),
    // A NIfTI file has no display window: the soft-tissue one, as for DICOM files without one.
    window: { center: 40, width: 400 },
    warnings,
  };
  store.add({ volume, info });
  return info;
}
