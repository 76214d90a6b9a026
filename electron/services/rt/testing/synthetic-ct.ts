import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataset, multi, tag } from '../../../../core/dicom/write/dataset.ts';
import { encodePart10 } from '../../../../core/dicom/write/encode.ts';
import { formatDs } from '../../../../core/dicom/write/values.ts';
import { implementationClassUid, newUid } from '../image-reference.ts';

export interface SyntheticCtSpec {
  readonly patientId: string;
  readonly frameOfReferenceUid: string;
  readonly columns: number;
  readonly rows: number;
  /** LPS mm of the first pixel's centre on the first slice; slices are axial, stacked along +z. */
  readonly origin: readonly [number, number, number];
  readonly pixelSpacing: number;
  /** z of each slice, mm. */
  readonly zs: readonly number[];
}

const ctImageStorage = '1.2.840.10008.5.1.4.1.1.2';

/**
 * Writes an axial CT series of air (-1000 HU) on a given lattice, for putting structure sets whose own CT is
 * not in ../shared/data onto an image with their patient and frame of reference: both our reader and
 * plastimatch then rasterise onto the same grid.
 */
export function writeSyntheticCt(dir: string, spec: SyntheticCtSpec): void {
  mkdirSync(dir, { recursive: true });
  const study = newUid();
  const series = newUid();
  const pixels = new Uint8Array(spec.columns * spec.rows * 2);
  const view = new DataView(pixels.buffer);
  for (let n = 0; n < spec.columns * spec.rows; n++) view.setInt16(2 * n, -1000, true);
  spec.zs.forEach((z, n) => {
    const sop = newUid();
    const ds = dataset([
      [tag(0x0008, 0x0016), 'UI', ctImageStorage],
      [tag(0x0008, 0x0018), 'UI', sop],
      [tag(0x0008, 0x0060), 'CS', 'CT'],
      [tag(0x0010, 0x0010), 'PN', 'Synthetic'],
      [tag(0x0010, 0x0020), 'LO', spec.patientId],
      [tag(0x0020, 0x000d), 'UI', study],
      [tag(0x0020, 0x000e), 'UI', series],
      [tag(0x0020, 0x0013), 'IS', String(n + 1)],
      [tag(0x0020, 0x0032), 'DS', multi([spec.origin[0], spec.origin[1], z].map((v) => formatDs(v, 4)))],
      [tag(0x0020, 0x0037), 'DS', '1\\0\\0\\0\\1\\0'],
      [tag(0x0020, 0x0052), 'UI', spec.frameOfReferenceUid],
      [tag(0x0018, 0x0050), 'DS', formatDs(spec.zs.length > 1 ? spec.zs[1]! - spec.zs[0]! : 1, 4)],
      [tag(0x0028, 0x0002), 'US', [1]],
      [tag(0x0028, 0x0004), 'CS', 'MONOCHROME2'],
      [tag(0x0028, 0x0010), 'US', [spec.rows]],
      [tag(0x0028, 0x0011), 'US', [spec.columns]],
      [tag(0x0028, 0x0030), 'DS', multi([formatDs(spec.pixelSpacing, 6), formatDs(spec.pixelSpacing, 6)])],
      [tag(0x0028, 0x0100), 'US', [16]],
      [tag(0x0028, 0x0101), 'US', [16]],
      [tag(0x0028, 0x0102), 'US', [15]],
      [tag(0x0028, 0x0103), 'US', [1]],
      [tag(0x0028, 0x1052), 'DS', '0'],
      [tag(0x0028, 0x1053), 'DS', '1'],
      [tag(0x7fe0, 0x0010), 'OW', pixels],
    ]);
    const bytes = encodePart10(ds, { sopClassUid: ctImageStorage, sopInstanceUid: sop, implementationClassUid, implementationVersionName: 'DELINEATE_TEST' });
    writeFileSync(join(dir, `ct${String(n).padStart(4, '0')}.dcm`), bytes);
  });
}
