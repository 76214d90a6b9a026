import type { DataSet } from 'dicom-parser';

/** The item datasets of a sequence (none when it is absent). */
export const items = (ds: DataSet, t: string): DataSet[] => (ds.elements[t]?.items ?? []).map((item) => item.dataSet!).filter(Boolean);

/** A string attribute, trimmed; '' when absent. */
export const text = (ds: DataSet, t: string): string => (ds.string(t) ?? '').trim();
