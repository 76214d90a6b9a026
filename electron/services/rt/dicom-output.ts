import type { Dataset } from '../../../core/dicom/write/dataset.ts';
import { encodePart10 } from '../../../core/dicom/write/encode.ts';
import { DelineateError } from '../../../core/errors.ts';
import { lintDicom, type LintReport } from '../../../core/rt/lint.ts';
import type { ImageReference } from '../../../core/rt/reference.ts';
import { appVersion } from '../app-meta.ts';
import { implementationClassUid, lintImageOf } from './image-reference.ts';
import { writeNewFile } from './output-file.ts';

/**
 * Encodes a derived object as a Part 10 file, lints the encoded bytes as a reader will see them (against the
 * image it refers to), and writes it only when the lint finds no errors.
 */
export async function writeLintedDicom(
  ds: Dataset,
  sop: { readonly classUid: string; readonly instanceUid: string },
  ref: ImageReference,
  path: string,
  force: boolean,
): Promise<LintReport> {
  const bytes = encodePart10(ds, {
    sopClassUid: sop.classUid,
    sopInstanceUid: sop.instanceUid,
    implementationClassUid,
    implementationVersionName: `DELINEATE_${appVersion}`.slice(0, 16),
  });
  const lint = lintDicom(bytes, path, lintImageOf(ref));
  if (lint.errors.length > 0) {
    throw new DelineateError('internal', `${path}: not written, the file fails its own conformance check:\n  ${lint.errors.join('\n  ')}`);
  }
  await writeNewFile(path, bytes, force);
  return lint;
}
