import type { AffineResult, RasAffine } from './affine.ts';
import { affineFromPixdim, affineFromQform, affineFromSform } from './affine.ts';
import type { LpsGeometry } from './geometry.ts';
import { lpsGeometryFromRasAffine } from './geometry.ts';
import type { NiftiHeader } from './header.ts';
import { badData } from './header.ts';

interface Method {
  readonly label: string;
  readonly affine: () => AffineResult;
}

/** Millimetres per unit of xyzt_units bits 0-2; 0 (unknown) is taken as millimetres, the usual reading. */
const millimetresPerUnit: Readonly<Record<number, number>> = { 0: 1, 1: 1000, 2: 1, 3: 0.001 };

/**
 * The voxel-to-world mapping, in the order the NIfTI-1 standard gives: method 3 (sform) when sform_code > 0,
 * else method 2 (qform) when qform_code > 0, else method 1 (pixdim scaling only). A transform that turns out
 * singular is reported and the next method used, rather than producing a volume with no extent.
 */
export function geometryFromHeader(
  h: NiftiHeader,
  dims: readonly [number, number, number],
  source: string,
): { geometry: LpsGeometry; warnings: string[] } {
  const warnings: string[] = [];
  const methods: Method[] = [];
  if (h.sformCode > 0) methods.push({ label: 'sform', affine: () => ({ affine: affineFromSform(h.srow), warnings: [] }) });
  if (h.qformCode > 0) methods.push({ label: 'qform', affine: () => affineFromQform(h.quatern, h.qoffset, h.pixdim) });
  methods.push({ label: 'pixdim', affine: () => affineFromPixdim(h.pixdim) });

  if (h.sformCode > 0 && h.qformCode > 0) {
    const difference = maxDifference(affineFromSform(h.srow), affineFromQform(h.quatern, h.qoffset, h.pixdim).affine);
    if (difference > 1e-3) warnings.push(`qform and sform differ (by up to ${difference.toPrecision(3)}); sform used`);
  }
  const unit = h.xyztUnits & 0x07;
  const scale = millimetresPerUnit[unit];
  if (scale === undefined) warnings.push(`xyzt_units spatial code ${unit} is not a length unit; millimetres assumed`);
  else if (scale !== 1) warnings.push(`positions are in ${unit === 1 ? 'metres' : 'microns'}; converted to millimetres`);

  for (const [n, method] of methods.entries()) {
    const { affine, warnings: affineWarnings } = method.affine();
    const inMillimetres = affine.map((v) => v * (scale ?? 1)) as unknown as RasAffine;
    const result = lpsGeometryFromRasAffine(inMillimetres, dims, method.label);
    if (result === undefined) {
      const next = methods[n + 1];
      if (next === undefined) throw badData(source, `voxel sizes ${h.pixdim.slice(1, 4).join(', ')} give no usable geometry`);
      warnings.push(`${method.label} is singular or not finite; ${next.label} used instead`);
      continue;
    }
    if (method.label === 'pixdim') {
      warnings.push('no sform or qform: orientation unknown; voxel sizes from pixdim with the axes taken as RAS');
    }
    return { geometry: result.geometry, warnings: [...warnings, ...affineWarnings, ...result.warnings] };
  }
  throw badData(source, 'no usable geometry');
}

function maxDifference(a: RasAffine, b: RasAffine): number {
  return Math.max(...a.map((v, n) => Math.abs(v - b[n]!)));
}
