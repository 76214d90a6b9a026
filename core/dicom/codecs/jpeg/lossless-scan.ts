import { DelineateError } from '../../../errors.ts';
import type { BitReader } from './huffman.ts';
import type { JpegFrame, JpegScan } from './frame.ts';

/**
 * Decodes one lossless scan (T.81 Annex H) into the components' `samples`: each sample is a prediction
 * from its decoded neighbours (Ra left, Rb above, Rc above-left) plus a Huffman-coded difference, modulo
 * 2^16. Only 1x1 sampling, which is all DICOM lossless writers produce.
 */
export function decodeLosslessScan(reader: BitReader, frame: JpegFrame, scan: JpegScan, source: string): void {
  const { width, height, precision } = frame;
  const predictorKind = scan.ss;
  const pointTransform = scan.al;
  if (predictorKind < 1 || predictorKind > 7) {
    throw new DelineateError('bad-data', `${source}: JPEG lossless predictor ${predictorKind} is not 1..7`);
  }
  for (const component of scan.components) {
    if (!component.dcTable) throw new DelineateError('bad-data', `${source}: JPEG scan uses a Huffman table that was never defined`);
  }
  const initial = 1 << (precision - pointTransform - 1);
  const interval = scan.restartInterval;
  const total = width * height;
  // Samples from `intervalStart` to the end of its row form the "first line" after a restart (H.1.2.1).
  let intervalStart = 0;
  let firstLineEnd = width;
  for (let i = 0; i < total; i++) {
    if (interval > 0 && i > 0 && i % interval === 0) {
      reader.restart();
      intervalStart = i;
      firstLineEnd = i - (i % width) + width;
    }
    const x = i % width;
    for (const component of scan.components) {
      const s = component.samples;
      let prediction: number;
      if (i === intervalStart) prediction = initial;
      else if (i < firstLineEnd) prediction = s[i - 1]!;
      else if (x === 0) prediction = s[i - width]!;
      else prediction = predict(predictorKind, s[i - 1]!, s[i - width]!, s[i - width - 1]!);
      const size = reader.decode(component.dcTable!);
      // Size 16 carries no extra bits: the difference is 32768 (H.1.2.2).
      const difference = size === 16 ? 32768 : reader.receiveExtend(size);
      s[i] = (prediction + difference) & 0xffff;
    }
  }
}

/** Table H.1: the seven predictors. */
function predict(kind: number, ra: number, rb: number, rc: number): number {
  switch (kind) {
    case 1:
      return ra;
    case 2:
      return rb;
    case 3:
      return rc;
    case 4:
      return ra + rb - rc;
    case 5:
      return ra + ((rb - rc) >> 1);
    case 6:
      return rb + ((ra - rc) >> 1);
    default:
      return (ra + rb) >> 1;
  }
}
