import type { DataSet } from 'dicom-parser';
import { checkDeclaredSize } from './frame-bounds.ts';
import { attributeReader, hasImagePixels, sliceHeaderOf, type SliceHeader } from './header.ts';
import { framesOf } from './multiframe.ts';
import { SopClass, Tag } from './tags.ts';

/** A non-image object worth listing under the series it belongs to (RTSTRUCT, SEG, RTPLAN, RTDOSE). */
export interface RtObjectSummary {
  readonly path: string;
  readonly modality: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly patientId: string;
  readonly frameOfReferenceUid: string;
  /** The image series it references directly, when it says so. */
  readonly referencedSeriesInstanceUid: string | null;
  /** An RTPLAN's structure set (SOP instance), resolved to a series by the scan. */
  readonly referencedSopInstanceUid: string | null;
}

export type DicomObject =
  | { kind: 'image'; frames: SliceHeader[] }
  | { kind: 'rt'; object: RtObjectSummary }
  | { kind: 'directory'; referencedFiles: string[] }
  | { kind: 'other'; reason: string };

const rtClasses = new Set<string>([
  SopClass.RTStructureSet,
  SopClass.RTPlan,
  SopClass.RTIonPlan,
  SopClass.RTDose,
  SopClass.Segmentation,
  SopClass.LabelMapSegmentation,
]);

/**
 * What a parsed file is, for the scan: image frames, an RT object, a DICOMDIR, or something to skip.
 * `fileBytes` is the file's size (the dataset may be only its head): an image it cannot hold is refused.
 */
export function classify(ds: DataSet, source: string, fileBytes: number): DicomObject {
  const { text } = attributeReader(ds);
  const sopClassUid = text(Tag.SOPClassUID) || text('x00020002');
  if (sopClassUid === SopClass.MediaStorageDirectory || ds.elements[Tag.DirectoryRecordSequence]) {
    return { kind: 'directory', referencedFiles: directoryFiles(ds) };
  }
  if (rtClasses.has(sopClassUid)) return { kind: 'rt', object: rtSummary(ds, source, sopClassUid) };
  const header = sliceHeaderOf(ds, source);
  if (!hasImagePixels(header)) return { kind: 'other', reason: `${source}: not an image (${header.modality || 'no modality'}, no pixel data)` };
  // A deflated file's dataset is the inflated bytes, longer than the file.
  checkDeclaredSize(header, Math.max(fileBytes, ds.byteArray.length));
  return { kind: 'image', frames: framesOf(ds, header) };
}

function rtSummary(ds: DataSet, path: string, sopClassUid: string): RtObjectSummary {
  const { text } = attributeReader(ds);
  const firstItem = (within: DataSet | undefined, tag: string) => within?.elements[tag]?.items?.[0]?.dataSet;
  // RTSTRUCT: ReferencedFrameOfReferenceSequence > RTReferencedStudySequence > RTReferencedSeriesSequence.
  const referencedFrame = firstItem(ds, Tag.ReferencedFrameOfReferenceSequence);
  const rtSeries = firstItem(firstItem(referencedFrame, Tag.RTReferencedStudySequence), Tag.RTReferencedSeriesSequence);
  // SEG (and others): ReferencedSeriesSequence.
  const referencedSeries = firstItem(ds, Tag.ReferencedSeriesSequence);
  const seriesUid = (rtSeries ?? referencedSeries)?.string(Tag.SeriesInstanceUID)?.trim() || null;
  const structureSet = firstItem(ds, Tag.ReferencedStructureSetSequence);
  return {
    path,
    modality: text(Tag.Modality),
    sopClassUid,
    sopInstanceUid: text(Tag.SOPInstanceUID),
    seriesInstanceUid: text(Tag.SeriesInstanceUID),
    studyInstanceUid: text(Tag.StudyInstanceUID),
    patientId: text(Tag.PatientID),
    // Some exporters (dicompyler) write the frame of reference only inside the referenced-frame sequence.
    frameOfReferenceUid: text(Tag.FrameOfReferenceUID) || referencedFrame?.string(Tag.FrameOfReferenceUID)?.trim() || '',
    referencedSeriesInstanceUid: seriesUid,
    referencedSopInstanceUid: structureSet?.string(Tag.ReferencedSOPInstanceUID)?.trim() || null,
  };
}

/** Relative paths (with '/') of the files a DICOMDIR lists. */
function directoryFiles(ds: DataSet): string[] {
  const records = ds.elements[Tag.DirectoryRecordSequence]?.items ?? [];
  return records
    .map((item) => item.dataSet?.string(Tag.ReferencedFileID)?.trim())
    .filter((id): id is string => !!id)
    .map((id) => id.split('\\').join('/'));
}
