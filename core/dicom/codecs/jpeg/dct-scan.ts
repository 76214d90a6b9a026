import { DelineateError } from '../../../errors.ts';
import type { BitReader } from './huffman.ts';
import { zigzagToNatural, type JpegComponent, type JpegFrame, type JpegScan } from './frame.ts';

type BlockDecoder = (component: JpegComponent, offset: number) => void;

/**
 * Decodes one scan of a sequential or progressive DCT frame into the components' coefficient arrays
 * (ITU-T T.81 Annex F and G). Coefficients stay quantised; dequantisation happens with the IDCT.
 */
export function decodeDctScan(reader: BitReader, frame: JpegFrame, scan: JpegScan, source: string): void {
  const state = { eobrun: 0 };
  const decodeBlock = blockDecoder(reader, frame, scan, state, source);
  for (const component of scan.components) component.predictor = 0;
  const restart = () => {
    reader.restart();
    state.eobrun = 0;
    for (const component of scan.components) component.predictor = 0;
  };
  const interval = scan.restartInterval;

  if (scan.components.length === 1) {
    // A non-interleaved scan codes only the blocks that hold samples, one block per MCU (T.81 A.2.2).
    const component = scan.components[0]!;
    const total = component.blocksPerLine * component.blocksPerColumn;
    for (let n = 0; n < total; n++) {
      if (interval > 0 && n > 0 && n % interval === 0) restart();
      const row = Math.floor(n / component.blocksPerLine);
      const col = n % component.blocksPerLine;
      decodeBlock(component, (row * component.storedBlocksPerLine + col) * 64);
    }
    return;
  }
  const total = frame.mcusPerLine * frame.mcusPerColumn;
  for (let m = 0; m < total; m++) {
    if (interval > 0 && m > 0 && m % interval === 0) restart();
    const mcuRow = Math.floor(m / frame.mcusPerLine);
    const mcuCol = m % frame.mcusPerLine;
    for (const component of scan.components) {
      for (let v = 0; v < component.v; v++) {
        for (let h = 0; h < component.h; h++) {
          const row = mcuRow * component.v + v;
          const col = mcuCol * component.h + h;
          decodeBlock(component, (row * component.storedBlocksPerLine + col) * 64);
        }
      }
    }
  }
}

function blockDecoder(reader: BitReader, frame: JpegFrame, scan: JpegScan, state: { eobrun: number }, source: string): BlockDecoder {
  const { ss, se, ah, al } = scan;
  // DC refinement scans read raw bits only; every other scan needs its DC and / or AC table.
  const needDc = ss === 0 && (frame.process === 'sequential' || ah === 0);
  const needAc = se > 0;
  for (const component of scan.components) {
    if ((needDc && !component.dcTable) || (needAc && !component.acTable)) {
      throw new DelineateError('bad-data', `${source}: JPEG scan uses a Huffman table that was never defined`);
    }
  }

  if (frame.process === 'sequential') {
    return (component, offset) => {
      const c = component.coefficients;
      const size = reader.decode(component.dcTable!);
      component.predictor += reader.receiveExtend(size);
      c[offset] = component.predictor;
      for (let k = 1; k < 64; ) {
        const rs = reader.decode(component.acTable!);
        const run = rs >> 4;
        const s = rs & 15;
        if (s === 0) {
          if (run < 15) break; // EOB
          k += 16; // ZRL: sixteen zeros
          continue;
        }
        k += run;
        if (k > 63) break;
        c[offset + zigzagToNatural[k]!] = reader.receiveExtend(s);
        k++;
      }
    };
  }

  // Progressive (T.81 G.1.2): DC and AC bands, each first coded at reduced precision then refined bit by bit.
  if (ss === 0) {
    if (ah === 0) {
      return (component, offset) => {
        const size = reader.decode(component.dcTable!);
        component.predictor += reader.receiveExtend(size);
        component.coefficients[offset] = component.predictor * (1 << al);
      };
    }
    return (component, offset) => {
      if (reader.bit()) component.coefficients[offset]! |= 1 << al;
    };
  }

  if (ah === 0) {
    return (component, offset) => {
      if (state.eobrun > 0) {
        state.eobrun--;
        return;
      }
      const c = component.coefficients;
      for (let k = ss; k <= se; ) {
        const rs = reader.decode(component.acTable!);
        const run = rs >> 4;
        const s = rs & 15;
        if (s === 0) {
          if (run < 15) {
            // EOBn: this block and (2^run - 1 + extra bits) more end here.
            state.eobrun = (1 << run) - 1 + reader.bits(run);
            return;
          }
          k += 16;
          continue;
        }
        k += run;
        if (k > 63) return;
        c[offset + zigzagToNatural[k]!] = reader.receiveExtend(s) * (1 << al);
        k++;
      }
    };
  }

  return (component, offset) => refineAc(reader, component.coefficients, offset, component, ss, se, al, state);
}

/**
 * AC successive-approximation refinement (T.81 G.1.2.3): one correction bit for every coefficient that
 * is already non-zero, and newly non-zero coefficients (+-1 at this bit) placed after `run` zero ones.
 */
function refineAc(
  reader: BitReader,
  c: Int32Array,
  offset: number,
  component: JpegComponent,
  ss: number,
  se: number,
  al: number,
  state: { eobrun: number },
): void {
  const plus = 1 << al;
  const minus = -1 << al;
  const correct = (index: number) => {
    if (reader.bit() && (c[index]! & plus) === 0) c[index]! += c[index]! >= 0 ? plus : minus;
  };
  let k = ss;
  if (state.eobrun === 0) {
    for (; k <= se; k++) {
      const rs = reader.decode(component.acTable!);
      let run = rs >> 4;
      const s = rs & 15;
      let value = 0;
      if (s !== 0) {
        value = reader.bit() ? plus : minus;
      } else if (run !== 15) {
        state.eobrun = (1 << run) + reader.bits(run);
        break;
      }
      // Skip `run` zero coefficients, refining the non-zero ones passed on the way.
      for (; k <= se; k++) {
        const index = offset + zigzagToNatural[k]!;
        if (c[index] !== 0) correct(index);
        else if (run-- === 0) break;
      }
      if (value !== 0 && k <= se) c[offset + zigzagToNatural[k]!] = value;
    }
  }
  if (state.eobrun > 0) {
    for (; k <= se; k++) {
      const index = offset + zigzagToNatural[k]!;
      if (c[index] !== 0) correct(index);
    }
    state.eobrun--;
  }
}
