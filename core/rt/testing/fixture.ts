import type { Direction, Vec3 } from '../../geometry/space.ts';
import { lps } from '../../geometry/space.ts';
import type { ImageReference } from '../reference.ts';
import type { WriterIdentity } from '../rtstruct-write.ts';

/** A writer identity with predictable UIDs under a test root. */
export function testIdentity(root: string): WriterIdentity {
  let counter = 0;
  return { newUid: () => `${root}.${++counter}`, now: { date: '20260101', time: '120000', utcOffset: '+0100' }, manufacturer: 'Delineate', softwareVersion: 'test', interpreter: 'Tester', label: 'Test' };
}

/** An axial image of patient P1 (frame 1.2.3.3, series 1.2.3.2) on the given grid, one slice per plane. */
export function testReference(dims: readonly [number, number, number], spacing: Vec3, origin: Vec3, direction: Direction): ImageReference {
  return {
    patientName: 'Test^Patient',
    patientId: 'P1',
    patientBirthDate: '',
    patientSex: 'O',
    studyInstanceUid: '1.2.3.1',
    studyDate: '20250101',
    studyTime: '',
    studyId: 'S1',
    accessionNumber: '',
    referringPhysicianName: '',
    studyDescription: '',
    seriesInstanceUid: '1.2.3.2',
    frameOfReferenceUid: '1.2.3.3',
    positionReferenceIndicator: '',
    grid: { dims, spacing, origin: lps(origin[0], origin[1], origin[2]), direction },
    slices: Array.from({ length: dims[2] }, (_, k) => ({
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: `1.2.3.4.${k}`,
      k,
      offsetMm: 0,
      planeIsSlice: true,
      position: [origin[0] + direction[6] * spacing[2] * k, origin[1] + direction[7] * spacing[2] * k, origin[2] + direction[8] * spacing[2] * k] as const,
    })),
  };
}
