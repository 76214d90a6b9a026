import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageReference } from '../../../core/rt/reference.ts';
import type { StructureToExport } from '../../../core/rt/rtstruct-write.ts';
import { loadSeries } from '../study-loader.ts';
import { newDeidentification, type Deidentification } from './deidentification.ts';
import { imageReferenceOf } from './image-reference.ts';
import { exportRtStructFile } from './rtstruct-service.ts';
import { exportSegFile } from './seg-service.ts';

/**
 * De-identified export (PS3.15 basic profile) on a real series: the Philips head phantom, whose files carry a
 * patient name, ID, sex, study date, ID and description. The written files are read back by pydicom and
 * dcmdump, judged by dciodvfy, and searched byte for byte for anything of the original identity.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const series = join(root, '..', 'shared', 'data', 'dcm_qa_ct', 'Philips_untilted');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-deid-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Described = Record<string, unknown> & {
  UIDs: [string, string][];
  References: { frame?: string; study?: string; series: string[] }[];
  ROINames: string[];
  ROIFrames: string[];
  SegmentLabels: string[];
  DeidentificationCodes: string[];
};

let ref: ImageReference;
let deid: Deidentification;
const files = { rs: join(scratch, 'RS.dcm'), seg: join(scratch, 'SEG.dcm'), plainRs: join(scratch, 'plain-RS.dcm') };
let described: Record<string, Described>;
/**
 * The phantom's study ID, "2157", as a value of its own (not next to another digit or a dot): four digits also
 * turn up by chance inside the new random UIDs or a coordinate, which is not a leak.
 */
const studyIdAlone = /(?<![0-9.])2157(?![0-9.])/;

function describeFiles(...paths: string[]): Record<string, Described> {
  const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'testing', 'dicom_identity.py'), ...paths], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, Described>;
}

beforeAll(async () => {
  ref = await imageReferenceOf(await loadSeries(series));
  const [ni, nj, nk] = ref.grid.dims;
  const voxels = new Uint8Array(ni * nj * nk);
  for (let k = 10; k < 16; k++) for (let j = 200; j < 300; j++) for (let i = 180; i < 330; i++) voxels[i + j * ni + k * ni * nj] = 1;
  const structures: StructureToExport[] = [
    { name: 'Brain', type: 'ORGAN', colour: [200, 120, 40], generation: { algorithm: 'MANUAL' }, voxels, label: 1 },
    { name: 'GTVp', type: 'GTV', colour: [230, 40, 40], generation: { algorithm: 'SEMIAUTOMATIC', description: 'click3d-ct 1.0' }, voxels, label: 1 },
  ];
  deid = newDeidentification();
  await exportRtStructFile(ref, structures, files.rs, { label: 'Smith plan', interpreter: 'SMITH^JOHN', deidentification: deid });
  await exportSegFile(ref, structures, files.seg, { label: 'Smith plan', deidentification: deid });
  await exportRtStructFile(ref, structures, files.plainRs, { label: 'Smith plan', interpreter: 'SMITH^JOHN' });
  described = describeFiles(files.rs, files.seg, files.plainRs);
}, 60_000);

describe('de-identified RTSTRUCT and SEG', () => {
  it('the plain export carries the identity the de-identified ones must not (so the checks below can fail)', () => {
    const plain = described[files.plainRs]!;
    expect(plain.PatientName).toBe('HEAD');
    expect(plain.PatientID).toBe('PLASTIC');
    expect(readFileSync(files.plainRs).includes(Buffer.from(ref.studyInstanceUid))).toBe(true);
    expect(studyIdAlone.test(readFileSync(files.plainRs).toString('latin1'))).toBe(true);
  });

  it('empties, removes or replaces every attribute of the profile, and says so', () => {
    for (const file of [files.rs, files.seg]) {
      const d = described[file]!;
      for (const emptied of ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'StudyID', 'AccessionNumber', 'ReferringPhysicianName']) {
        expect(d[emptied], `${emptied} in ${file}`).toBe('');
      }
      for (const removed of ['StudyDescription', 'SeriesDescription', 'InstanceCreationDate']) expect(d[removed], `${removed} in ${file}`).toBeNull();
      expect(d.PatientIdentityRemoved).toBe('YES');
      expect(d.DeidentificationMethod).toMatch(/PS3\.15 E\.1 Basic Profile/);
      expect(d.DeidentificationCodes).toEqual(['113100:DCM']);
      expect(d.LongitudinalTemporalInformationModified).toBe('REMOVED');
    }
    const rs = described[files.rs]!;
    expect(rs.StructureSetLabel).toBe('DEIDENTIFIED');
    expect(rs.StructureSetDate).toBe('');
    // ROI Name is Z in the basic profile; the SEG's Segment Label is not in the profile and stays.
    expect(rs.ROINames).toEqual(['', '']);
    expect(described[files.seg]!.SegmentLabels).toEqual(['Brain', 'GTVp']);
    expect(described[files.seg]!.DeviceSerialNumber).toBe('DEIDENTIFIED');
  });

  it('replaces every UID, consistently within the case: both files agree with each other and with their references', () => {
    const original = new Set([ref.studyInstanceUid, ref.seriesInstanceUid, ref.frameOfReferenceUid, ...ref.slices.map((s) => s.sopInstanceUid)]);
    const rs = described[files.rs]!;
    const seg = described[files.seg]!;
    for (const d of [rs, seg]) {
      for (const [keyword, uid] of d.UIDs) expect(original.has(uid), `${keyword} ${uid} is an original UID`).toBe(false);
      expect(d.StudyInstanceUID).toBe(deid.mapUid(ref.studyInstanceUid));
      expect(d.FrameOfReferenceUID).toBe(deid.mapUid(ref.frameOfReferenceUid));
      expect(d.MediaStorageSOPInstanceUID).toBe(d.SOPInstanceUID);
    }
    expect(rs.References).toEqual([{ frame: rs.FrameOfReferenceUID, study: rs.StudyInstanceUID, series: [deid.mapUid(ref.seriesInstanceUid)] }]);
    expect(rs.ROIFrames).toEqual([rs.FrameOfReferenceUID, rs.FrameOfReferenceUID]);
    expect(seg.References).toEqual([{ series: [deid.mapUid(ref.seriesInstanceUid)] }]);
    const mappedSlices = new Set(ref.slices.map((s) => deid.mapUid(s.sopInstanceUid)));
    const sliceRefs = (d: Described) => d.UIDs.filter(([keyword]) => keyword === 'ReferencedSOPInstanceUID').map(([, uid]) => uid).filter((uid) => uid !== rs.StudyInstanceUID);
    expect(sliceRefs(rs).length).toBeGreaterThan(ref.slices.length);
    for (const d of [rs, seg]) for (const uid of sliceRefs(d)) expect(mappedSlices.has(uid)).toBe(true);
  });

  it('leaves no byte of the original identity or UIDs in the files', () => {
    for (const file of [files.rs, files.seg]) {
      const bytes = readFileSync(file);
      for (const secret of ['PLASTIC', 'HEAD', '20150206', 'TRAUMA', 'SMITH', 'Smith', ref.studyInstanceUid, ref.seriesInstanceUid, ref.frameOfReferenceUid, ref.slices[0]!.sopInstanceUid]) {
        expect(bytes.includes(Buffer.from(secret)), `"${secret}" in ${file}`).toBe(false);
      }
      expect(studyIdAlone.test(bytes.toString('latin1')), `study ID "2157" in ${file}`).toBe(false);
    }
  });

  it('dcmdump reads them and dciodvfy finds no errors', () => {
    for (const file of [files.rs, files.seg]) {
      const dump = spawnSync('dcmdump', ['-q', file], { encoding: 'utf8' });
      expect(dump.status, dump.stderr).toBe(0);
      expect(dump.stdout).toMatch(/\(0012,0062\) CS \[YES\]/);
      const verdict = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      const errors = `${verdict.stdout}${verdict.stderr}`.split('\n').filter((line) => line.startsWith('Error'));
      expect(errors, file).toEqual([]);
    }
  });
});
