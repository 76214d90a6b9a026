import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';

/** Which image a workspace was drawn on: where it was read from, its UIDs and the exact voxel grid. */
export const ImageReferenceSchema = z.object({
  path: z.string(),
  seriesInstanceUid: z.string(),
  frameOfReferenceUid: z.string(),
  description: z.string(),
  /** geometryFingerprint of the grid: masks are only valid on the very grid they were drawn on. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});
export type ImageReference = z.infer<typeof ImageReferenceSchema>;

/**
 * SHA-256 of dims, spacing, origin and direction, rounded to 1 micrometre / 1e-6 so the same series read
 * twice (or by another platform's float formatting) gives the same fingerprint.
 */
export function geometryFingerprint(g: VolumeGeometry): string {
  const round = (v: number) => (Math.round(v * 1e6) / 1e6).toFixed(6);
  const text = [g.dims.join('x'), g.spacing.map(round).join(','), g.origin.map(round).join(','), g.direction.map(round).join(',')].join('|');
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The folder name for a case: the same series on the same grid always maps to the same workspace, so
 * opening a case again finds its work. Series without a UID (some exports leave it empty) are told apart
 * by their path as well. A `scope` (a worklist case) keeps its own workspace: the same series given as two
 * cases (two annotators, a repeat for variability) is two pieces of work.
 */
export function caseKey(reference: Pick<ImageReference, 'seriesInstanceUid' | 'fingerprint' | 'path'> & { scope?: string }): string {
  const series = reference.seriesInstanceUid ? reference.seriesInstanceUid : `path:${reference.path}`;
  const identity = reference.scope ? `scope:${reference.scope}|${series}` : series;
  return `case-${createHash('sha256').update(`${identity}|${reference.fingerprint}`).digest('hex').slice(0, 16)}`;
}
