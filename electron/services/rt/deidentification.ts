import { createHmac, randomBytes } from 'node:crypto';
import { uidFromRandom } from '../../../core/dicom/write/values.ts';
import type { LintImage } from '../../../core/rt/lint.ts';
import { appVersion } from '../app-meta.ts';

/** How an export is de-identified (core/dicom/write/deidentify.ts): the UID map and the method's words. */
export interface Deidentification {
  readonly mapUid: (uid: string) => string;
  readonly method: string;
}

/**
 * A fresh de-identification for one export run: new UIDs are HMAC-SHA256 of the old ones under a random key
 * that is never stored, so the same UID maps to the same new UID throughout the run (a case's study, series,
 * frame of reference and slice references stay consistent with each other), while nobody can map them back.
 */
export function newDeidentification(): Deidentification {
  const key = randomBytes(32);
  const known = new Map<string, string>();
  const mapUid = (uid: string): string => {
    let mapped = known.get(uid);
    if (!mapped) {
      mapped = uidFromRandom(createHmac('sha256', key).update(uid, 'utf8').digest());
      known.set(uid, mapped);
    }
    return mapped;
  };
  return { mapUid, method: `DICOM PS3.15 E.1 Basic Profile, Delineate ${appVersion}` };
}

/** The image a de-identified object refers to, as the lint must check it: its UIDs mapped the same way. */
export function deidentifiedLintImage(image: LintImage, mapUid: (uid: string) => string): LintImage {
  return {
    ...image,
    seriesInstanceUid: mapUid(image.seriesInstanceUid),
    frameOfReferenceUid: mapUid(image.frameOfReferenceUid),
    sopInstanceUids: new Set([...image.sopInstanceUids].map(mapUid)),
  };
}
