import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../geometry/space.ts';
import type { SliceHeader } from './header.ts';
import { planStack, writeSlice } from './stack.ts';

/** A 4x3-pixel axial slice header at a given position; everything else as a plain CT writes it. */
function slice(source: string, position: Vec3, overrides: Partial<SliceHeader> = {}): SliceHeader {
  return {
    source,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUid: `1.2.3.${source}`,
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    frameOfReferenceUid: '1.2.3.5',
    patientId: 'P1',
    patientName: 'Test^Patient',
    modality: 'CT',
    seriesDescription: 'test',
    instanceNumber: 0,
    rows: 3,
    columns: 4,
    imagePosition: position,
    imageOrientation: [
      [1, 0, 0],
      [0, 1, 0],
    ],
    pixelSpacing: [0.5, 0.8],
    sliceThickness: 2,
    samplesPerPixel: 1,
    numberOfFrames: 1,
    bitsAllocated: 16,
    bitsStored: 12,
    pixelRepresentation: 0,
    rescaleSlope: 1,
    rescaleIntercept: -1024,
    windowCenter: 40,
    windowWidth: 400,
    ...overrides,
  };
}

describe('planStack', () => {
  it('orders slices along the normal, not by file name or instance number, and takes spacing from positions', () => {
    const plan = planStack([slice('c', [0, 0, 4]), slice('a', [0, 0, 0]), slice('b', [0, 0, 2])]);
    expect(plan.slices.map((s) => s.source)).toEqual(['a', 'b', 'c']);
    expect(plan.geometry.dims).toEqual([4, 3, 3]);
    // PixelSpacing is [between rows, between columns]: i (columns) steps 0.8 mm, j (rows) 0.5 mm.
    expect(plan.geometry.spacing).toEqual([0.8, 0.5, 2]);
    expect([...plan.geometry.origin]).toEqual([0, 0, 0]);
    expect(plan.geometry.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(plan.voxelType).toBe('int16');
  });

  it('takes k along row x column (a right-handed grid), whatever order the files come in', () => {
    const sagittal = { imageOrientation: [[0, 1, 0], [0, 0, -1]] as [Vec3, Vec3] };
    const plan = planStack([slice('x2', [2, 0, 0], sagittal), slice('x0', [0, 0, 0], sagittal), slice('x1', [1, 0, 0], sagittal)]);
    // (0,1,0) x (0,0,-1) = (-1,0,0): k runs towards the patient's right, so x = 2 comes first.
    expect(plan.geometry.direction.slice(6)).toEqual([-1, 0, 0]);
    expect(plan.slices.map((s) => s.source)).toEqual(['x2', 'x1', 'x0']);
    expect([...plan.geometry.origin]).toEqual([2, 0, 0]);
  });

  it('refuses duplicate positions, naming both files', () => {
    expect(() => planStack([slice('a', [0, 0, 0]), slice('b', [0, 0, 0])])).toThrow(/a and b/);
  });

  it('refuses irregular gaps rather than stretching them', () => {
    expect(() => planStack([slice('a', [0, 0, 0]), slice('b', [0, 0, 2]), slice('c', [0, 0, 7])])).toThrow(/irregular.*2\.00 to 5\.00/);
  });

  it('refuses a tilted stack', () => {
    expect(() => planStack([slice('a', [0, 0, 0]), slice('b', [0, 0.7, 2]), slice('c', [0, 1.4, 4])])).toThrow(/tilted.*19\.3 degrees/);
  });

  it('refuses a slice of another size, naming it', () => {
    expect(() => planStack([slice('a', [0, 0, 0]), slice('b', [0, 0, 2], { rows: 5 })])).toThrow(/^b: 4x5 pixels/);
  });

  it('chooses float32 when the rescale is fractional', () => {
    expect(planStack([slice('a', [0, 0, 0], { rescaleSlope: 0.5 })]).voxelType).toBe('float32');
  });

  it('chooses float32 when 16 stored bits would overflow int16 after the intercept', () => {
    expect(planStack([slice('a', [0, 0, 0], { bitsStored: 16 })]).voxelType).toBe('float32');
  });
});

describe('writeSlice', () => {
  it('applies slope and intercept into plane k and masks bits above BitsStored', () => {
    const header = slice('a', [0, 0, 0], { rows: 1, columns: 2, rescaleSlope: 2, rescaleIntercept: -1000 });
    const target = new Int16Array(4);
    writeSlice(target, 1, header, Uint16Array.from([10, 0xf000 | 20]));
    expect([...target]).toEqual([0, 0, -980, -960]);
  });
});
