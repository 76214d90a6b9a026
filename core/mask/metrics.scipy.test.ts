import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNifti } from '../nifti/index.ts';
import { geometryOf } from './mask.ts';
import { compareMasks, type MaskMetrics } from './metrics.ts';

/** Metrics on real label maps against core/mask/testing/metrics_ref.py (scipy's exact EDT). */
const python = '/usr/bin/python3'; // Debian's, with scipy and nibabel
const sharedData = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const script = join(import.meta.dirname, 'testing', 'metrics_ref.py');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-metrics-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cases = [
  { name: 'a TotalSegmentator organ vs itself shifted (3 mm grid)', file: 'totalsegmentator/example_seg.nii.gz', a: 5, b: 'shift:2,1,0', tau: 2 },
  { name: 'two different TotalSegmentator labels', file: 'totalsegmentator/example_seg.nii.gz', a: 2, b: '3', tau: 3 },
  { name: 'an organ vs its dilation on an anisotropic LAS grid', file: 'totalsegmentator/example_seg_dicom.nii.gz', a: 6, b: 'dilate:2', tau: 1.5 },
  { name: 'OpenKBP right vs left parotid', file: 'openkbp/validation/pt_201/oars.nii.gz', a: 3, b: '4', tau: 2 },
  { name: 'OpenKBP PTV70 vs its erosion', file: 'openkbp/validation/pt_201/ptv.nii.gz', a: 3, b: 'erode:1', tau: 4 },
];

const results = new Map<string, { ours: MaskMetrics; reference: MaskMetrics }>();

beforeAll(async () => {
  await Promise.all(
    cases.map(async (c, n) => {
      const file = join(sharedData, c.file);
      const [aRaw, bRaw] = [join(scratch, `a-${n}.raw`), join(scratch, `b-${n}.raw`)];
      const { stdout } = await promisify(execFile)(python, [script, file, String(c.a), c.b, String(c.tau), aRaw, bRaw]);
      const geometry = geometryOf(readNifti(readFileSync(file), file).volume);
      const a = { ...geometry, voxels: new Uint8Array(readFileSync(aRaw)) };
      const b = { ...geometry, voxels: new Uint8Array(readFileSync(bRaw)) };
      results.set(c.name, { ours: compareMasks(a, b, { toleranceMm: c.tau }), reference: JSON.parse(stdout) as MaskMetrics });
    }),
  );
}, 60_000);

describe('mask metrics against scipy', () => {
  it.each(cases.map((c) => [c.name] as const))('%s: every metric within one percent', (name) => {
    const { ours, reference } = results.get(name)!;
    for (const key of Object.keys(reference) as (keyof MaskMetrics)[]) {
      const expected = reference[key]!;
      expect(ours[key], key).not.toBeNull();
      expect(Math.abs(ours[key]! - expected), `${key}: ours ${ours[key]}, scipy ${expected}`).toBeLessThanOrEqual(0.01 * Math.abs(expected) + 1e-9);
    }
    // Not a degenerate comparison: the two masks really differ.
    expect(reference.dice).toBeLessThan(0.99);
    expect(reference.hdMm).toBeGreaterThan(0);
  });
});
