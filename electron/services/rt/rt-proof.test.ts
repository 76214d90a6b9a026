import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mask } from '../../../core/mask/mask.ts';
import type { ImageReference } from '../../../core/rt/reference.ts';
import type { StructureToExport } from '../../../core/rt/rtstruct-write.ts';
import { loadSeries } from '../study-loader.ts';
import { imageReferenceOf } from './image-reference.ts';
import { niftiMaskOnGrid } from './nifti-masks.ts';
import { exportRtStructFile, importRtStructFile } from './rtstruct-service.ts';
import { exportSegFile, importSegFile } from './seg-service.ts';
import { writeSyntheticCt } from './testing/synthetic-ct.ts';

/**
 * Proof on real data, with independent tools as judges: dciodvfy (dicom3tools) for conformance, plastimatch
 * for reading our RTSTRUCT and for rasterising other people's. The CT is the bundled TotalSegmentator sample
 * (20 slices, 512x512) with its real organ label map.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const data = join(root, '..', 'shared', 'data');
const ctDir = join(root, 'resources', 'sample', 'totalsegmentator', 'ct');
const labels = { Spleen: 1, Liver: 5, Stomach: 6, Aorta: 7, Label8: 8, Label20: 20, Label32: 32, Label33: 33 } as const;
const scratch = mkdtempSync(join(tmpdir(), 'delineate-rt-proof-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let ref: ImageReference;
let structures: (StructureToExport & { mask: Mask })[];
const rsPath = join(scratch, 'rs.dcm');
const segPath = join(scratch, 'seg.dcm');

beforeAll(async () => {
  ref = await imageReferenceOf(await loadSeries(ctDir));
  structures = [];
  for (const [name, label] of Object.entries(labels)) {
    const mask = await niftiMaskOnGrid(join(data, 'totalsegmentator', 'example_seg_dicom.nii.gz'), ref.grid, label);
    structures.push({ name, type: 'ORGAN', colour: [(label * 37) % 256, 100, 200], generation: { algorithm: 'AUTOMATIC', description: 'TotalSegmentator' }, voxels: mask.voxels, label: 1, mask });
  }
  await exportRtStructFile(ref, structures, rsPath);
  await exportSegFile(ref, structures, segPath);
}, 60_000);

function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let sum = 0;
  for (let n = 0; n < a.length; n++) {
    both += a[n]! & b[n]!;
    sum += a[n]! + b[n]!;
  }
  return sum === 0 ? 1 : (2 * both) / sum;
}

/** Mean signed in-plane shift of b's boundary against a's, in mm: volume difference over a's boundary area. */
function signedShiftMm(a: Mask, b: Uint8Array): number {
  const [w, h, d] = a.dims;
  const [si, sj] = a.spacing;
  let edges = 0;
  let difference = 0;
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
    const n = k * w * h + j * w + i;
    difference += b[n]! - a.voxels[n]!;
    if (!a.voxels[n]) continue;
    if (i === 0 || !a.voxels[n - 1]) edges += sj;
    if (i === w - 1 || !a.voxels[n + 1]) edges += sj;
    if (j === 0 || !a.voxels[n - w]) edges += si;
    if (j === h - 1 || !a.voxels[n + w]) edges += si;
  }
  return (difference * si * sj) / edges;
}

function dciodvfyErrors(path: string): string[] {
  const result = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.startsWith('Error'));
}

/** plastimatch's rasterisation of a structure set onto a CT folder: one mask per ROI name, on `ref`'s grid. */
async function plastimatchMasks(rs: string, ct: string, grid: ImageReference['grid']): Promise<Map<string, Mask>> {
  const out = mkdtempSync(join(scratch, 'plastimatch-'));
  execFileSync('plastimatch', ['convert', '--input', rs, '--referenced-ct', ct, '--output-prefix', out, '--prefix-format', 'nii.gz'], { stdio: 'ignore' });
  const masks = new Map<string, Mask>();
  for (const file of readdirSync(out)) masks.set(file.replace(/\.nii\.gz$/, ''), await niftiMaskOnGrid(join(out, file), grid));
  return masks;
}

describe('our RTSTRUCT and SEG exports', () => {
  it('pass dciodvfy with 0 errors', () => {
    expect(dciodvfyErrors(rsPath)).toEqual([]);
    expect(dciodvfyErrors(segPath)).toEqual([]);
  });

  it('import back with Dice >= 0.99 per structure and no half-voxel shift', async () => {
    const back = await importRtStructFile(rsPath, ref, ctDir);
    back.rois.forEach((roi, s) => {
      expect(roi.name).toBe(structures[s]!.name);
      expect(dice(roi.mask.voxels, structures[s]!.mask.voxels), roi.name).toBeGreaterThanOrEqual(0.99);
      expect(Math.abs(signedShiftMm(structures[s]!.mask, roi.mask.voxels)), roi.name).toBeLessThan(0.05 * ref.grid.spacing[0]);
    });
  });

  it('are read by plastimatch the way we wrote them (Dice >= 0.98, no systematic shift)', async () => {
    // plastimatch cannot decode the sample's JPEG 2000 slices (it then invents a grid from the contours):
    // it gets an uncompressed twin on the same lattice, patient and frame of reference.
    const twin = join(scratch, 'twin-ct');
    const [w, h] = ref.grid.dims;
    writeSyntheticCt(twin, { patientId: ref.patientId, frameOfReferenceUid: ref.frameOfReferenceUid, columns: w, rows: h, origin: [ref.grid.origin[0], ref.grid.origin[1], 0], pixelSpacing: ref.grid.spacing[0], zs: ref.slices.map((s) => s.position[2]) });
    const theirs = await plastimatchMasks(rsPath, twin, ref.grid);
    for (const s of structures) {
      const mask = theirs.get(s.name);
      expect(mask, s.name).toBeDefined();
      expect(dice(mask!.voxels, s.mask.voxels), s.name).toBeGreaterThanOrEqual(0.98);
      expect(Math.abs(signedShiftMm(s.mask, mask!.voxels)), s.name).toBeLessThan(0.1 * ref.grid.spacing[0]);
    }
  }, 30_000);

  it('SEG round trip is exact', async () => {
    const back = await importSegFile(segPath, ref, ctDir);
    back.segments.forEach((segment, s) => expect(Buffer.compare(segment.mask.voxels, structures[s]!.mask.voxels), segment.label).toBe(0));
  });
});

describe('a tilted, unevenly spaced CT (GE head, 18.5 degrees, resampled to a regular grid)', () => {
  it('gets contours on its own slices, not on the resampled planes: dciodvfy clean and exact back on those planes', async () => {
    // Six of its slices (gaps 4.2, 4.2, 1.1, 7.4, 7.4 mm) keep the test quick and still tilted and uneven.
    const dir = join(scratch, 'ge-six');
    mkdirSync(dir);
    for (const n of [12, 13, 14, 15, 16, 17]) copyFileSync(join(data, 'dcm_qa_ct', 'GE', `${n}.dcm`), join(dir, `${n}.dcm`));
    const loaded = await loadSeries(dir);
    expect(loaded.plan.resampling).not.toBeNull();
    const image = await imageReferenceOf(loaded);
    const v = loaded.volume.scalars;
    const bone = new Uint8Array(v.length);
    for (let n = 0; n < v.length; n++) bone[n] = v[n]! > 300 ? 1 : 0;
    const path = join(scratch, 'tilted-rs.dcm');
    // And a lesion drawn only on one plane between the slices: the file cannot hold it, and the export says so.
    const [w, h, depth] = image.grid.dims;
    const onASlice = new Set(image.slices.map((s) => s.k));
    const between = Array.from({ length: depth }, (_, k) => k).filter((k) => !onASlice.has(k));
    const lesion = new Uint8Array(v.length).fill(1, between[0]! * w * h + 100 * w, between[0]! * w * h + 110 * w);
    const exported = await exportRtStructFile(
      image,
      [
        { name: 'Bone', type: 'ORGAN', colour: [255, 255, 0], generation: { algorithm: 'SEMIAUTOMATIC', description: 'threshold 300 HU' }, voxels: bone, label: 1 },
        { name: 'Lesion', type: 'GTV', colour: [255, 0, 0], generation: { algorithm: 'MANUAL' }, voxels: lesion, label: 1 },
      ],
      path,
    );
    expect(exported.contourCounts[1]).toBe(0);
    expect(exported.warnings).toEqual([
      expect.stringMatching(new RegExp(`^Structure "Bone": what is drawn on \\d+ plane\\(s\\) between the image's slices \\(the series was resampled\\) is not in the file$`)),
      "Structure \"Lesion\" has no contour in the file: it is drawn only on 1 plane(s) between the image's slices (the series was resampled)",
    ]);
    expect(dciodvfyErrors(path)).toEqual([]);
    const back = (await importRtStructFile(path, image, dir)).rois[0]!.mask.voxels;
    let differ = 0;
    let onSlices = 0;
    for (const slice of image.slices) {
      for (let n = slice.k * w * h; n < (slice.k + 1) * w * h; n++) {
        differ += back[n] !== bone[n] ? 1 : 0;
        onSlices += bone[n]!;
      }
    }
    expect(onSlices).toBeGreaterThan(10_000);
    expect(differ).toBe(0);
    // Nothing lands between the slices.
    expect(back.reduce((a, b) => a + b, 0)).toBe(onSlices);
  }, 30_000);
});

describe("other people's RTSTRUCTs: our rasterisation agrees with plastimatch's", () => {
  // Their CTs are not in ../shared/data: each is rebuilt as air on its real lattice, patient and frame of reference.
  const cases = [
    {
      name: 'dicompyler',
      rs: join(data, 'dicompyler', 'rtss.dcm'),
      // ct.0.dcm's lattice (1.074219 mm from -275,-524) at every second pixel (to keep the test quick),
      // cropped to the contours, 98 slices 3 mm apart.
      spec: { patientId: '123456', frameOfReferenceUid: '2.16.840.1.113662.2.12.0.3057.1241703565.36', columns: 228, rows: 153, origin: [-275 + 37 * 1.074219, -524 + 92 * 1.074219, 0] as const, pixelSpacing: 2 * 1.074219, zs: Array.from({ length: 98 }, (_, n) => -122.44 + 3 * n) },
    },
    {
      name: 'pydicom',
      rs: join(data, 'pydicom', 'rtstruct.dcm'),
      spec: { patientId: 'tPhantom30sep', frameOfReferenceUid: '1.2.826.0.1.3680043.8.498.2010020400001.2', columns: 221, rows: 171, origin: [-221, -171, 0] as const, pixelSpacing: 2, zs: [-200, -190, -180] },
    },
  ];
  it.each(cases)('$name', async ({ name, rs, spec }) => {
    const ct = join(scratch, `${name}-ct`);
    writeSyntheticCt(ct, spec);
    const image = await imageReferenceOf(await loadSeries(ct));
    const ours = await importRtStructFile(rs, image, ct);
    const theirs = await plastimatchMasks(rs, ct, image.grid);
    const nonEmpty = ours.rois.filter((roi) => roi.mask.voxels.some((v) => v !== 0));
    expect(nonEmpty.length).toBeGreaterThan(0);
    for (const roi of nonEmpty) expect(dice(roi.mask.voxels, theirs.get(roi.name)!.voxels), roi.name).toBeGreaterThanOrEqual(0.98);
    // ROIs with nothing to fill (empty, points) are reported, not silently dropped.
    for (const roi of ours.rois.filter((r) => !nonEmpty.includes(r))) expect(roi.warnings.length, roi.name).toBeGreaterThan(0);
  }, 30_000);
});
