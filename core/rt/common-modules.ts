import type { DatasetEntry } from '../dicom/write/dataset.ts';
import { tag } from '../dicom/write/dataset.ts';
import type { ImageReference } from './reference.ts';
import type { WriterIdentity } from './rtstruct-write.ts';

/**
 * The modules every object derived from an image shares (RTSTRUCT and SEG alike): SOP Common, Patient and
 * General Study copied from the image, a new series, General Equipment, and the image's Frame of Reference.
 */
export function derivedObjectEntries(ref: ImageReference, id: WriterIdentity, sopClassUid: string, sopInstanceUid: string, modality: string): DatasetEntry[] {
  return [
    [tag(0x0008, 0x0012), 'DA', id.now.date],
    [tag(0x0008, 0x0013), 'TM', id.now.time],
    [tag(0x0008, 0x0016), 'UI', sopClassUid],
    [tag(0x0008, 0x0018), 'UI', sopInstanceUid],
    [tag(0x0008, 0x0020), 'DA', ref.studyDate],
    [tag(0x0008, 0x0030), 'TM', ref.studyTime],
    [tag(0x0008, 0x0050), 'SH', ref.accessionNumber],
    [tag(0x0008, 0x0060), 'CS', modality],
    [tag(0x0008, 0x0070), 'LO', id.manufacturer],
    [tag(0x0008, 0x0090), 'PN', ref.referringPhysicianName],
    [tag(0x0008, 0x0201), 'SH', id.now.utcOffset],
    [tag(0x0008, 0x1030), 'LO', ref.studyDescription],
    [tag(0x0008, 0x103e), 'LO', id.label.slice(0, 64)],
    [tag(0x0008, 0x1090), 'LO', id.manufacturer],
    [tag(0x0010, 0x0010), 'PN', ref.patientName],
    [tag(0x0010, 0x0020), 'LO', ref.patientId],
    [tag(0x0010, 0x0030), 'DA', ref.patientBirthDate],
    [tag(0x0010, 0x0040), 'CS', ref.patientSex],
    [tag(0x0018, 0x1020), 'LO', id.softwareVersion],
    [tag(0x0020, 0x000d), 'UI', ref.studyInstanceUid],
    [tag(0x0020, 0x000e), 'UI', id.newUid()],
    [tag(0x0020, 0x0010), 'SH', ref.studyId],
    [tag(0x0020, 0x0011), 'IS', '1'],
    [tag(0x0020, 0x0013), 'IS', '1'],
    [tag(0x0020, 0x0052), 'UI', ref.frameOfReferenceUid],
    [tag(0x0020, 0x1040), 'LO', ref.positionReferenceIndicator],
  ];
}
