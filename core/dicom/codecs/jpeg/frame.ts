import type { HuffmanLookup } from './huffman.ts';

/** The coding process a SOF marker announces (ITU-T T.81 Table B.1). */
export type JpegProcess = 'sequential' | 'progressive' | 'lossless';

export interface JpegComponent {
  readonly id: number;
  /** Horizontal and vertical sampling factors (1..4). */
  readonly h: number;
  readonly v: number;
  readonly quantTable: number;
  /** 8x8 blocks that cover this component's samples: ceil(ceil(width * h / hmax) / 8), likewise down. */
  readonly blocksPerLine: number;
  readonly blocksPerColumn: number;
  /** Blocks stored, padded to whole MCUs: mcusPerLine * h, mcusPerColumn * v. */
  readonly storedBlocksPerLine: number;
  readonly storedBlocksPerColumn: number;
  /** DCT coefficients in natural (row-major) order, 64 per block, block (row, col) at (row * storedBlocksPerLine + col) * 64. */
  readonly coefficients: Int32Array;
  /** Lossless: reconstructed samples (before the point transform is undone), row-major width x height. */
  readonly samples: Int32Array;
  dcTable: HuffmanLookup | undefined;
  acTable: HuffmanLookup | undefined;
  /** DC (or lossless) predictor carried across blocks of a scan. */
  predictor: number;
}

export interface JpegFrame {
  readonly process: JpegProcess;
  /** Sample precision P in bits: 8 or 12 for DCT, 2..16 for lossless. */
  readonly precision: number;
  readonly width: number;
  readonly height: number;
  readonly components: JpegComponent[];
  readonly hmax: number;
  readonly vmax: number;
  readonly mcusPerLine: number;
  readonly mcusPerColumn: number;
  /** Lossless: the point transform Pt of the scans; samples were coded as value >> Pt. */
  pointTransform: number;
}

export interface JpegScan {
  readonly components: JpegComponent[];
  /** Spectral selection start / end; for lossless, Ss is the predictor (1..7). */
  readonly ss: number;
  readonly se: number;
  /** Successive approximation high / low bit; for lossless, Al is the point transform. */
  readonly ah: number;
  readonly al: number;
  /** MCUs between RSTn markers, 0 for none. */
  readonly restartInterval: number;
}

/** Zigzag position k to natural (row-major) index, built by walking the anti-diagonals (T.81 Figure A.6). */
export const zigzagToNatural: Uint8Array = (() => {
  const order = new Uint8Array(64);
  let k = 0;
  for (let diagonal = 0; diagonal < 15; diagonal++) {
    const cells: number[] = [];
    for (let row = 0; row < 8; row++) {
      const col = diagonal - row;
      if (col >= 0 && col < 8) cells.push(row * 8 + col);
    }
    // Even diagonals run up and to the right (row decreasing), odd ones down and to the left.
    if (diagonal % 2 === 0) cells.reverse();
    for (const cell of cells) order[k++] = cell;
  }
  return order;
})();
