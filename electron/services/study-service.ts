import { resolve } from 'node:path';
import type { VolumeInfo } from '../../core/ipc/schemas.ts';
import { voxelType } from '../../core/geometry/volume.ts';
import { loadSeries, type LoadOptions } from './study-loader.ts';
import type { VolumeStore } from './volume-store.ts';

const softTissueWindow = { center: 40, width: 400 };

/** Loads a study from disk into the store and describes it for the renderer. */
export async function openStudy(store: VolumeStore, path: string, options: LoadOptions = {}): Promise<VolumeInfo> {
  const source = resolve(path);
  const { volume, plan } = await loadSeries(source, options);
  const first = plan.slices[0]!;
  const info: VolumeInfo = {
    id: store.newId(),
    source,
    patientName: first.patientName.replace(/\^/g, ' ').trim(),
    patientId: first.patientId,
    modality: first.modality,
    seriesDescription: first.seriesDescription,
    studyInstanceUid: first.studyInstanceUid,
    seriesInstanceUid: first.seriesInstanceUid,
    frameOfReferenceUid: first.frameOfReferenceUid,
    dims: [volume.dims[0], volume.dims[1], volume.dims[2]],
    spacing: [volume.spacing[0], volume.spacing[1], volume.spacing[2]],
    origin: [volume.origin[0], volume.origin[1], volume.origin[2]],
    direction: [...volume.direction],
    voxelType: voxelType(volume.scalars),
    byteLength: volume.scalars.byteLength,
    window:
      first.windowCenter !== undefined && first.windowWidth !== undefined && first.windowWidth > 0
        ? { center: first.windowCenter, width: first.windowWidth }
        : softTissueWindow,
    warnings: [...plan.warnings],
  };
  store.add({ volume, info });
  return info;
}
