import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePart10 } from '../dicom/write/encode.ts';
import type { Direction } from '../geometry/space.ts';
import { lintDicom } from '../rt/lint.ts';
import { testIdentity, testReference } from '../rt/testing/fixture.ts';
import { labFromRgb, rgbFromLab } from './colour.ts';
import { importSegmentation } from './seg-import.ts';
import { readSegmentation } from './seg-read.ts';
import { buildSegmentation, type SegmentToExport } from './seg-write.ts';

const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const [w, h, d] = [13, 11, 6]; // odd sizes: frames do not end on byte boundaries
const identity = testIdentity('1.2.826.0.1.3680043.10.998');
const ref = testReference([w, h, d], [0.8, 0.6, 3], [10.5, -20.25, 100], [1, 0, 0, 0, 1, 0, 0, 0, 1] as Direction);

describe('DICOM SEG export and import', () => {
  // Two overlapping segments, each on a subset of slices.
  const a = new Uint8Array(w * h * d);
  const b = new Uint8Array(w * h * d);
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
    const n = k * w * h + j * w + i;
    if (k >= 1 && k <= 3 && i + j < 12) a[n] = 1;
    if (k >= 3 && (i * 7 + j * 3) % 5 < 2) b[n] = 1;
  }
  const segments: SegmentToExport[] = [
    { name: 'Liver', type: 'ORGAN', colour: [200, 100, 50], generation: { algorithm: 'MANUAL' }, voxels: a, label: 1 },
    { name: 'GTV', type: 'GTV', colour: [255, 0, 0], generation: { algorithm: 'AUTOMATIC', description: 'Model X' }, voxels: b, label: 1 },
  ];
  const build = buildSegmentation(ref, segments, identity);
  const bytes = encodePart10(build.dataset, { sopClassUid: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUid: build.sopInstanceUid, implementationClassUid: '1.2.3', implementationVersionName: 'T' });

  it('round-trips exactly, overlaps and slice subsets included', () => {
    expect(build.framesPerSegment).toEqual([3, 3]);
    const seg = readSegmentation(bytes, 'seg.dcm');
    const { segments: back } = importSegmentation(seg, { source: 'ct', grid: ref.grid, patientId: 'P1', frameOfReferenceUid: '1.2.3.3' });
    expect(Buffer.compare(back[0]!.mask.voxels, a)).toBe(0);
    expect(Buffer.compare(back[1]!.mask.voxels, b)).toBe(0);
    expect(back.map((s) => [s.label, s.algorithmType, s.algorithmName, s.category?.meaning, s.type?.value])).toEqual([
      ['Liver', 'MANUAL', '', 'Anatomical Structure', '91723000'],
      ['GTV', 'AUTOMATIC', 'Model X', 'Morphologically Abnormal Structure', '108369006'],
    ]);
    expect(back[0]!.colour).toEqual([200, 100, 50]);
    expect(lintDicom(bytes, 'seg.dcm').errors).toEqual([]);
  });

  it('refuses a segmentation of another patient or another frame of reference', () => {
    const seg = readSegmentation(bytes, 'seg.dcm');
    expect(() => importSegmentation(seg, { source: 'ct', grid: ref.grid, patientId: 'P2', frameOfReferenceUid: '1.2.3.3' })).toThrow(/patient ID "P1".*another patient's segments are never imported/);
    expect(() => importSegmentation(seg, { source: 'ct', grid: ref.grid, patientId: 'P1', frameOfReferenceUid: '9.9' })).toThrow(/frame of reference 1\.2\.3\.3/);
  });

  it('makes fractional segments binary at one half, and says so, and what it did with frames off the slices', () => {
    // A 2x2 frame (values 127, 128, 255, 0 of 255) on slice 2, a third of a slice past slice 3, and past the last slice.
    const frame = (z: number) => ({ segmentNumber: 1, position: [10.5, -20.25, z] as const, orientation: [[1, 0, 0], [0, 1, 0]] as const, pixelSpacing: [0.6, 0.8] as const });
    const values = [127, 128, 255, 0];
    const seg = {
      source: 'fractional.dcm', kind: 'FRACTIONAL', patientId: 'P1', frameOfReferenceUid: '1.2.3.3', referencedSeriesUid: '1.2.3.2', rows: 2, columns: 2, maxFractional: 255,
      segments: [{ number: 1, label: 'Soft', algorithmType: 'AUTOMATIC', algorithmName: 'x', category: undefined, type: undefined, colour: undefined }],
      frames: [frame(106), frame(110), frame(121)], pixel: (_: number, p: number) => values[p]!, packedBits: undefined,
    } as const;
    const { segments: [soft], warnings } = importSegmentation(seg, { source: 'ct', grid: ref.grid, patientId: 'P1', frameOfReferenceUid: '1.2.3.3' });
    for (const k of [2, 3]) {
      const plane = k * w * h;
      expect([soft!.mask.voxels[plane], soft!.mask.voxels[plane + 1], soft!.mask.voxels[plane + w], soft!.mask.voxels[plane + w + 1]]).toEqual([0, 1, 1, 0]);
    }
    expect(soft!.mask.voxels.reduce((a, b) => a + b, 0)).toBe(4);
    expect(warnings).toEqual([
      'Fractional segments were made binary at 128 of 255 (one half)',
      '1 frame(s) lie on planes that are not slices of the image and were left out',
      '1 frame(s) lie between slices of the image (up to 1.00 mm off) and were put on the nearest slice',
    ]);
  });

  it('converts colours to CIELab and back', () => {
    for (const rgb of [[0, 0, 0], [255, 255, 255], [255, 0, 0], [12, 200, 77]] as const) expect(rgbFromLab(labFromRgb(rgb))).toEqual(rgb);
  });
});

describe('real segmentations, pixels as pydicom reads them', () => {
  const files = ['highdicom/seg_image_ct_binary_overlap.dcm', 'highdicom/seg_image_ct_true_fractional.dcm', 'dcmqi/segmentations/partial_overlaps.dcm', 'dcmqi/segmentations/sparse-labelmap-ppv5.dcm'];
  const script = `
import sys, json, pydicom, numpy as np
out = []
for f in sys.argv[1:]:
    d = pydicom.dcmread(f)
    a = d.pixel_array.reshape(int(getattr(d, 'NumberOfFrames', 1)), d.Rows, d.Columns)
    out.append([int(x) for x in a.reshape(a.shape[0], -1).sum(1)])
print(json.dumps(out))`;
  const expected = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files.map((f) => join(data, f))], { encoding: 'utf8' })) as number[][];

  it.each(files.map((f, n) => [f, n] as const))('%s', (file, n) => {
    const seg = readSegmentation(readFileSync(join(data, file)), file);
    const sums = seg.frames.map((_, f) => {
      let sum = 0;
      for (let p = 0; p < seg.rows * seg.columns; p++) sum += seg.pixel(f, p);
      return sum;
    });
    expect(sums).toEqual(expected[n]);
  });
});
