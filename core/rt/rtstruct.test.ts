import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, tag } from '../dicom/write/dataset.ts';
import { encodePart10 } from '../dicom/write/encode.ts';
import type { Direction } from '../geometry/space.ts';
import { lintDicom, type LintImage } from './lint.ts';
import { importRtStruct } from './rtstruct-import.ts';
import { readRtStruct } from './rtstruct-read.ts';
import { buildRtStruct, type StructureToExport } from './rtstruct-write.ts';
import { testIdentity, testReference } from './testing/fixture.ts';

const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const [w, h, d] = [24, 20, 5];
const identity = testIdentity('1.2.826.0.1.3680043.10.999');
// Not a plain grid: 0.7 x 0.9 mm pixels, 2.5 mm slices, an origin off the integers, rows and columns flipped.
const ref = testReference([w, h, d], [0.7, 0.9, 2.5], [-100.123456789, 50.987654321, -33.3333333], [-1, 0, 0, 0, -1, 0, 0, 0, 1] as Direction);
const lintImage: LintImage = { seriesInstanceUid: '1.2.3.2', frameOfReferenceUid: '1.2.3.3', sopInstanceUids: new Set(ref.slices.map((s) => s.sopInstanceUid)), normal: [0, 0, 1], sliceHeights: ref.slices.map((s) => s.position[2]) };

function blob(seed: number): Uint8Array {
  const v = new Uint8Array(w * h * d);
  for (let k = 1; k < d - 1; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
    const r = Math.hypot(i - 8 - seed, j - 9 + k);
    if (r < 6 - seed && !(r < 2)) v[k * w * h + j * w + i] = 1; // a ring: every slice has a hole
  }
  return v;
}

const structures: StructureToExport[] = [
  { name: 'GTV', type: 'GTV', colour: [255, 0, 0], generation: { algorithm: 'MANUAL' }, voxels: blob(0), label: 1 },
  { name: 'Parotid_L', type: 'ORGAN', colour: [0, 128, 255], generation: { algorithm: 'AUTOMATIC', description: 'nnU-Net HN v2' }, voxels: blob(2), label: 1 },
  { name: 'Empty', type: 'ORGAN', colour: [1, 2, 3], generation: { algorithm: 'MANUAL' }, voxels: new Uint8Array(w * h * d), label: 1 },
];

function encoded(): Uint8Array {
  const build = buildRtStruct(ref, structures, identity);
  return encodePart10(build.dataset, { sopClassUid: '1.2.840.10008.5.1.4.1.1.481.3', sopInstanceUid: build.sopInstanceUid, implementationClassUid: '1.2.3', implementationVersionName: 'T' });
}

describe('RTSTRUCT export and import on a synthetic grid', () => {
  const bytes = encoded();
  const rs = readRtStruct(bytes, 'rs.dcm');

  it('round-trips every structure voxel for voxel, names, colours, types and generation', () => {
    const { rois } = importRtStruct(rs, { source: 'ct', grid: ref.grid, patientId: 'P1', frameOfReferenceUid: '1.2.3.3' });
    expect(rois.map((r) => [r.number, r.name, r.type, r.colour])).toEqual([
      [1, 'GTV', 'GTV', [255, 0, 0]],
      [2, 'Parotid_L', 'ORGAN', [0, 128, 255]],
      [3, 'Empty', 'ORGAN', [1, 2, 3]],
    ]);
    expect(rs.rois[1]!.generationAlgorithm).toBe('AUTOMATIC');
    expect(rs.rois[1]!.generationDescription).toBe('nnU-Net HN v2');
    rois.forEach((roi, s) => expect(Buffer.compare(roi.mask.voxels, structures[s]!.voxels as Uint8Array)).toBe(0));
    expect(rois[2]!.warnings).toEqual(['No contours: the structure is empty']);
    expect(rs.contourImageUids).toEqual(ref.slices.map((s) => s.sopInstanceUid));
  });

  it('passes its own lint, with every contour on a slice plane and DS values short', () => {
    const report = lintDicom(bytes, 'rs.dcm', lintImage);
    expect(report.errors).toEqual([]);
    for (const roi of rs.rois) for (const c of roi.contours) expect(ref.slices.some((s) => Math.abs(s.position[2] - c.points[2]!) < 1e-3)).toBe(true);
  });

  it('survives a structure set without ReferencedFrameOfReferenceSequence, and says so', () => {
    const build = buildRtStruct(ref, structures.slice(0, 1), identity);
    build.dataset.delete(tag(0x3006, 0x0010));
    build.dataset.delete(tag(0x0020, 0x0052));
    const bare = readRtStruct(encodePart10(build.dataset, { sopClassUid: '1.2.840.10008.5.1.4.1.1.481.3', sopInstanceUid: '1.2.9', implementationClassUid: '1.2.3', implementationVersionName: 'T' }), 'bare.dcm');
    expect(bare.warnings).toContain('No ReferencedFrameOfReferenceSequence: the referenced image series is not named in the file');
    expect(bare.frameOfReferenceUid).toBe('1.2.3.3'); // still known from the ROI
    const { rois } = importRtStruct(bare, { source: 'ct', grid: ref.grid, patientId: 'P1', frameOfReferenceUid: '1.2.3.3' });
    expect(Buffer.compare(rois[0]!.mask.voxels, structures[0]!.voxels as Uint8Array)).toBe(0);
  });

  it('refuses names a planning system would misread, and types that are not RT ROI types, naming the structure', () => {
    const one = (change: Partial<StructureToExport>) => () => buildRtStruct(ref, [{ ...structures[0]!, ...change }], identity);
    expect(one({ name: 'GTV\\1' })).toThrow('Structure "GTV\\1": the name cannot be written, a backslash separates DICOM values');
    expect(one({ name: 'GTV\tboost' })).toThrow('Structure "GTV\\u0009boost": the name cannot be written, it holds a control character');
    expect(one({ type: 'gross-tumour-volume' })).toThrow(/Structure "GTV": type "gross-tumour-volume" is not an RT ROI Interpreted Type/);
    expect(one({ type: 'avoidance' })).not.toThrow();
    expect(() => buildRtStruct(ref, structures, { ...identity, label: 'Plan\\A' })).toThrow('Label "Plan\\A" cannot be written');
  });

  it('dates the structure set in local time with its offset from UTC', () => {
    const ds = buildRtStruct(ref, structures, identity).dataset;
    expect(ds.get(tag(0x0008, 0x0201))).toEqual({ vr: 'SH', value: '+0100' });
    expect(ds.get(tag(0x3006, 0x0008))).toEqual({ vr: 'DA', value: '20260101' });
  });

  it('refuses another patient or another frame of reference', () => {
    expect(() => importRtStruct(rs, { source: 'ct', grid: ref.grid, patientId: 'P2', frameOfReferenceUid: '1.2.3.3' })).toThrow(/patient ID "P1".*"P2"/);
    expect(() => importRtStruct(rs, { source: 'ct', grid: ref.grid, patientId: 'P1', frameOfReferenceUid: '9.9' })).toThrow(/frame of reference 1\.2\.3\.3/);
  });
});

describe('lint on broken structure sets', () => {
  it('lists long DS values, duplicate ROI numbers, bad colours, non-planar and off-slice contours', () => {
    const contour = (points: string) => dataset([
      [tag(0x3006, 0x0042), 'CS', 'CLOSED_PLANAR'],
      [tag(0x3006, 0x0046), 'IS', String(points.split('\\').length / 3)],
      [tag(0x3006, 0x0050), 'DS', points],
    ]);
    const roi = (n: number) => dataset([[tag(0x3006, 0x0022), 'IS', String(n)], [tag(0x3006, 0x0024), 'UI', '1.2.3.3'], [tag(0x3006, 0x0026), 'LO', `R${n}`]]);
    const ds = dataset([
      [tag(0x0008, 0x0016), 'UI', '1.2.840.10008.5.1.4.1.1.481.3'],
      [tag(0x0008, 0x0018), 'UI', '1.2.9'],
      [tag(0x0008, 0x0060), 'CS', 'RTSTRUCT'],
      [tag(0x3006, 0x0020), 'SQ', [roi(1), roi(1)]],
      [
        tag(0x3006, 0x0039),
        'SQ',
        [
          dataset([
            [tag(0x3006, 0x002a), 'IS', '300\\0\\0'],
            [tag(0x3006, 0x0084), 'IS', '1'],
            [tag(0x3006, 0x0040), 'SQ', [contour('0.12345678901234567\\0\\-33.3333\\5\\0\\-33.3333\\5\\5\\-33.3333'), contour('0\\0\\-30\\5\\0\\-30\\5\\5\\-29\\0\\5\\-30'), contour('0\\0\\-32.1\\5\\0\\-32.1\\5\\5\\-32.1')]],
          ]),
        ],
      ],
    ]);
    const bytes = encodePart10(ds, { sopClassUid: '1.2.840.10008.5.1.4.1.1.481.3', sopInstanceUid: '1.2.9', implementationClassUid: '1.2.3', implementationVersionName: 'T' });
    const report = lintDicom(bytes, 'bad.dcm', lintImage);
    const all = report.errors.join('\n');
    expect(all).toMatch(/"0\.12345678901234567" has more than 16 characters/);
    expect(all).toMatch(/ROI number 1 is used twice/);
    expect(all).toMatch(/display colour "300\\0\\0"/);
    expect(all).toMatch(/contour 2: not planar/);
    expect(all).toMatch(/contour 3: lies 1\.233 mm from the nearest image slice/);
    expect(all).toMatch(/StructureSetLabel is missing/);
    expect(all).toMatch(/RTROIObservationsSequence is missing/);
  });

  it('flags names a planning system would split, or see twice', () => {
    const roi = (n: number, name: string) => dataset([[tag(0x3006, 0x0022), 'IS', String(n)], [tag(0x3006, 0x0024), 'UI', '1.2.3.3'], [tag(0x3006, 0x0026), 'LO', name]]);
    const names = ['GTV\\1', 'Lung', 'LUNG', 'Parotid_L_Superfic', 'Parotid_L_Superficial', 'SpinalCord'];
    const ds = dataset([
      [tag(0x0008, 0x0016), 'UI', '1.2.840.10008.5.1.4.1.1.481.3'],
      [tag(0x0008, 0x0018), 'UI', '1.2.9'],
      [tag(0x3006, 0x0020), 'SQ', names.map((name, n) => roi(n + 1, name))],
    ]);
    const report = lintDicom(encodePart10(ds, { sopClassUid: '1.2.840.10008.5.1.4.1.1.481.3', sopInstanceUid: '1.2.9', implementationClassUid: '1.2.3', implementationVersionName: 'T' }), 'names.dcm');
    expect(report.errors).toContain('ROI name "GTV\\1" holds a backslash: it is read as 2 values');
    expect(report.warnings).toContain('ROI names "Lung" and "LUNG" are the same: planning systems match structures by name, so one may be renamed or refused');
    expect(report.warnings).toContain(
      'ROI names "Parotid_L_Superfic" and "Parotid_L_Superficial" share their first 16 characters: systems that keep 16 (Eclipse structure IDs) see one name twice',
    );
    expect(report.warnings.join('\n')).not.toMatch(/SpinalCord/);
  });
});

describe('real structure sets', () => {
  it('reads pydicom rtstruct.dcm, which has no preamble and no File Meta, and says so', () => {
    const rs = readRtStruct(readFileSync(join(data, 'pydicom', 'rtstruct.dcm')), 'rtstruct.dcm');
    expect(rs.warnings[0]).toMatch(/no DICOM preamble/);
    expect(rs.rois.map((r) => [r.name, r.contours.length])).toEqual([['patient', 3], ['Isocenter 1', 1], ['Isocenter 2', 1]]);
    expect(rs.frameOfReferenceUid).toBe('1.2.826.0.1.3680043.8.498.2010020400001.2');
  });

  it('reads dicompyler rtss.dcm: 10 ROIs, 441 contours, one empty ROI reported', () => {
    const rs = readRtStruct(readFileSync(join(data, 'dicompyler', 'rtss.dcm')), 'rtss.dcm');
    expect(rs.rois.length).toBe(10);
    expect(rs.rois.reduce((n, r) => n + r.contours.length, 0)).toBe(441);
    expect(rs.warnings).toContain('ROI 2 "Areola" has no contours (empty structure)');
  });
});
