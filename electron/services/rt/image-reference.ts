import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { attributeReader, parseDataSet } from '../../../core/dicom/header.ts';
import { uidFromRandom, dicomDateTime } from '../../../core/dicom/write/values.ts';
import { DelineateError } from '../../../core/errors.ts';
import { dot, subtract } from '../../../core/geometry/space.ts';
import type { LintImage } from '../../../core/rt/lint.ts';
import type { ImageReference, ReferencedSlice } from '../../../core/rt/reference.ts';
import type { WriterIdentity } from '../../../core/rt/rtstruct-write.ts';
import { appVersion } from '../app-meta.ts';
import type { LoadedSeries } from '../study-loader.ts';

/** Delineate's implementation class UID (File Meta 0002,0012): one fixed 2.25 UUID UID for this software. */
export const implementationClassUid = '2.25.77306062501797256769691204163003988396';

export const newUid = (): string => uidFromRandom(randomBytes(16));

export function writerIdentity(label: string, interpreter = ''): WriterIdentity {
  return { newUid, now: dicomDateTime(new Date()), manufacturer: 'Delineate', softwareVersion: appVersion, interpreter, label };
}

/**
 * The patient, study and slices a derived object refers to. Patient and study attributes beyond the slice
 * header (birth date, sex, study time, ...) are read from the first slice's file.
 */
export async function imageReferenceOf(loaded: Pick<LoadedSeries, 'plan'>): Promise<ImageReference> {
  const { plan } = loaded;
  const first = plan.slices[0]!;
  const missing = plan.slices.find((s) => !s.sopInstanceUid || !s.seriesInstanceUid || !s.studyInstanceUid || !s.frameOfReferenceUid);
  if (missing) {
    throw new DelineateError(
      'bad-data',
      `${missing.source}: the image has no SOP Instance, Series, Study or Frame of Reference UID, so nothing made on it could refer back to it`,
    );
  }
  const ds = parseDataSet(await readFile(first.source), first.source, true);
  const { text } = attributeReader(ds);
  return {
    patientName: first.patientName,
    patientId: first.patientId,
    patientBirthDate: text('x00100030'),
    patientSex: text('x00100040'),
    studyInstanceUid: first.studyInstanceUid,
    studyDate: first.studyDate,
    studyTime: text('x00080030'),
    studyId: text('x00200010'),
    accessionNumber: text('x00080050'),
    referringPhysicianName: text('x00080090'),
    studyDescription: first.studyDescription,
    seriesInstanceUid: first.seriesInstanceUid,
    frameOfReferenceUid: first.frameOfReferenceUid,
    positionReferenceIndicator: text('x00201040'),
    grid: plan.geometry,
    slices: referencedSlices(loaded),
  };
}

/**
 * Each source slice with its grid plane (the same index, or the nearest plane when the stack was resampled) and
 * its real distance from that plane. A regular stack's grid has the median gap, while scanners write positions
 * rounded to a few decimals (0.625 mm slices at 696.21, 696.84, 697.46, ...): plane n can sit a fraction of a
 * millimetre from slice n after a few hundred slices, and a contour must lie on its slice, not on the plane.
 */
function referencedSlices({ plan }: Pick<LoadedSeries, 'plan'>): ReferencedSlice[] {
  const sk = plan.geometry.spacing[2];
  const d = plan.geometry.direction;
  const normal = [d[6], d[7], d[8]] as const;
  return plan.slices.map((slice, n) => {
    const height = plan.resampling ? plan.resampling.heights[n]! : dot(subtract(slice.imagePosition!, plan.geometry.origin), normal);
    const k = plan.resampling ? Math.round(height / sk) : n;
    return { sopClassUid: slice.sopClassUid, sopInstanceUid: slice.sopInstanceUid, k,
      offsetMm: height - k * sk,
      planeIsSlice: !plan.resampling,
      position: slice.imagePosition!,
      ...(slice.numberOfFrames > 1 ? { frameNumber: slice.frameIndex + 1 } : {}),
    };
  });
}

/** What the lint checks a file against: the series, its frame of reference and its slice planes. */
export function lintImageOf(ref: ImageReference): LintImage {
  const d = ref.grid.direction;
  const normal = [d[6], d[7], d[8]] as const;
  return {
    seriesInstanceUid: ref.seriesInstanceUid,
    frameOfReferenceUid: ref.frameOfReferenceUid,
    sopInstanceUids: new Set(ref.slices.map((s) => s.sopInstanceUid)),
    normal,
    sliceHeights: ref.slices.map((s) => dot(s.position, normal)),
  };
}
