import { describe, expect, it } from 'vitest';
import { encapsulatedFrame, type PixelFragment } from './encapsulated.ts';

/**
 * A fake file holding fragments back to back, each preceded by an 8-byte item header, as in PS3.5 A.4.
 * Returns the bytes and dicom-parser-shaped fragment records.
 */
function fragmentsOf(contents: number[][]): { file: Uint8Array; fragments: PixelFragment[] } {
  const file: number[] = [];
  const fragments: PixelFragment[] = [];
  let offset = 0;
  for (const content of contents) {
    file.push(0xfe, 0xff, 0x00, 0xe0, content.length, 0, 0, 0);
    fragments.push({ offset, position: file.length, length: content.length });
    file.push(...content);
    offset += 8 + content.length;
  }
  return { file: new Uint8Array(file), fragments };
}

const SOI = [0xff, 0xd8];

describe('encapsulatedFrame', () => {
  it('joins all fragments of a single-frame file', () => {
    const { file, fragments } = fragmentsOf([[...SOI, 1], [2, 3]]);
    expect(Array.from(encapsulatedFrame(file, { fragments }, 0, 1, 'a.dcm'))).toEqual([0xff, 0xd8, 1, 2, 3]);
  });

  it('follows the Basic Offset Table across multi-fragment frames', () => {
    const { file, fragments } = fragmentsOf([[...SOI, 1], [2], [...SOI, 3], [4], [5]]);
    const basicOffsetTable = [0, fragments[2]!.offset];
    expect(Array.from(encapsulatedFrame(file, { basicOffsetTable, fragments }, 1, 2, 'a.dcm'))).toEqual([0xff, 0xd8, 3, 4, 5]);
  });

  it('takes one fragment per frame when there is no table and the counts match, without copying', () => {
    const { file, fragments } = fragmentsOf([[7, 7], [8, 8], [9, 9]]);
    const frame = encapsulatedFrame(file, { basicOffsetTable: [], fragments }, 2, 3, 'a.dcm');
    expect(Array.from(frame)).toEqual([9, 9]);
    expect(frame.buffer).toBe(file.buffer);
  });

  it('splits frames at codestream starts when there is no table (JPEG SOI, JPEG 2000 SOC)', () => {
    const { file, fragments } = fragmentsOf([[...SOI, 1], [2], [0xff, 0x4f, 3], [4]]);
    expect(Array.from(encapsulatedFrame(file, { fragments }, 0, 2, 'a.dcm'))).toEqual([0xff, 0xd8, 1, 2]);
    expect(Array.from(encapsulatedFrame(file, { fragments }, 1, 2, 'a.dcm'))).toEqual([0xff, 0x4f, 3, 4]);
  });

  it('explains fragments it cannot split, and frames that do not exist', () => {
    const { file, fragments } = fragmentsOf([[...SOI], [1], [2]]);
    expect(() => encapsulatedFrame(file, { fragments }, 0, 2, 'a.dcm')).toThrow(
      'a.dcm: cannot split 3 fragments into 2 frames without a Basic Offset Table (1 fragments begin a codestream)',
    );
    expect(() => encapsulatedFrame(file, { fragments }, 3, 2, 'a.dcm')).toThrow('a.dcm: frame 3 asked for, the file has 2');
  });
});
