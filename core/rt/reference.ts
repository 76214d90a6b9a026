import { tag, type DatasetEntry } from '../dicom/write/dataset.ts';
import type { Vec3 } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';

/** What a derived object (RTSTRUCT, SEG) copies from, and points back to, in the image it was drawn on. */
export interface ImageReference {
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate: string;
  readonly patientSex: string;
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyId: string;
  readonly accessionNumber: string;
  readonly referringPhysicianName: string;
  readonly studyDescription: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly positionReferenceIndicator: string;
  /** The regular grid the masks are on (the volume as the app builds it). */
  readonly grid: VolumeGeometry;
  /** The source slices, each with the grid plane nearest to it. */
  readonly slices: readonly ReferencedSlice[];
}

export interface ReferencedSlice {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** The grid plane whose voxels are drawn on this slice. */
  readonly k: number;
  /** Shift from that plane to the slice along the slice normal, mm (rounding of the slice positions, or resampling). */
  readonly offsetMm: number;
  /** 1-based frame of a multi-frame image (Enhanced CT); absent for a single-frame one. */
  readonly frameNumber?: number;
  /** The plane's voxels are this slice's own pixels (the stack was not resampled). */
  readonly planeIsSlice: boolean;
  /** ImagePositionPatient of the slice, LPS mm. */
  readonly position: Vec3;
}

/**
 * Items naming slices (ReferencedSOPClassUID, ReferencedSOPInstanceUID, and ReferencedFrameNumber for a frame of a
 * multi-frame image, which PS3.3 requires when a reference is to some of its frames).
 */
export function sliceReferenceEntries(slice: Pick<ReferencedSlice, 'sopClassUid' | 'sopInstanceUid' | 'frameNumber'>): DatasetEntry[] {
  return [
    [tag(0x0008, 0x1150), 'UI', slice.sopClassUid],
    [tag(0x0008, 0x1155), 'UI', slice.sopInstanceUid],
    ...(slice.frameNumber ? [[tag(0x0008, 0x1160), 'IS', String(slice.frameNumber)] as const] : []),
  ];
}

/** Each image instance once, for a series-level list: a multi-frame image is listed whole, without frame numbers. */
export function instancesOf(slices: readonly ReferencedSlice[]): { sopClassUid: string; sopInstanceUid: string }[] {
  const seen = new Map<string, { sopClassUid: string; sopInstanceUid: string }>();
  for (const { sopClassUid, sopInstanceUid } of slices) if (!seen.has(sopInstanceUid)) seen.set(sopInstanceUid, { sopClassUid, sopInstanceUid });
  return [...seen.values()];
}

/** Who or what made a structure (ROIGenerationAlgorithm and ROIGenerationDescription). */
export interface Generation {
  readonly algorithm: 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';
  /** For AI-made structures: the model's name and version. */
  readonly description?: string;
}
