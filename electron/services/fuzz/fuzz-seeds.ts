import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'fflate';
import { fuzzReaders, prepareSeed, type FuzzReader, type FuzzSeed } from '../../../core/testing/fuzz/mutations.ts';
import { appRoot } from '../app-meta.ts';

/** The real test data beside the checkout, and the bundled sample. */
export const sharedData = resolve(appRoot(), '..', 'shared', 'data');
const sample = join(appRoot(), 'resources', 'sample');

/**
 * Real files the readers accept, which the fuzz mutates. Paths are relative to ../shared/data, or start
 * with 'sample/' for resources/sample. A DICOM seed inside a series folder is fuzzed with its intact
 * siblings beside it (listed in FuzzSeedSet.siblings), so volume assembly meets the damaged slice among
 * good ones; the large series (the bundled sample, the Philips and GE heads) are fuzzed one slice alone.
 */
export const seedFiles: Record<FuzzReader, readonly string[]> = {
  dicom: [
    'pydicom/CT2/17136',
    'pydicom/CT2/17196',
    'pydicom/CT_small.dcm',
    'pydicom/MR_small.dcm',
    'pydicom/MR_small_RLE.dcm',
    'pydicom/MR_small_bigendian.dcm',
    'pydicom/MR_small_implicit.dcm',
    'pydicom/MR_small_jp2klossless.dcm',
    'pydicom/MR_small_jpeg_ls_lossless.dcm',
    'pydicom/MR_small_padded.dcm',
    'dcmqi/segmentations/23x38x3/image/IMG0002.dcm',
    'dcmqi/segmentations/23x38x3/multiframe/mf.dcm',
    'dcmqi/segmentations/24x38x3/multiframe/mf.dcm',
    'dcmqi/segmentations/ct-3slice/02.dcm',
    'highdicom/ct_image.dcm',
    'dicompyler/ct.0.dcm',
    'transfer_syntaxes/CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm',
    'transfer_syntaxes/CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm',
    'transfer_syntaxes/CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm',
    'transfer_syntaxes/CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm',
    'transfer_syntaxes/CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm',
    'transfer_syntaxes/CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm',
    'transfer_syntaxes/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm',
    'transfer_syntaxes/CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm',
    'transfer_syntaxes/CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm',
    'transfer_syntaxes/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm',
    'transfer_syntaxes/no-pixel-spacing.dcm',
    'dcm_qa_ct/GE/14.dcm',
    'dcm_qa_ct/Philips_untilted/I150',
    'dcm_qa_ct/Philips_untilted/DIRFILE',
    'sample/totalsegmentator/ct/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016582',
  ],
  nifti: [
    'totalsegmentator/example_seg_mr.nii.gz',
    'totalsegmentator/example_seg_roi_subset.nii.gz',
    'totalsegmentator/example_seg.nii.gz',
    'totalsegmentator/example_ct_sm.nii.gz',
    'totalsegmentator/example_mr_sm.nii.gz',
    'openkbp/train/pt_11/ct.nii.gz',
    'openkbp/train/pt_11/oars.nii.gz',
    'sample/totalsegmentator/labels.nii.gz',
    // Uncompressed .nii: the same files gunzipped (see loadSeeds).
    'totalsegmentator/example_seg_mr.nii',
    'openkbp/train/pt_11/ptv.nii',
  ],
  rtstruct: ['pydicom/rtstruct.dcm', 'dicompyler/rtss.dcm'],
  seg: [
    'dcmqi/segmentations/liver.dcm',
    'dcmqi/segmentations/partial_overlaps.dcm',
    'dcmqi/segmentations/sparse-labelmap-noppv.dcm',
    'dcmqi/segmentations/sparse-labelmap-ppv5.dcm',
    'dcmqi/segmentations/23x38x3/seg/label.seg',
    'highdicom/seg_image_ct_binary.dcm',
    'highdicom/seg_image_ct_binary_overlap.dcm',
    'highdicom/seg_image_ct_true_fractional.dcm',
    'highdicom/seg_image_ct_binary_single_frame.dcm',
    'pydicom/liver_1frame.dcm',
  ],
};

/** The small seeds the committed corpus (core/testing/fuzz-corpus) is made from, so its files stay small. */
export const corpusSeedFiles: Record<FuzzReader, readonly string[]> = {
  dicom: [
    'pydicom/CT2/17136',
    'pydicom/MR_small_RLE.dcm',
    'pydicom/MR_small_bigendian.dcm',
    'pydicom/MR_small_implicit.dcm',
    'pydicom/MR_small_jp2klossless.dcm',
    'pydicom/MR_small_jpeg_ls_lossless.dcm',
    'dcmqi/segmentations/23x38x3/image/IMG0002.dcm',
    'dcmqi/segmentations/23x38x3/multiframe/mf.dcm',
  ],
  nifti: ['totalsegmentator/example_seg_roi_subset.nii.gz', 'totalsegmentator/example_seg_mr.nii.gz'],
  rtstruct: ['pydicom/rtstruct.dcm'],
  seg: [
    'highdicom/seg_image_ct_binary.dcm',
    'highdicom/seg_image_ct_binary_overlap.dcm',
    'highdicom/seg_image_ct_true_fractional.dcm',
    'dcmqi/segmentations/23x38x3/seg/label.seg',
    'dcmqi/segmentations/sparse-labelmap-ppv5.dcm',
  ],
};

/** Series folders whose other files go beside a damaged slice. */
const seriesFolders = ['pydicom/CT2', 'dcmqi/segmentations/23x38x3/image', 'dcmqi/segmentations/ct-3slice'];

export function seedPath(name: string): string {
  return name.startsWith('sample/') ? join(sample, name.slice('sample/'.length)) : join(sharedData, name);
}

function readSeedBytes(name: string): Uint8Array {
  // A '.nii' seed is its '.nii.gz' file gunzipped: the same real image, uncompressed.
  if (name.endsWith('.nii')) return gunzipSync(readFileSync(seedPath(`${name}.gz`)));
  return new Uint8Array(readFileSync(seedPath(name)));
}

export interface FuzzSeedSet {
  readonly seeds: Record<FuzzReader, FuzzSeed[]>;
  /** For a DICOM seed in a series folder: the other files of that series, by file name. */
  readonly siblings: ReadonlyMap<string, readonly { name: string; bytes: Uint8Array }[]>;
}

export function loadSeeds(files: Record<FuzzReader, readonly string[]> = seedFiles): FuzzSeedSet {
  const seeds = Object.fromEntries(fuzzReaders.map((reader) => [reader, files[reader].map((name) => prepareSeed(reader, name, readSeedBytes(name)))])) as Record<FuzzReader, FuzzSeed[]>;
  const siblings = new Map<string, { name: string; bytes: Uint8Array }[]>();
  for (const seed of seeds.dicom) {
    const folder = dirname(seed.name);
    if (!seriesFolders.includes(folder)) continue;
    const others = readdirSync(seedPath(folder)).filter((file) => file !== basename(seed.name));
    siblings.set(seed.name, others.map((file) => ({ name: file, bytes: new Uint8Array(readFileSync(join(seedPath(folder), file))) })));
  }
  return { seeds, siblings };
}
