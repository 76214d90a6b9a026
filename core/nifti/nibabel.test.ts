import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Direction } from '../geometry/space.ts';
import { lps } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import { readNifti } from './read.ts';
import { writeNifti } from './write.ts';

/**
 * nibabel (Debian's python3-nibabel) as the independent reader and writer: every file here is read by
 * both, and our LPS geometry must equal nibabel's RAS affine converted to LPS, and our voxels its voxels.
 */
const python = '/usr/bin/python3';
const script = join(import.meta.dirname, 'testing', 'nibabel_reference.py');
const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-nifti-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Reference {
  shape: number[];
  dtype: string;
  endianness: string;
  /** 4x4, RAS+. */
  affine: number[][];
  qform: number[][];
  sformCode: number;
  qformCode: number;
  description: string;
  /** The first 3D volume, scaled as nibabel scales it, i fastest. */
  values: Float64Array;
}

/** One python process for many files: starting nibabel is the slow part. */
function nibabelSummaries(files: string[]): Reference[] {
  const raws = files.map((_, n) => join(scratch, `values-${n}-${Math.random().toString(16).slice(2)}.f64`));
  const out = execFileSync(python, [script, 'summary', ...files.flatMap((file, n) => [file, raws[n]!])], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  return (JSON.parse(out) as Omit<Reference, 'values'>[]).map((summary, n) => {
    const bytes = readFileSync(raws[n]!);
    return { ...summary, values: new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8) };
  });
}

function nibabelMake(kind: string): string {
  const file = join(scratch, `${kind}.nii`);
  execFileSync(python, [script, 'make', kind, file]);
  return file;
}

/** Our geometry against nibabel's affine turned into LPS (x and y negated), within 1e-4. */
function expectGeometryMatches(volume: Volume, affine: number[][]): void {
  const lpsRow = (r: number) => affine[r]!.map((v) => (r < 2 ? -v : v));
  const m = [lpsRow(0), lpsRow(1), lpsRow(2)];
  for (let c = 0; c < 3; c++) {
    const step = [m[0]![c]!, m[1]![c]!, m[2]![c]!];
    const spacing = Math.hypot(...step);
    expect(volume.spacing[c]).toBeCloseTo(spacing, 4);
    step.forEach((v, r) => expect(volume.direction[3 * c + r]).toBeCloseTo(v / spacing, 4));
    expect(volume.origin[c]).toBeCloseTo(m[c]![3]!, 4);
  }
}

/** Every voxel equal; float32 results equal to nibabel's float64 rounded to float32. */
function expectValuesMatch(volume: Volume, expected: Float64Array): void {
  expect(volume.scalars.length).toBe(expected.length);
  const exact = !(volume.scalars instanceof Float32Array);
  let mismatches = 0;
  let first = '';
  for (let n = 0; n < expected.length; n++) {
    const want = exact ? expected[n]! : Math.fround(expected[n]!);
    const got = volume.scalars[n]!;
    if (got !== want && !(Number.isNaN(got) && Number.isNaN(want))) {
      if (mismatches++ === 0) first = `voxel ${n}: ${got}, nibabel ${expected[n]}`;
    }
  }
  expect(first).toBe('');
  expect(mismatches).toBe(0);
}

describe('readNifti agrees with nibabel on real files', () => {
  const files = [
    'totalsegmentator/example_ct.nii.gz', // int32 CT, RAS
    'totalsegmentator/example_ct_sm.nii.gz', // int16, RAS
    'totalsegmentator/example_seg.nii.gz', // uint8 labels, RAS
    'totalsegmentator/example_seg_dicom.nii.gz', // 512x512x20 labels, LAS
    'totalsegmentator/example_mr_sm.nii.gz', // LPS
    'totalsegmentator/example_seg_mr.nii.gz', // LPS labels
    'openkbp/train/pt_1/ct.nii.gz',
    'openkbp/train/pt_1/oars.nii.gz',
    'openkbp/train/pt_100/ct.nii.gz',
    'openkbp/validation/pt_201/ct.nii.gz',
  ];
  let references: Reference[] = [];
  beforeAll(() => {
    references = nibabelSummaries(files.map((file) => join(data, file)));
  });

  it.each(files.map((file, n) => [file, n] as const))('%s', (file, n) => {
    const reference = references[n]!;
    const image = readNifti(readFileSync(join(data, file)), file);
    expect(image.volume.dims).toEqual(reference.shape.slice(0, 3));
    expect(image.datatype).toBe(reference.dtype);
    expect(image.sformCode).toBe(reference.sformCode);
    expectGeometryMatches(image.volume, reference.affine);
    expectValuesMatch(image.volume, reference.values);
    if (reference.dtype === 'int32') {
      // TotalSegmentator's int32 CT fits int16, so it becomes int16 HU without loss, and says so.
      expect(image.volume.scalars).toBeInstanceOf(Int16Array);
      expect(image.warnings.join()).toMatch(/int32 voxels .* stored as int16 \(exact\)/);
    } else {
      expect(image.warnings).toEqual([]);
    }
  });
});

describe('readNifti agrees with nibabel on files nibabel writes', () => {
  const kinds = ['nifti2', 'big-endian', 'scaled-integer', 'scaled-float', '4d', 'int32-wide', 'uint32-labels', 'int8', 'float64'];
  const files = new Map<string, string>();
  let references: Reference[] = [];
  beforeAll(() => {
    for (const kind of kinds) files.set(kind, nibabelMake(kind));
    references = nibabelSummaries(kinds.map((kind) => files.get(kind)!));
  });

  it.each(kinds.map((kind, n) => [kind, n] as const))('%s', (kind, n) => {
    const reference = references[n]!;
    const image = readNifti(readFileSync(files.get(kind)!), `${kind}.nii`);
    expect(image.volume.dims).toEqual(reference.shape.slice(0, 3));
    expectGeometryMatches(image.volume, reference.affine);
    expectValuesMatch(image.volume, reference.values);
    if (kind === 'nifti2') expect(image.version).toBe(2);
    if (kind === 'big-endian') expect(reference.endianness).toBe('>');
    if (kind === '4d') expect(image.warnings.join()).toMatch(/only the first of 3 volumes/);
    if (kind === 'scaled-integer') expect(image.volume.scalars).toBeInstanceOf(Int16Array);
  });
});

describe('nibabel reads the files writeNifti writes', () => {
  // An oblique, left-handed grid (k = -(i x j)) with a different spacing per axis.
  const oblique: Direction = [0, 0.6, 0.8, -0.8, 0.48, -0.36, 0.6, 0.64, -0.48];
  const base = { dims: [5, 4, 3] as const, spacing: [0.7, 1.1, 2.5] as const, origin: lps(-120.5, 33.25, 7), direction: oblique };
  const ramp = (n: number) => Array.from({ length: n }, (_, v) => v * 37 - 300);
  const volumes: [string, Volume][] = [
    ['int16.nii', { ...base, scalars: Int16Array.from(ramp(60)) }],
    ['float32.nii.gz', { ...base, scalars: Float32Array.from(ramp(60).map((v) => v / 7)) }],
    ['uint8.nii', { ...base, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], scalars: Uint8Array.from(ramp(60).map((v) => v & 0xff)) }],
    ['uint16.nii.gz', { ...base, direction: [-1, 0, 0, 0, 0, 1, 0, 1, 0], scalars: Uint16Array.from(ramp(60).map((v) => v + 300)) }],
  ];

  it('with the same affine (sform and qform), codes, description and values', () => {
    const files = volumes.map(([name, volume]) => {
      const file = join(scratch, `ours-${name}`);
      writeFileSync(file, writeNifti(volume, { gzip: name.endsWith('.gz'), description: `delineate ${name}` }));
      return file;
    });
    const references = nibabelSummaries(files);
    volumes.forEach(([name, volume], n) => {
      const reference = references[n]!;
      expect(reference.shape).toEqual([...volume.dims]);
      expect(reference.sformCode).toBe(1);
      expect(reference.qformCode).toBe(1);
      expect(reference.description).toBe(`delineate ${name}`);
      expectGeometryMatches(volume, reference.affine);
      expectGeometryMatches(volume, reference.qform);
      expectValuesMatch(volume, reference.values);
    });
  });
});
