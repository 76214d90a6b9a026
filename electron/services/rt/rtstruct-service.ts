import { readFile } from 'node:fs/promises';
import { SopClass } from '../../../core/dicom/tags.ts';
import { DelineateError } from '../../../core/errors.ts';
import { checkRegularFile } from '../dicom-files.ts';
import type { ImageReference } from '../../../core/rt/reference.ts';
import { importRtStruct, type ImportedRoi } from '../../../core/rt/rtstruct-import.ts';
import { readRtStruct } from '../../../core/rt/rtstruct-read.ts';
import { buildRtStruct, type StructureToExport } from '../../../core/rt/rtstruct-write.ts';
import { implicitVrLittleEndian } from '../../../core/dicom/write/encode.ts';
import { writeLintedDicom, type OutputOptions, type OutputResult } from './dicom-output.ts';
import { writerIdentity } from './image-reference.ts';

export interface RtImport {
  readonly rois: ImportedRoi[];
  readonly warnings: string[];
}

/** Reads an RTSTRUCT file and rasterises its ROIs onto the referenced image. */
export async function importRtStructFile(path: string, ref: ImageReference, imageSource: string): Promise<RtImport> {
  const rs = readRtStruct(await readBytes(path), path);
  return importRtStruct(rs, { source: imageSource, grid: ref.grid, patientId: ref.patientId, frameOfReferenceUid: ref.frameOfReferenceUid });
}

/** force, check and deidentification: see OutputOptions. */
export interface RtExportOptions extends OutputOptions {
  readonly label?: string;
  readonly interpreter?: string;
}

export interface RtExport extends OutputResult {
  readonly path: string;
  readonly contourCounts: number[];
  /** What the file could not hold (see RtStructBuild.warnings). */
  readonly warnings: string[];
}

/**
 * Writes an RTSTRUCT for the structures on the referenced image. The file is linted as it will be read back
 * (the encoded bytes) before it is written: an export with lint errors is refused, never written. With
 * `check`, only the lint is run (what the export dialog shows before the user exports).
 * Implicit VR little endian, as planning systems write their own structure sets: explicit VR limits ContourData
 * (DS) to 64 KiB, about 2,700 points at 3 decimals, which a body outline or a lung with its vessels keyholed
 * in exceeds; implicit VR lengths are 32-bit, and every DICOM reader supports it (PS3.5 10.1).
 */
export async function exportRtStructFile(ref: ImageReference, structures: readonly StructureToExport[], path: string, options: RtExportOptions = {}): Promise<RtExport> {
  const build = buildRtStruct(ref, structures, writerIdentity(options.label ?? 'Delineate', options.interpreter ?? ''));
  const output = await writeLintedDicom(build.dataset, { classUid: SopClass.RTStructureSet, instanceUid: build.sopInstanceUid, transferSyntaxUid: implicitVrLittleEndian }, ref, path, options);
  return { path, contourCounts: build.contourCounts, warnings: build.warnings, ...output };
}

export async function readBytes(path: string): Promise<Uint8Array> {
  await checkRegularFile(path);
  try {
    return await readFile(path);
  } catch (error) {
    throw new DelineateError('not-found', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
