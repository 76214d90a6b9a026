import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNifti } from '../nifti/index.ts';
import { maskFromVolume } from './from-volume.ts';
import { applyMargin } from './margin.ts';
import type { Mask } from './mask.ts';
import { directionNames, type DirectionalMm } from './patient-directions.ts';
import { diceCoefficient } from './metrics.ts';
import { farDisagreements } from './testing/compare.ts';

/**
 * Margins on real label maps against core/mask/testing/margin_ref.py: scipy's exact EDT for isotropic margins,
 * a brute-force octant-ellipsoid dilation in patient coordinates (nibabel's affine) for per-direction ones.
 */
const python = '/usr/bin/python3'; // Debian's, with scipy and nibabel
const sharedData = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const script = join(import.meta.dirname, 'testing', 'margin_ref.py');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-margin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// RAS 3 mm isotropic; LAS 0.977 x 0.977 x 2 mm (j runs anterior); OpenKBP 5.4 x 5.4 x 3 mm.
const threeMm = join(sharedData, 'totalsegmentator', 'example_seg.nii.gz');
const las = join(sharedData, 'totalsegmentator', 'example_seg_dicom.nii.gz');
const openKbp = join(sharedData, 'openkbp', 'validation', 'pt_201', 'ptv.nii.gz');
const mm = (r: number, l: number, a: number, p: number, s: number, i: number): DirectionalMm => ({
  right: r, left: l, anterior: a, posterior: p, superior: s, inferior: i,
});

const directionList = (m: DirectionalMm): number[] => directionNames.map((name) => m[name]);

const cases: { name: string; file: string; label: number; margin: DirectionalMm }[] = [
  { name: '5 mm expansion, 3 mm grid', file: threeMm, label: 5, margin: mm(5, 5, 5, 5, 5, 5) },
  { name: '7 mm shrink, 3 mm grid', file: threeMm, label: 5, margin: mm(-7, -7, -7, -7, -7, -7) },
  { name: '5 mm expansion, anisotropic LAS grid', file: las, label: 6, margin: mm(5, 5, 5, 5, 5, 5) },
  { name: 'per-direction expansion, LAS grid', file: las, label: 6, margin: mm(7, 2, 5, 0, 4, 6) },
  { name: 'per-direction shrink, LAS grid', file: las, label: 6, margin: mm(-4, -1, -3, -6, 0, -2) },
  { name: 'per-direction expansion, OpenKBP PTV70', file: openKbp, label: 1, margin: mm(10, 3, 6, 12, 0, 8) },
];

const references = new Map<string, Uint8Array>();
const masks = new Map<string, Mask>();

const outputOf = (n: number): string => join(scratch, `ref-${n}.raw`);

beforeAll(async () => {
  // One python per label map: loading the file and scipy is most of the reference's time.
  const groups = new Map<string, { c: (typeof cases)[number]; n: number }[]>();
  cases.forEach((c, n) => {
    const key = `${c.file}\n${c.label}`;
    groups.set(key, [...(groups.get(key) ?? []), { c, n }]);
  });
  await Promise.all(
    [...groups.values()].map((group) => {
      const { file, label } = group[0]!.c;
      const specs = group.flatMap(({ c, n }) => [directionList(c.margin).join(','), outputOf(n)]);
      return promisify(execFile)(python, [script, file, String(label), ...specs]);
    }),
  );
  cases.forEach((c, n) => references.set(c.name, new Uint8Array(readFileSync(outputOf(n)))));
  for (const c of cases) if (!masks.has(`${c.file}:${c.label}`)) masks.set(`${c.file}:${c.label}`, maskFromVolume(readNifti(readFileSync(c.file), c.file).volume, c.label));
}, 60_000);

describe('margins against the scipy / brute-force reference', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const mask = masks.get(`${c.file}:${c.label}`)!;
    const result = applyMargin(mask, c.margin);
    const reference = references.get(c.name)!;
    expect(reference.some((v) => v !== 0)).toBe(true);
    expect(diceCoefficient(result.voxels, reference)).toBeGreaterThanOrEqual(0.99);
    expect(farDisagreements(result.voxels, reference, mask.dims)).toBe(0);
    // The margin really changed the structure (guards against comparing two copies of the input).
    expect(diceCoefficient(result.voxels, mask.voxels)).toBeLessThan(0.97);
  });
});
