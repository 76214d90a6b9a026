/** The structure set formats the RT panel reads and writes: the label users see, and default file names. */
export type Format = 'RTSTRUCT' | 'SEG' | 'LABELMAP';

export const formats: Record<Format, { label: string; prefix: string; extension: string }> = {
  RTSTRUCT: { label: 'RTSTRUCT', prefix: 'RS', extension: '.dcm' },
  SEG: { label: 'DICOM SEG', prefix: 'SEG', extension: '.dcm' },
  LABELMAP: { label: 'NIfTI label map', prefix: 'labels', extension: '.nii.gz' },
};
