import type { Dataset } from '../../../core/dicom/write/dataset.ts';
import { deidentify } from '../../../core/dicom/write/deidentify.ts';
import { encodePart10, type FileMeta } from '../../../core/dicom/write/encode.ts';
import { DelineateError } from '../../../core/errors.ts';
import { lintDicom, type LintReport } from '../../../core/rt/lint.ts';
import type { ImageReference } from '../../../core/rt/reference.ts';
import { appVersion } from '../app-meta.ts';
import { deidentifiedLintImage, type Deidentification } from './deidentification.ts';
import { implementationClassUid, lintImageOf } from './image-reference.ts';
import { existingOf, writeNewFile } from './output-file.ts';

export interface OutputOptions {
  /** Replace an existing file (never done without it). */
  readonly force?: boolean;
  /** Build, encode and lint only, and say which target files exist: nothing is written. */
  readonly check?: boolean;
  /** De-identify the file (PS3.15 basic profile) with this UID map. */
  readonly deidentification?: Deidentification;
}

export interface OutputResult {
  readonly lint: LintReport;
  /** Target files that exist already (before this call). */
  readonly existing: string[];
  readonly written: boolean;
}

/**
 * Encodes a derived object as a Part 10 file, lints the encoded bytes as a reader will see them (against the
 * image it refers to), and writes it only when the lint finds no errors.
 */
export async function writeLintedDicom(
  ds: Dataset,
  sop: { readonly classUid: string; readonly instanceUid: string; readonly transferSyntaxUid?: FileMeta['transferSyntaxUid'] },
  ref: ImageReference,
  path: string,
  options: OutputOptions,
): Promise<OutputResult> {
  const deid = options.deidentification;
  const bytes = encodePart10(deid ? deidentify(ds, deid) : ds, {
    sopClassUid: sop.classUid,
    sopInstanceUid: deid ? deid.mapUid(sop.instanceUid) : sop.instanceUid,
    implementationClassUid,
    implementationVersionName: `DELINEATE_${appVersion}`.slice(0, 16),
    ...(sop.transferSyntaxUid ? { transferSyntaxUid: sop.transferSyntaxUid } : {}),
  });
  const lint = lintDicom(bytes, path, deid ? deidentifiedLintImage(lintImageOf(ref), deid.mapUid) : lintImageOf(ref));
  const existing = await existingOf([path]);
  if (options.check) return { lint, existing, written: false };
  if (lint.errors.length > 0) {
    throw new DelineateError('internal', `${path}: not written, the file fails its own conformance check:\n  ${lint.errors.join('\n  ')}`);
  }
  await writeNewFile(path, bytes, options.force ?? false);
  return { lint, existing, written: true };
}
