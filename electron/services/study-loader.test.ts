import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from './app-meta.ts';
import { loadSeries } from './study-loader.ts';

/** A plain uncompressed head phantom (Philips, 28 slices): its pixels are compared with DCMTK's. */
const sample = resolve(appRoot(), '..', 'shared', 'data', 'dcm_qa_ct', 'Philips_untilted');

/** Reads attributes with DCMTK's dcmdump: an independent reader to check ours against. */
function dcmdump(file: string, ...args: string[]): string {
  return execFileSync('dcmdump', [...args, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
}
function dcmValue(dump: string, tag: string): string {
  const match = new RegExp(`^\\(${tag}\\) \\w\\w \\[([^\\]]*)\\]`, 'm').exec(dump);
  if (!match) throw new Error(`tag ${tag} not found`);
  return match[1]!;
}

describe('loadSeries on the bundled Philips CT', () => {
  const imageFiles = readdirSync(sample).filter((f) => f !== 'DIRFILE');
  const positions = imageFiles
    .map((file) => ({ file, position: dcmValue(dcmdump(join(sample, file)), '0020,0032').split('\\').map(Number) }))
    .sort((a, b) => a.position[2]! - b.position[2]!);

  it('agrees with dcmdump on grid, spacing and origin', async () => {
    const { volume, skipped } = await loadSeries(sample);
    const first = dcmdump(join(sample, positions[0]!.file));
    const [rowSpacing, columnSpacing] = dcmValue(first, '0028,0030').split('\\').map(Number);
    expect(volume.dims).toEqual([Number(/\(0028,0011\) US (\d+)/.exec(first)![1]), Number(/\(0028,0010\) US (\d+)/.exec(first)![1]), imageFiles.length]);
    expect(volume.spacing[0]).toBeCloseTo(columnSpacing!, 6);
    expect(volume.spacing[1]).toBeCloseTo(rowSpacing!, 6);
    expect(volume.spacing[2]).toBeCloseTo(positions[1]!.position[2]! - positions[0]!.position[2]!, 3);
    positions[0]!.position.forEach((value, axis) => expect(volume.origin[axis]).toBeCloseTo(value, 2));
    expect(volume.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(skipped.map((s) => s.path)).toEqual([join(sample, 'DIRFILE')]);
  });

  it('holds exactly the HU values dcmdump reads from the most inferior slice', async () => {
    const { volume } = await loadSeries(sample);
    const file = join(sample, positions[0]!.file);
    const dump = dcmdump(file, '--print-all', '+P', 'PixelData');
    const stored = /\(7fe0,0010\) OW ([0-9a-f\\]+)/.exec(dump)![1]!.split('\\').map((hex) => parseInt(hex, 16));
    const header = dcmdump(file);
    const intercept = Number(dcmValue(header, '0028,1052'));
    const slope = Number(dcmValue(header, '0028,1053'));
    const plane = volume.scalars.subarray(0, volume.dims[0] * volume.dims[1]);
    expect(stored.length).toBe(plane.length);
    const mismatches = stored.filter((value, n) => value * slope + intercept !== plane[n]).length;
    expect(mismatches).toBe(0);
    expect(volume.scalars).toBeInstanceOf(Int16Array);
  });
});

describe('loadSeries on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'delineate-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips junk and truncated files with a reason each, and still loads the series', async () => {
    const folder = join(dir, 'mixed');
    cpSync(sample, folder, { recursive: true });
    writeFileSync(join(folder, 'notes.txt'), 'not an image');
    const truncated = readFileSync(join(sample, 'I10')).subarray(0, 300);
    writeFileSync(join(folder, 'broken.dcm'), truncated);
    const { volume, skipped } = await loadSeries(folder);
    expect(volume.dims[2]).toBe(28);
    const reasons = Object.fromEntries(skipped.map((s) => [s.path.slice(folder.length + 1), s.reason]));
    expect(reasons['notes.txt']).toMatch(/notes\.txt: not a readable DICOM file/);
    expect(reasons['broken.dcm']).toMatch(/broken\.dcm/);
  });

  it('names the folder when it holds no image', async () => {
    const empty = join(dir, 'empty');
    cpSync(join(sample, 'DIRFILE'), join(empty, 'DIRFILE'));
    await expect(loadSeries(empty)).rejects.toThrow(`${empty}: no DICOM image series found`);
  });

  it('names a path that does not exist', async () => {
    await expect(loadSeries(join(dir, 'nope'))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadSeries(sample, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('loadSeries on a tilted, irregular series (GE head, 18.5 degrees)', () => {
  it('widens the grid to keep every slice and fills what no slice covers with air', async () => {
    const { volume, plan } = await loadSeries(join(resolve(appRoot(), '..', 'shared', 'data'), 'dcm_qa_ct', 'GE'));
    const [columns, rows] = volume.dims;
    expect(rows).toBeGreaterThan(512);
    const [, v0] = plan.resampling!.shifts[0]!;
    // Plane 0 is slice 0 itself, placed v0 rows into the widened grid: rows outside it hold no data.
    const plane0 = volume.scalars.subarray(0, columns * rows);
    const uncovered = Array.from({ length: rows }, (_, j) => j).filter((j) => j < v0 - 1e-6 || j > v0 + 511 + 1e-6);
    expect(uncovered.length).toBeGreaterThan(0);
    for (const j of uncovered) expect(plane0.subarray(j * columns, (j + 1) * columns).every((hu) => hu === -1024)).toBe(true);
  });
});
