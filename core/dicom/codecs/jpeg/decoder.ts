import { DelineateError } from '../../../errors.ts';
import { decodeDctScan } from './dct-scan.ts';
import { zigzagToNatural, type JpegComponent, type JpegFrame, type JpegProcess } from './frame.ts';
import { BitReader, buildHuffmanLookup, type HuffmanLookup } from './huffman.ts';
import { componentPlane, interleaveComponents } from './idct.ts';
import { decodeLosslessScan } from './lossless-scan.ts';

/** A decoded JPEG image: samples row-major, components interleaved, each 0..2^precision-1. */
export interface DecodedJpeg {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly precision: number;
  readonly samples: Uint16Array;
}

/** SOF markers we decode: Huffman-coded, non-hierarchical (T.81 Table B.1). */
const processBySof: Readonly<Record<number, JpegProcess>> = { 0xc0: 'sequential', 0xc1: 'sequential', 0xc2: 'progressive', 0xc3: 'lossless' };

/**
 * Decodes a JPEG codestream of the Huffman processes: baseline and extended sequential DCT (8 and 12
 * bit), progressive DCT, and lossless (2..16 bit). Colour components are returned as coded (no YCbCr
 * conversion): the DICOM photometric interpretation says what they are.
 */
export function decodeJpeg(data: Uint8Array, source: string): DecodedJpeg {
  const fail = (reason: string) => new DelineateError('bad-data', `${source}: ${reason}`);
  if (data[0] !== 0xff || data[1] !== 0xd8) throw fail('JPEG data does not start with SOI');
  const quantTables: Int32Array[] = [];
  const dcTables: HuffmanLookup[] = [];
  const acTables: HuffmanLookup[] = [];
  let frame: JpegFrame | undefined;
  let restartInterval = 0;
  let position = 2;
  const u16 = (at: number) => (data[at]! << 8) | data[at + 1]!;

  for (;;) {
    position = nextMarker(data, position);
    if (position < 0) break; // a truncated file without EOI: keep what was decoded
    const marker = data[position + 1]!;
    position += 2;
    if (marker === 0xd9) break; // EOI
    if (marker >= 0xd0 && marker <= 0xd7) continue; // stray RSTn between scans
    const length = u16(position);
    const end = position + length;
    let p = position + 2;
    if (marker === 0xdb) {
      while (p < end) {
        const sixteenBit = data[p]! >> 4;
        const table = new Int32Array(64);
        for (let k = 0; k < 64; k++) table[zigzagToNatural[k]!] = sixteenBit ? u16(p + 1 + 2 * k) : data[p + 1 + k]!;
        quantTables[data[p]! & 15] = table;
        p += 1 + (sixteenBit ? 128 : 64);
      }
    } else if (marker === 0xc4) {
      while (p < end) {
        const counts = data.subarray(p + 1, p + 17);
        const total = counts.reduce((sum, count) => sum + count, 0);
        const lookup = buildHuffmanLookup(counts, data.subarray(p + 17, p + 17 + total));
        (data[p]! >> 4 === 0 ? dcTables : acTables)[data[p]! & 15] = lookup;
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(p);
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const process = processBySof[marker];
      if (!process) {
        throw new DelineateError('unsupported', `${source}: JPEG process SOF${marker - 0xc0} (arithmetic or hierarchical) is not supported`);
      }
      if (frame) throw fail('JPEG data has more than one frame');
      frame = readFrame(data, p, process, source);
    } else if (marker === 0xda) {
      if (!frame) throw fail('JPEG scan comes before its frame header');
      const count = data[p]!;
      const components = Array.from({ length: count }, (_, n) => {
        const id = data[p + 1 + 2 * n]!;
        const tables = data[p + 2 + 2 * n]!;
        const component = frame!.components.find((c) => c.id === id);
        if (!component) throw fail(`JPEG scan names component ${id} that the frame lacks`);
        component.dcTable = dcTables[tables >> 4];
        component.acTable = acTables[tables & 15];
        return component;
      });
      const q = p + 1 + 2 * count;
      const scan = { components, ss: data[q]!, se: data[q + 1]!, ah: data[q + 2]! >> 4, al: data[q + 2]! & 15, restartInterval };
      const reader = new BitReader(data, end, source);
      if (frame.process === 'lossless') {
        frame.pointTransform = scan.al;
        decodeLosslessScan(reader, frame, scan, source);
      }
      else decodeDctScan(reader, frame, scan, source);
      position = reader.position;
      continue;
    }
    position = end; // APPn, COM and anything else with a length
  }
  if (!frame) throw fail('JPEG data has no frame header');
  return { width: frame.width, height: frame.height, components: frame.components.length, precision: frame.precision, samples: finish(frame, quantTables, fail) };
}

/** Index of the next marker (0xFF followed by a code that is neither fill nor stuffing) at or after `from`, or -1. */
function nextMarker(data: Uint8Array, from: number): number {
  for (let p = from; p + 1 < data.length; p++) {
    if (data[p] === 0xff && data[p + 1] !== 0x00 && data[p + 1] !== 0xff) return p;
  }
  return -1;
}

function readFrame(data: Uint8Array, p: number, process: JpegProcess, source: string): JpegFrame {
  const precision = data[p]!;
  const height = (data[p + 1]! << 8) | data[p + 2]!;
  const width = (data[p + 3]! << 8) | data[p + 4]!;
  const count = data[p + 5]!;
  if (width === 0 || height === 0) throw new DelineateError('unsupported', `${source}: JPEG frame without a size (DNL marker) is not supported`);
  const specs = Array.from({ length: count }, (_, n) => ({
    id: data[p + 6 + 3 * n]!,
    h: data[p + 7 + 3 * n]! >> 4,
    v: data[p + 7 + 3 * n]! & 15,
    quantTable: data[p + 8 + 3 * n]!,
  }));
  const hmax = Math.max(...specs.map((s) => s.h));
  const vmax = Math.max(...specs.map((s) => s.v));
  if (process === 'lossless' && (hmax !== 1 || vmax !== 1)) {
    throw new DelineateError('unsupported', `${source}: JPEG lossless with subsampled components is not supported`);
  }
  const mcusPerLine = Math.ceil(width / (8 * hmax));
  const mcusPerColumn = Math.ceil(height / (8 * vmax));
  const components: JpegComponent[] = specs.map((s) => {
    const dct = process !== 'lossless';
    const storedBlocksPerLine = mcusPerLine * s.h;
    const storedBlocksPerColumn = mcusPerColumn * s.v;
    return {
      ...s,
      blocksPerLine: Math.ceil(Math.ceil((width * s.h) / hmax) / 8),
      blocksPerColumn: Math.ceil(Math.ceil((height * s.v) / vmax) / 8),
      storedBlocksPerLine,
      storedBlocksPerColumn,
      coefficients: new Int32Array(dct ? storedBlocksPerLine * storedBlocksPerColumn * 64 : 0),
      samples: new Int32Array(dct ? 0 : width * height),
      dcTable: undefined,
      acTable: undefined,
      predictor: 0,
    };
  });
  return { process, precision, width, height, components, hmax, vmax, mcusPerLine, mcusPerColumn, pointTransform: 0 };
}

function finish(frame: JpegFrame, quantTables: readonly Int32Array[], fail: (reason: string) => Error): Uint16Array {
  if (frame.process === 'lossless') {
    // Undo the point transform Pt: samples were coded as value >> Pt.
    const out = new Uint16Array(frame.width * frame.height * frame.components.length);
    const n = frame.components.length;
    frame.components.forEach((component, index) => {
      const s = component.samples;
      for (let i = 0; i < s.length; i++) out[i * n + index] = s[i]! << frame.pointTransform;
    });
    return out;
  }
  const planes = frame.components.map((component) => {
    const quant = quantTables[component.quantTable];
    if (!quant) throw fail(`JPEG quantisation table ${component.quantTable} was never defined`);
    return componentPlane(component, quant, frame.precision);
  });
  return interleaveComponents(frame, planes);
}
