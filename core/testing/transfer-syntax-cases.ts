// What decoding the files of ../shared/data/transfer_syntaxes (MIT, cornerstone3D test data) must give, in
// one place for both places that check it: core/dicom/codecs/codecs.test.ts (Node) and e2e/codecs.spec.ts
// (the renderer's Web Workers in Chromium). The same limits hold on both sides, so they cannot drift.
import dicomParser from 'dicom-parser';
import { frameBytes, frameInfoOf, inflateDeflatedDataset } from '../dicom/codecs/index.ts';
import { Tag } from '../dicom/tags.ts';

/** Every encoding of CTImage.dcm is compared with this one, decoded as native explicit VR little endian. */
export const uncompressedCt = 'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm';

/** Encodings of CTImage.dcm that must decode to exactly the uncompressed pixels. */
export const losslessCt: readonly { readonly label: string; readonly file: string }[] = [
  { label: 'CTImage.dcm (implicit VR LE)', file: 'CTImage.dcm' },
  { label: 'implicit VR LE', file: 'CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm' },
  { label: 'explicit VR big endian', file: 'CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm' },
  { label: 'deflated explicit VR LE', file: 'CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm' },
  { label: 'RLE lossless', file: 'CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm' },
  { label: 'JPEG lossless process 14 (.57)', file: 'CTImage.dcm_JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57.dcm' },
  { label: 'JPEG lossless SV1 (.70)', file: 'CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm' },
  { label: 'JPEG-LS lossless (.80)', file: 'CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm' },
  { label: 'JPEG 2000 lossless (.90)', file: 'CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm' },
];

/**
 * Lossy encodings of CTImage.dcm: the largest and mean absolute difference allowed, in HU, against the
 * uncompressed slice (stored value - 1024). Measured: the 8-bit baseline file was rescaled with slope 32.1
 * (a 32 HU step), the 12-bit ones with slope 2.0; JPEG-LS near-lossless and JPEG 2000 keep the original scale.
 */
export const lossyCt: readonly { readonly label: string; readonly file: string; readonly maxHu: number; readonly meanHu: number }[] = [
  { label: 'JPEG baseline .50 (8-bit): max 64.2, mean 19.8 HU', file: 'CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm', maxHu: 65, meanHu: 20 },
  { label: 'JPEG extended .51 (12-bit): max 35.6, mean 3.84 HU', file: 'CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm', maxHu: 36, meanHu: 3.9 },
  { label: 'JPEG spectral selection .53 (12-bit, progressive): max 35.6, mean 3.84 HU', file: 'CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm', maxHu: 36, meanHu: 3.9 },
  { label: 'JPEG full progression .55 (12-bit, progressive): max 35.6, mean 3.84 HU', file: 'CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm', maxHu: 36, meanHu: 3.9 },
  { label: 'JPEG-LS near-lossless .81: max 1, mean 0.69 HU', file: 'CTImage.dcm_JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm', maxHu: 1, meanHu: 0.7 },
  { label: 'JPEG 2000 .91: max 5, mean 0.57 HU', file: 'CTImage.dcm_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm', maxHu: 5, meanHu: 0.6 },
];

/** The colour test pattern as native RGB, the reference for its compressed copies. */
export const nativeRgbPattern = 'TestPattern_RGB.dcm';

/** Lossless colour encodings: exactly the native RGB pattern. */
export const losslessRgb: readonly { readonly label: string; readonly file: string }[] = [
  { label: 'JPEG-LS lossless RGB', file: 'TestPattern_JPEG-LS-Lossless.dcm' },
  { label: 'JPEG lossless RGB', file: 'TestPattern_JPEG-Lossless_RGB.dcm' },
];

/**
 * Lossy colour encodings, back as RGB: the mean absolute difference allowed against the native pattern.
 * Measured: YBR_FULL max 42, mean 0.69; YBR_FULL_422 max 74, mean 0.90 (chroma subsampling at colour edges).
 */
export const lossyYbr: readonly { readonly label: string; readonly file: string; readonly meanLimit: number }[] = [
  { label: 'YBR_FULL', file: 'TestPattern_JPEG-Baseline_YBRFull.dcm', meanLimit: 0.7 },
  { label: 'YBR_FULL_422', file: 'TestPattern_JPEG-Baseline_YBR422.dcm', meanLimit: 0.91 },
];

/** Max and mean absolute difference of two sample arrays of one length, optionally after mapping each side (e.g. to HU). */
export function sampleDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  mapA = (v: number) => v,
  mapB = (v: number) => v,
): { max: number; mean: number } {
  if (a.length !== b.length) throw new Error(`sample counts differ: ${a.length} and ${b.length}`);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(mapA(a[i]!) - mapB(b[i]!));
    if (d > max) max = d;
    sum += d;
  }
  return { max, mean: sum / a.length };
}

/**
 * One frame of a DICOM file as decodeFrame takes it (a deflated dataset inflated first), with the
 * rescale that turns its stored values into HU. `source` names the file in messages.
 */
export function encodedFrameOf(file: Uint8Array, source: string, frame = 0) {
  const ds = dicomParser.parseDicom(file, { inflater: inflateDeflatedDataset });
  const info = frameInfoOf(ds, source);
  const uid = ds.string(Tag.TransferSyntaxUID)!.trim();
  // ds.byteArray: the inflated bytes when the dataset was deflated.
  const bytes = frameBytes(ds.byteArray, ds, info, frame);
  return { uid, bytes, info, slope: ds.floatString(Tag.RescaleSlope) ?? 1, intercept: ds.floatString(Tag.RescaleIntercept) ?? 0 };
}
