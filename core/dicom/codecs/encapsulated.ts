import { DelineateError } from '../../errors.ts';

/**
 * One fragment (item) of encapsulated pixel data. Shaped like dicom-parser's `Fragment`, so its element's
 * `fragments` can be passed as they are.
 */
export interface PixelFragment {
  /** Byte offset of the item from the first fragment's item tag: what the Basic Offset Table counts. */
  readonly offset: number;
  /** Byte offset of the fragment's value in the file. */
  readonly position: number;
  readonly length: number;
}

/** The parts of an encapsulated Pixel Data element a frame lookup needs (dicom-parser's `Element` fits). */
export interface EncapsulatedPixelData {
  readonly basicOffsetTable?: readonly number[];
  readonly fragments?: readonly PixelFragment[];
}

/**
 * The compressed bytes of frame `frameIndex` (0-based) of encapsulated pixel data (PS3.5 A.4). Frames
 * are found by the Basic Offset Table when there is one; without it, one fragment per frame when the
 * counts match, else by the codestream start marker each frame's first fragment begins with. A frame
 * in one fragment is returned as a view (no copy); a multi-fragment frame is joined into a new array.
 */
export function encapsulatedFrame(
  file: Uint8Array,
  pixelData: EncapsulatedPixelData,
  frameIndex: number,
  numberOfFrames: number,
  source: string,
): Uint8Array {
  const fragments = pixelData.fragments ?? [];
  if (fragments.length === 0) throw new DelineateError('bad-data', `${source}: encapsulated pixel data has no fragments`);
  if (frameIndex < 0 || frameIndex >= numberOfFrames) {
    throw new DelineateError('invalid-input', `${source}: frame ${frameIndex} asked for, the file has ${numberOfFrames}`);
  }
  const starts = frameStarts(file, pixelData, fragments, numberOfFrames, source);
  const first = starts[frameIndex]!;
  const end = frameIndex + 1 < starts.length ? starts[frameIndex + 1]! : fragments.length;
  return joinFragments(file, fragments.slice(first, end), source);
}

/** Index of each frame's first fragment. */
function frameStarts(
  file: Uint8Array,
  pixelData: EncapsulatedPixelData,
  fragments: readonly PixelFragment[],
  numberOfFrames: number,
  source: string,
): number[] {
  if (numberOfFrames === 1) return [0];
  const table = pixelData.basicOffsetTable ?? [];
  if (table.length > 0) {
    if (table.length !== numberOfFrames) {
      throw new DelineateError('bad-data', `${source}: Basic Offset Table lists ${table.length} frames, the file has ${numberOfFrames}`);
    }
    return table.map((offset, frame) => {
      const index = fragments.findIndex((fragment) => fragment.offset === offset);
      if (index < 0) throw new DelineateError('bad-data', `${source}: Basic Offset Table entry for frame ${frame} (${offset}) is not at a fragment`);
      return index;
    });
  }
  if (fragments.length === numberOfFrames) return fragments.map((_, index) => index);
  const starts: number[] = [];
  fragments.forEach((fragment, index) => {
    if (beginsCodestream(file, fragment.position, fragment.length)) starts.push(index);
  });
  if (starts.length !== numberOfFrames || starts[0] !== 0) {
    throw new DelineateError(
      'bad-data',
      `${source}: cannot split ${fragments.length} fragments into ${numberOfFrames} frames without a Basic Offset Table ` +
        `(${starts.length} fragments begin a codestream)`,
    );
  }
  return starts;
}

/** A JPEG / JPEG-LS SOI (FFD8), a JPEG 2000 codestream SOC (FF4F) or the signature box of a JP2 file. */
function beginsCodestream(file: Uint8Array, position: number, length: number): boolean {
  if (length < 2) return false;
  const b0 = file[position]!;
  const b1 = file[position + 1]!;
  if (b0 === 0xff && (b1 === 0xd8 || b1 === 0x4f)) return true;
  return length >= 8 && file[position + 4] === 0x6a && file[position + 5] === 0x50 && file[position + 6] === 0x20 && file[position + 7] === 0x20;
}

function joinFragments(file: Uint8Array, fragments: readonly PixelFragment[], source: string): Uint8Array {
  for (const fragment of fragments) {
    if (fragment.position + fragment.length > file.length) {
      throw new DelineateError('bad-data', `${source}: pixel data fragment at byte ${fragment.position} runs past the end of the file`);
    }
  }
  if (fragments.length === 1) {
    const only = fragments[0]!;
    return file.subarray(only.position, only.position + only.length);
  }
  const total = fragments.reduce((sum, fragment) => sum + fragment.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const fragment of fragments) {
    joined.set(file.subarray(fragment.position, fragment.position + fragment.length), at);
    at += fragment.length;
  }
  return joined;
}
