import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../app-meta.ts';
import { loadSeries } from '../study-loader.ts';
import { scanPath } from './scan.ts';

const data = resolve(appRoot(), '..', 'shared', 'data');
/** A plain uncompressed head phantom (Philips, 28 slices). */
const sample = join(data, 'dcm_qa_ct', 'Philips_untilted');

describe('scanPath on real folders', () => {
  it('links an RTSTRUCT and the RTPLAN that uses it to their CT series (dicompyler: frame of reference only in the sequence)', async () => {
    const scan = await scanPath(join(data, 'dicompyler'));
    expect(scan.series).toHaveLength(1);
    const key = scan.series[0]!.key;
    const byModality = Object.fromEntries(scan.objects.map((o) => [o.modality, o]));
    expect(byModality.RTSTRUCT?.linkedSeriesKey).toBe(key);
    expect(byModality.RTPLAN?.linkedSeriesKey).toBe(key);
    expect(byModality.RTSTRUCT?.frameOfReferenceUid).not.toBe('');
  });

  it('links a SEG to the CT it was drawn on (dcmqi liver)', async () => {
    const scan = await scanPath(join(data, 'dcmqi', 'segmentations'));
    const liver = scan.objects.find((o) => o.path.endsWith('liver.dcm'))!;
    expect(liver.modality).toBe('SEG');
    const ct = scan.series.find((s) => s.key === liver.linkedSeriesKey);
    expect(ct?.slices[0]!.source).toContain('ct-3slice');
  });

  it('groups slices whose UIDs are empty by geometry, and skips nothing in a clean folder', async () => {
    const scan = await scanPath(join(data, 'totalsegmentator', 'example_ct_dicom'));
    expect(scan.series).toHaveLength(1);
    expect(scan.series[0]!.slices).toHaveLength(20);
    expect(scan.series[0]!.key).toMatch(/^geometry:/);
    expect(scan.skipped).toEqual([]);
  });

  it('reads the files a DICOMDIR lists when given the DICOMDIR itself', async () => {
    const scan = await scanPath(join(sample, 'DIRFILE'));
    expect(scan.series).toHaveLength(1);
    expect(scan.series[0]!.files).toBe(28);
  });

  it('reports junk with a reason naming the file', async () => {
    const scan = await scanPath(join(data, 'openkbp', 'LICENSE-code-MIT'));
    expect(scan.series).toEqual([]);
    expect(scan.skipped[0]!.reason).toMatch(/LICENSE-code-MIT: not a readable DICOM file/);
  });
});

describe('enhanced multi-frame CT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'delineate-enhanced-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads frames placed by their per-frame positions, equal to the single-frame series', async () => {
    const file = join(dir, 'enhanced.dcm');
    execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'testing', 'make_enhanced_ct.py'), sample, file, '--shuffle']);
    const enhanced = await loadSeries(file);
    const reference = await loadSeries(sample);
    expect(enhanced.volume.dims).toEqual(reference.volume.dims);
    expect([...enhanced.volume.origin]).toEqual([...reference.volume.origin]);
    expect(enhanced.volume.spacing[2]).toBeCloseTo(reference.volume.spacing[2], 6);
    expect(Buffer.compare(Buffer.from(enhanced.volume.scalars.buffer), Buffer.from(reference.volume.scalars.buffer))).toBe(0);
  });
});
