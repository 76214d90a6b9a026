import type { VoxelArray } from '../geometry/volume.ts';
import type { NativeArray, NiftiDatatype } from './datatype.ts';

export interface VoxelConversion {
  readonly scalars: VoxelArray;
  /** Says what changed on the way to an app voxel type; absent when the values are kept as stored. */
  readonly note?: string;
}

/** Float32 holds every integer up to 2^24 exactly. */
const FLOAT32_EXACT_INTEGER = 2 ** 24;

/**
 * Turns the stored voxels into one of the app's voxel types, applying scl_slope/scl_inter when they mean
 * something (slope finite and non-zero, and not the identity). int16, uint16, uint8 and float32 stay as they
 * are; wider or other types go to the narrowest app type that holds every value exactly, and to float32 only
 * when nothing else does. Integer data under an integer slope and intercept stays integer when it fits
 * int16, as the DICOM loader keeps Hounsfield units.
 */
export function toVoxelArray(raw: NativeArray, type: NiftiDatatype, slope: number, intercept: number): VoxelConversion {
  const inter = Number.isFinite(intercept) ? intercept : 0;
  const scaled = Number.isFinite(slope) && slope !== 0 && !(slope === 1 && inter === 0);
  if (scaled) return applyScaling(raw, type, slope, inter);

  if (raw instanceof Uint8Array || raw instanceof Int16Array || raw instanceof Uint16Array || raw instanceof Float32Array) {
    return { scalars: raw };
  }
  if (raw instanceof Int8Array) return { scalars: new Int16Array(raw), note: 'int8 voxels stored as int16 (exact)' };
  if (raw instanceof Float64Array) return float64ToFloat32(raw);
  return narrowIntegers(raw, type);
}

function narrowIntegers(raw: Int32Array | Uint32Array, type: NiftiDatatype): VoxelConversion {
  const [min, max] = range(raw);
  if (min >= -32768 && max <= 32767) {
    return { scalars: new Int16Array(raw), note: `${type} voxels (${min}..${max}) stored as int16 (exact)` };
  }
  if (min >= 0 && max <= 65535) {
    return { scalars: new Uint16Array(raw), note: `${type} voxels (${min}..${max}) stored as uint16 (exact)` };
  }
  const exact = Math.max(-min, max) <= FLOAT32_EXACT_INTEGER;
  return {
    scalars: new Float32Array(raw),
    note: `${type} voxels (${min}..${max}) stored as float32 (${exact ? 'exact' : 'values beyond 2^24 rounded'})`,
  };
}

function float64ToFloat32(raw: Float64Array): VoxelConversion {
  const scalars = new Float32Array(raw);
  let rounded = 0;
  for (let n = 0; n < raw.length; n++) {
    if (scalars[n] !== raw[n] && !Number.isNaN(raw[n])) rounded++;
  }
  const how = rounded === 0 ? 'exact' : `${rounded} values rounded to float32 precision`;
  return { scalars, note: `float64 voxels stored as float32 (${how})` };
}

function applyScaling(raw: NativeArray, type: NiftiDatatype, slope: number, inter: number): VoxelConversion {
  const applied = `scl_slope ${slope} and scl_inter ${inter} applied to ${type} voxels`;
  const integerData = !(raw instanceof Float32Array || raw instanceof Float64Array);
  if (integerData && Number.isInteger(slope) && Number.isInteger(inter)) {
    const [min, max] = range(raw);
    const ends = [min * slope + inter, max * slope + inter];
    if (Math.min(...ends) >= -32768 && Math.max(...ends) <= 32767) {
      const scalars = new Int16Array(raw.length);
      for (let n = 0; n < raw.length; n++) scalars[n] = raw[n]! * slope + inter;
      return { scalars, note: `${applied}; the results are integers, stored as int16` };
    }
  }
  const scalars = new Float32Array(raw.length);
  for (let n = 0; n < raw.length; n++) scalars[n] = raw[n]! * slope + inter;
  return { scalars, note: `${applied}; stored as float32` };
}

function range(values: NativeArray): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < values.length; n++) {
    const v = values[n]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values.length === 0 ? [0, 0] : [min, max];
}
