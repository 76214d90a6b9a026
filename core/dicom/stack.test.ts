import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../geometry/space.ts';
import type { SliceHeader } from './header.ts';
import { writeRescaled } from './rescale.ts';
import { planStack } from './stack.ts';

/** A 4x3-pixel axial slice header at a given position; everything else as a plain CT writes it. */
function slice(source: string, position: Vec3, overrides: Partial<SliceHeader> = {}): SliceHeader {
  return {
    source,
    frameIndex: 0,
    numberOfFrames: 1,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUid: `1.2.3.${source}`,
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    frameOfReferenceUid: '1.2.3.5',
    patientId: 'P1',
    patientName: 'Test^Patient',
    studyDate: '20260101',
    studyDescription: 'study',
    acquisitionNumber: 1,
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
    photometricInterpretation: 'MONOCHROME2',
    planarConfiguration: 0,
    pixelPaddingValue: undefined,
    pixelData: { offset: 1000, length: 24, encapsulated: false },
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
  it('spans a regular stack with rounded positions from its first to its last slice, so no plane drifts from its slice', () => {
    // 0.625 mm slices written to two decimals: gaps of 0.62 and 0.63, median 0.63; at that spacing plane 299 lay 1.5 mm off.
    const zs = Array.from({ length: 300 }, (_, n) => Math.round((696.21 + n * 0.625) * 100) / 100);
    const plan = planStack(zs.map((z, n) => slice(`s${n}`, [0, 0, z])));
    expect(plan.resampling).toBeNull();
    const sk = plan.geometry.spacing[2];
    expect(sk).toBeCloseTo((zs.at(-1)! - zs[0]!) / 299, 12);
    expect(Math.max(...zs.map((z, n) => Math.abs(zs[0]! + n * sk - z)))).toBeLessThan(0.006);
  });

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

  it('refuses two different slices at one position, naming both files', () => {
    expect(() => planStack([slice('a', [0, 0, 0]), slice('b', [0, 0, 0])])).toThrow(/a and b/);
  });

  it('keeps one of two copies of the same SOP instance, with a warning', () => {
    const copy = { sopInstanceUid: '1.2.3.same' };
    const plan = planStack([slice('a', [0, 0, 0], copy), slice('b', [0, 0, 0], copy), slice('c', [0, 0, 2])]);
    expect(plan.slices).toHaveLength(2);
    expect(plan.warnings).toContain('1 duplicate copies of the same slice were ignored');
  });

  it('plans a regular grid no coarser than the smallest gap, from the first slice to the last, and says so', () => {
    const plan = planStack([slice('a', [0, 0, 0]), slice('b', [0, 0, 2]), slice('c', [0, 0, 7])]);
    // 7 mm in intervals of at most 2 mm: 4 intervals of 1.75 mm, 5 planes, the last on slice c.
    expect(plan.geometry.dims[2]).toBe(5);
    expect(plan.geometry.spacing[2]).toBe(1.75);
    expect(plan.resampling?.heights).toEqual([0, 2, 7]);
    expect(plan.voxelType).toBe('float32');
    expect(plan.warnings.join()).toMatch(/Irregular slice spacing \(2\.00 to 5\.00 mm.*regular 1\.75 mm grid of 5 planes/);
  });

  it('plans a grid perpendicular to tilted slices, with each slice shifted in-plane', () => {
    // Slices move 0.7 mm posterior per 2 mm up: 19.3 degrees of gantry tilt.
    const plan = planStack([slice('a', [0, 0, 0]), slice('b', [0, 0.7, 2]), slice('c', [0, 1.4, 4])]);
    expect(plan.geometry.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(plan.resampling?.shifts.map(([u, v]) => [u, +v.toFixed(6)])).toEqual([[0, 0], [0, 1.4], [0, 2.8]]);
    // Rows grow by 3 (ceil of the 2.8-pixel drift) so the last slice is not cropped.
    expect(plan.geometry.dims).toEqual([4, 6, 3]);
    expect([...plan.geometry.origin]).toEqual([0, 0, 0]);
    expect(plan.warnings.join()).toMatch(/tilt or shear of 19\.3 degrees/);
  });

  it('moves the origin back when slices drift towards negative indices', () => {
    const plan = planStack([slice('a', [0, 0, 0]), slice('b', [0, -0.7, 2]), slice('c', [0, -1.4, 4])]);
    expect(plan.geometry.dims).toEqual([4, 6, 3]);
    // Three rows of 0.5 mm before the first slice's first row.
    expect([...plan.geometry.origin]).toEqual([0, -1.5, 0]);
    expect(plan.resampling?.shifts.map(([, v]) => +v.toFixed(6))).toEqual([3, 1.6, 0.2]);
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

describe('writeRescaled', () => {
  it('applies slope and intercept at the offset and masks bits above BitsStored', () => {
    const header = slice('a', [0, 0, 0], { rows: 1, columns: 2, rescaleSlope: 2, rescaleIntercept: -1000 });
    const target = new Int16Array(4);
    writeRescaled(target, 2, header, Uint16Array.from([10, 0xf000 | 20]));
    expect([...target]).toEqual([0, 0, -980, -960]);
  });

  it('keeps pixel padding exactly as the scanner wrote it', () => {
    const header = slice('a', [0, 0, 0], { rows: 1, columns: 3, pixelRepresentation: 1, bitsStored: 16, pixelPaddingValue: -2000, rescaleIntercept: 0 });
    const target = new Int16Array(3);
    writeRescaled(target, 0, header, Int16Array.from([-2000, 40, -1000]));
    expect([...target]).toEqual([-2000, 40, -1000]);
  });
});
