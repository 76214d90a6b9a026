import { SopClass } from '../../../core/dicom/tags.ts';
import type { ImageReference } from '../../../core/rt/reference.ts';
import { importSegmentation, type ImportedSegment } from '../../../core/seg/seg-import.ts';
import { readSegmentation } from '../../../core/seg/seg-read.ts';
import { buildSegmentation, type SegmentToExport } from '../../../core/seg/seg-write.ts';
import { writeLintedDicom, type OutputResult } from './dicom-output.ts';
import { writerIdentity } from './image-reference.ts';
import { readBytes, type RtExportOptions } from './rtstruct-service.ts';

/** Reads a DICOM SEG and puts its segments on the referenced image. */
export async function importSegFile(path: string, ref: ImageReference, imageSource: string): Promise<{ segments: ImportedSegment[]; warnings: string[] }> {
  const seg = readSegmentation(await readBytes(path), path);
  return importSegmentation(seg, { source: imageSource, grid: ref.grid, patientId: ref.patientId, frameOfReferenceUid: ref.frameOfReferenceUid });
}

/** Writes a binary DICOM SEG, linted as it will be read back before it is written (`check`: lint only). */
export async function exportSegFile(
  ref: ImageReference,
  segments: readonly SegmentToExport[],
  path: string,
  options: RtExportOptions = {},
): Promise<OutputResult & { path: string; framesPerSegment: number[] }> {
  const build = buildSegmentation(ref, segments, writerIdentity(options.label ?? 'Delineate'));
  const output = await writeLintedDicom(build.dataset, { classUid: SopClass.Segmentation, instanceUid: build.sopInstanceUid }, ref, path, options);
  return { path, framesPerSegment: build.framesPerSegment, ...output };
}
