/**
 * An in-memory DICOM dataset to write: elements keyed by tag (group << 16 | element), each with its VR.
 * Values are plain: text for string VRs (several values joined by '\'), numbers for binary numeric VRs,
 * bytes for OB/OW, nested datasets for SQ. Encoding rules live in encode.ts.
 */
export type StringVr = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UI' | 'UT' | 'UC' | 'UR';
export type NumberVr = 'US' | 'UL' | 'SS' | 'SL' | 'FL' | 'FD' | 'AT';
export type BytesVr = 'OB' | 'OW';

export type DicomElement =
  | { readonly vr: StringVr; readonly value: string }
  | { readonly vr: NumberVr; readonly value: readonly number[] }
  | { readonly vr: BytesVr; readonly value: Uint8Array }
  | { readonly vr: 'SQ'; readonly value: readonly Dataset[] };

export type Dataset = Map<number, DicomElement>;

/** A tag from its group and element numbers, the way PS3.6 writes them: tag(0x0008, 0x0016). */
export const tag = (group: number, element: number): number => ((group << 16) | element) >>> 0;

export type DatasetEntry = readonly [number, DicomElement['vr'], DicomElement['value']];

/** Builds a dataset from [tag, vr, value] entries; order does not matter (the encoder sorts). */
export function dataset(entries: readonly DatasetEntry[]): Dataset {
  const out: Dataset = new Map();
  for (const [t, vr, value] of entries) out.set(t, { vr, value } as DicomElement);
  return out;
}

/** Multi-valued string value (VM > 1): the values joined by backslashes. */
export const multi = (values: readonly (string | number)[]): string => values.join('\\');
