import type { DataSet } from 'dicom-parser';
import { decodedText } from '../dicom/charset.ts';

/** The item datasets of a sequence (none when it is absent). */
export const items = (ds: DataSet, t: string): DataSet[] => (ds.elements[t]?.items ?? []).map((item) => item.dataSet!).filter(Boolean);

/** A string attribute, trimmed; '' when absent. */
export const text = (ds: DataSet, t: string): string => decodedText(ds, t);
