import type { Dataset, DicomElement } from './dataset.ts';
import { dataset, tag } from './dataset.ts';

/**
 * DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile, applied to a dataset about to be
 * written. Action codes of Table E.1-1: X remove, Z empty, D dummy value, U a new UID that is consistent
 * within the set (the caller's `mapUid` gives the same new UID for the same old one). Where the table
 * offers a choice (Z/D, X/Z, X/Z/D) the weakest one that keeps the objects Delineate writes conformant is
 * taken: the attribute's type in the RT Structure Set and Segmentation IODs decides (Type 3: X, Type 2: Z,
 * Type 1: D). Attributes the table does not list are kept.
 *
 * The table covers every attribute Delineate's RTSTRUCT and SEG writers emit that the profile lists, plus
 * the patient, physician, institution and date attributes an image commonly carries, so a writer that
 * starts copying one of those is still covered. Private attributes (odd groups) are removed.
 */
export type ProfileAction = 'X' | 'Z' | 'D' | 'U';

const t = tag;
export const basicProfileActions: ReadonlyMap<number, ProfileAction> = new Map<number, ProfileAction>([
  [t(0x0008, 0x0012), 'X'], // Instance Creation Date (X/D; Type 3 in SOP Common)
  [t(0x0008, 0x0013), 'X'], // Instance Creation Time (X/Z/D)
  [t(0x0008, 0x0014), 'U'], // Instance Creator UID
  [t(0x0008, 0x0018), 'U'], // SOP Instance UID
  [t(0x0008, 0x0020), 'Z'], // Study Date
  [t(0x0008, 0x0021), 'X'], // Series Date (X/D)
  [t(0x0008, 0x0022), 'X'], // Acquisition Date (X/Z)
  [t(0x0008, 0x0023), 'D'], // Content Date (Z/D; Type 1 in the Segmentation Image module)
  [t(0x0008, 0x0030), 'Z'], // Study Time
  [t(0x0008, 0x0031), 'X'], // Series Time (X/D)
  [t(0x0008, 0x0032), 'X'], // Acquisition Time (X/Z)
  [t(0x0008, 0x0033), 'D'], // Content Time (Z/D; Type 1 there too)
  [t(0x0008, 0x0050), 'Z'], // Accession Number
  [t(0x0008, 0x0080), 'X'], // Institution Name (X/Z/D)
  [t(0x0008, 0x0081), 'X'], // Institution Address
  [t(0x0008, 0x0090), 'Z'], // Referring Physician's Name
  [t(0x0008, 0x0092), 'X'], // Referring Physician's Address
  [t(0x0008, 0x0094), 'X'], // Referring Physician's Telephone Numbers
  [t(0x0008, 0x0096), 'X'], // Referring Physician Identification Sequence
  [t(0x0008, 0x1010), 'X'], // Station Name (X/Z/D)
  [t(0x0008, 0x1030), 'X'], // Study Description
  [t(0x0008, 0x103e), 'X'], // Series Description
  [t(0x0008, 0x1040), 'X'], // Institutional Department Name
  [t(0x0008, 0x1048), 'X'], // Physician(s) of Record
  [t(0x0008, 0x1050), 'X'], // Performing Physician's Name
  [t(0x0008, 0x1060), 'X'], // Name of Physician(s) Reading Study
  [t(0x0008, 0x1070), 'Z'], // Operators' Name (X/Z/D; Type 2 in the RT Series module)
  [t(0x0008, 0x1155), 'U'], // Referenced SOP Instance UID
  [t(0x0008, 0x2111), 'X'], // Derivation Description
  [t(0x0010, 0x0010), 'Z'], // Patient's Name
  [t(0x0010, 0x0020), 'Z'], // Patient ID (Z/D; Type 2 in the Patient module)
  [t(0x0010, 0x0021), 'X'], // Issuer of Patient ID
  [t(0x0010, 0x0030), 'Z'], // Patient's Birth Date
  [t(0x0010, 0x0032), 'X'], // Patient's Birth Time
  [t(0x0010, 0x0040), 'Z'], // Patient's Sex
  [t(0x0010, 0x1000), 'X'], // Other Patient IDs
  [t(0x0010, 0x1001), 'X'], // Other Patient Names
  [t(0x0010, 0x1002), 'X'], // Other Patient IDs Sequence
  [t(0x0010, 0x1010), 'X'], // Patient's Age
  [t(0x0010, 0x1020), 'X'], // Patient's Size
  [t(0x0010, 0x1030), 'X'], // Patient's Weight
  [t(0x0010, 0x1040), 'X'], // Patient's Address
  [t(0x0010, 0x2160), 'X'], // Ethnic Group
  [t(0x0010, 0x21b0), 'X'], // Additional Patient History
  [t(0x0010, 0x4000), 'X'], // Patient Comments
  [t(0x0018, 0x1000), 'D'], // Device Serial Number (X/Z/D; Type 1 in the SEG's Enhanced General Equipment)
  [t(0x0018, 0x1030), 'X'], // Protocol Name (X/D)
  [t(0x0020, 0x000d), 'U'], // Study Instance UID
  [t(0x0020, 0x000e), 'U'], // Series Instance UID
  [t(0x0020, 0x0010), 'Z'], // Study ID
  [t(0x0020, 0x0052), 'U'], // Frame of Reference UID
  [t(0x0020, 0x0200), 'U'], // Synchronization Frame of Reference UID
  [t(0x0020, 0x4000), 'X'], // Image Comments
  [t(0x0020, 0x9161), 'U'], // Concatenation UID
  [t(0x0020, 0x9164), 'U'], // Dimension Organization UID
  [t(0x0070, 0x0084), 'Z'], // Content Creator's Name (Z/D; Type 2 in the SEG)
  [t(0x3006, 0x0002), 'D'], // Structure Set Label
  [t(0x3006, 0x0004), 'X'], // Structure Set Name
  [t(0x3006, 0x0006), 'X'], // Structure Set Description
  [t(0x3006, 0x0008), 'Z'], // Structure Set Date
  [t(0x3006, 0x0009), 'Z'], // Structure Set Time
  [t(0x3006, 0x0024), 'U'], // Referenced Frame of Reference UID
  [t(0x3006, 0x0026), 'Z'], // ROI Name
  [t(0x3006, 0x0028), 'X'], // ROI Description
  [t(0x3006, 0x0038), 'X'], // ROI Generation Description
  [t(0x3006, 0x0085), 'X'], // ROI Observation Label
  [t(0x3006, 0x0088), 'X'], // ROI Observation Description
  [t(0x3006, 0x00a6), 'Z'], // ROI Interpreter
  [t(0x3006, 0x00c2), 'U'], // Related Frame of Reference UID
]);

/** Values for action D, by VR: obviously not real, and valid for the VR. */
const dummies: Partial<Record<DicomElement['vr'], string>> = {
  SH: 'DEIDENTIFIED',
  LO: 'DEIDENTIFIED',
  PN: 'DEIDENTIFIED',
  ST: 'DEIDENTIFIED',
  LT: 'DEIDENTIFIED',
  UT: 'DEIDENTIFIED',
  DA: '19000101',
  TM: '000000',
  DT: '19000101000000',
  CS: 'DEIDENTIFIED',
};

export interface DeidentifyOptions {
  /** The same new UID for the same old UID, every time, within the set being de-identified. */
  readonly mapUid: (uid: string) => string;
  /** DeidentificationMethod (0012,0063): what was done, by what (LO, at most 64 characters). */
  readonly method: string;
}

/** PS3.16 CID 7050 code of the profile applied, for DeidentificationMethodCodeSequence. */
export const basicProfileCode = { value: '113100', scheme: 'DCM', meaning: 'Basic Application Confidentiality Profile' } as const;

/**
 * A de-identified copy of `ds` (the input is not changed): the profile's actions applied at every depth of
 * every sequence, then PatientIdentityRemoved YES, DeidentificationMethod and its code sequence, and
 * LongitudinalTemporalInformationModified REMOVED (the study and structure set dates are emptied).
 */
export function deidentify(ds: Dataset, options: DeidentifyOptions): Dataset {
  const out = applyProfile(ds, options.mapUid);
  out.set(t(0x0012, 0x0062), { vr: 'CS', value: 'YES' });
  out.set(t(0x0012, 0x0063), { vr: 'LO', value: options.method.slice(0, 64) });
  out.set(t(0x0012, 0x0064), {
    vr: 'SQ',
    value: [
      dataset([
        [t(0x0008, 0x0100), 'SH', basicProfileCode.value],
        [t(0x0008, 0x0102), 'SH', basicProfileCode.scheme],
        [t(0x0008, 0x0104), 'LO', basicProfileCode.meaning],
      ]),
    ],
  });
  out.set(t(0x0028, 0x0303), { vr: 'CS', value: 'REMOVED' });
  return out;
}

function applyProfile(ds: Dataset, mapUid: (uid: string) => string): Dataset {
  const out: Dataset = new Map();
  for (const [key, element] of ds) {
    const group = key >>> 16;
    if (group % 2 === 1) continue; // private attributes: X
    const action = basicProfileActions.get(key);
    if (action === 'X') continue;
    if (action === 'Z') out.set(key, emptied(element));
    else if (action === 'D') out.set(key, dummy(key, element));
    else if (action === 'U' && element.vr === 'UI') out.set(key, { vr: 'UI', value: mapUids(element.value, mapUid) });
    else if (element.vr === 'SQ') out.set(key, { vr: 'SQ', value: element.value.map((item) => applyProfile(item, mapUid)) });
    else out.set(key, element);
  }
  return out;
}

function emptied(element: DicomElement): DicomElement {
  switch (element.vr) {
    case 'SQ':
      return { vr: 'SQ', value: [] };
    case 'OB':
    case 'OW':
      return { vr: element.vr, value: new Uint8Array(0) };
    case 'US':
    case 'UL':
    case 'SS':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'AT':
      return { vr: element.vr, value: [] };
    default:
      return { vr: element.vr, value: '' };
  }
}

function dummy(key: number, element: DicomElement): DicomElement {
  const value = dummies[element.vr];
  if (value === undefined) throw new Error(`(${key.toString(16).padStart(8, '0')}) has no dummy value for VR ${element.vr}`);
  return { vr: element.vr, value } as DicomElement;
}

/** Multi-valued UIDs (VM > 1) are mapped one by one; empty values stay empty. */
function mapUids(value: string, mapUid: (uid: string) => string): string {
  return value
    .split('\\')
    .map((uid) => (uid.trim() ? mapUid(uid.trim().replace(/\0+$/, '')) : uid))
    .join('\\');
}
