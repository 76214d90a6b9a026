import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRtStruct } from '../../../core/rt/rtstruct-read.ts';
import { loadSeries } from '../study-loader.ts';
import { imageReferenceOf } from './image-reference.ts';
import { exportRtStructFile } from './rtstruct-service.ts';
import { writeSyntheticCt } from './testing/synthetic-ct.ts';

/**
 * Names outside ASCII, as a clinic in Munich, Kyiv or Lyon has them, through import and export. pydicom encodes
 * the source files in their declared repertoire and reads ours back: the independent judge of the bytes.
 */
const scratch = mkdtempSync(join(tmpdir(), 'delineate-charsets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const python = (script: string, ...args: string[]) => execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });

/** Rewrites every file of a series with this character set and names, encoded by pydicom. */
function recode(dir: string, charset: string, names: { patient: string; physician: string; study: string }): void {
  python(
    `import glob, json, sys, pydicom
names = json.loads(sys.argv[3])
for path in glob.glob(sys.argv[1] + '/*.dcm'):
    ds = pydicom.dcmread(path)
    ds.SpecificCharacterSet = sys.argv[2]
    ds.PatientName = names['patient']
    ds.ReferringPhysicianName = names['physician']
    ds.StudyDescription = names['study']
    ds.save_as(path)`,
    dir,
    charset,
    JSON.stringify(names),
  );
}

const cases = [
  { charset: 'ISO_IR 100', patient: 'Schmidt^Anna', physician: 'Dr^Weiß', study: 'Thorax nativ' },
  { charset: 'ISO_IR 192', patient: 'Müller^Jürgen', physician: 'Lefèvre^Zoë', study: 'Planungs-CT Kopf/Hals' },
  { charset: 'ISO_IR 144', patient: 'Иванов^Иван', physician: 'Петренко^Олена', study: 'КТ планування' },
];

describe('character sets', () => {
  it.each(cases)('$charset: names read as the file means them, and the RTSTRUCT carries them in UTF-8 that dciodvfy accepts', async ({ charset, patient, physician, study }) => {
    const ctDir = join(scratch, charset.replace(' ', '_'));
    writeSyntheticCt(ctDir, { patientId: 'P1', frameOfReferenceUid: '1.2.826.0.1.3680043.2.1125.9', columns: 8, rows: 8, origin: [0, 0, 0], pixelSpacing: 1, zs: [0, 2] });
    recode(ctDir, charset, { patient, physician, study });
    const ref = await imageReferenceOf(await loadSeries(ctDir));
    expect([ref.patientName, ref.referringPhysicianName, ref.studyDescription]).toEqual([patient, physician, study]);

    const voxels = new Uint8Array(8 * 8 * 2).fill(1, 64 + 18, 64 + 22);
    const rsPath = join(ctDir, '..', `rs-${charset.replace(' ', '_')}.dcm`);
    await exportRtStructFile(ref, [{ name: 'Rückenmark', type: 'ORGAN', colour: [0, 255, 0], generation: { algorithm: 'MANUAL' }, voxels, label: 1 }], rsPath);
    const back = JSON.parse(
      python(
        `import json, sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(json.dumps([ds.SpecificCharacterSet, str(ds.PatientName), str(ds.ReferringPhysicianName), ds.StudyDescription, ds.StructureSetROISequence[0].ROIName]))`,
        rsPath,
      ),
    );
    expect(back).toEqual(['ISO_IR 192', patient, physician, study, 'Rückenmark']);
    const dciodvfy = spawnSync('dciodvfy', [rsPath], { encoding: 'utf8' });
    expect(`${dciodvfy.stdout}${dciodvfy.stderr}`.split('\n').filter((line) => line.startsWith('Error'))).toEqual([]);
  }, 30_000);

  it('reads ROI names of an RTSTRUCT written in Latin-1 by another system', () => {
    const rsPath = join(scratch, 'latin1-rs.dcm');
    python(
      `import sys, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
ds = Dataset()
ds.file_meta = FileMetaDataset()
ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
ds.file_meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.481.3'
ds.file_meta.MediaStorageSOPInstanceUID = '1.2.3.4'
ds.SpecificCharacterSet = 'ISO_IR 100'
ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.481.3'
ds.SOPInstanceUID = '1.2.3.4'
ds.Modality = 'RTSTRUCT'
ds.PatientName = 'Sørensen^Åse'
ds.StructureSetLabel = 'Planung'
roi = Dataset()
roi.ROINumber = 1
roi.ROIName = 'Rückenmark'
ds.StructureSetROISequence = [roi]
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(sys.argv[1], write_like_original=False)`,
      rsPath,
    );
    const rs = readRtStruct(readFileSync(rsPath), rsPath);
    expect(rs.patientName).toBe('Sørensen^Åse');
    expect(rs.rois.map((r) => r.name)).toEqual(['Rückenmark']);
  });
});
