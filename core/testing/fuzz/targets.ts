import { cross, dot, lps, normalize, type Direction, type Vec3 } from '../../geometry/space.ts';
import type { TargetImage } from '../../rt/rtstruct-import.ts';
import type { RtStructureSet } from '../../rt/rtstruct-read.ts';
import type { Segmentation } from '../../seg/seg-read.ts';

/**
 * The image an intact RTSTRUCT or SEG seed is imported onto in the fuzz run: a grid built from the seed's
 * own geometry (its contours' extent and planes, its frames' plane and positions), in its patient and frame
 * of reference, so a mutated file meets a plausible image and every import step runs. Capped at 256 voxels
 * an axis: the point is the reader, not the raster.
 */
const maxAxis = 256;

export function rtStructTarget(rs: RtStructureSet): TargetImage {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const planes = new Set<number>();
  for (const roi of rs.rois) {
    for (const contour of roi.contours) {
      for (let n = 0; n + 2 < contour.points.length; n += 3) {
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a]!, contour.points[n + a]!);
          hi[a] = Math.max(hi[a]!, contour.points[n + a]!);
        }
        planes.add(Math.round(contour.points[n + 2]! * 100) / 100);
      }
    }
  }
  if (!Number.isFinite(lo[0]!)) return { source: `${rs.source} (image)`, grid: unitGrid(), patientId: rs.patientId, frameOfReferenceUid: rs.frameOfReferenceUid };
  const z = [...planes].sort((a, b) => a - b);
  const gaps = z.slice(1).map((v, n) => v - z[n]!).filter((g) => g > 0.1);
  const dz = gaps.length > 0 ? Math.min(...gaps) : 1;
  const inPlane = Math.max((hi[0]! - lo[0]!) / (maxAxis - 1), (hi[1]! - lo[1]!) / (maxAxis - 1), 0.5);
  const axis = (extent: number, step: number) => Math.min(maxAxis, Math.floor(extent / step) + 1);
  return {
    source: `${rs.source} (image)`,
    grid: {
      dims: [axis(hi[0]! - lo[0]!, inPlane), axis(hi[1]! - lo[1]!, inPlane), axis(hi[2]! - lo[2]!, dz)],
      spacing: [inPlane, inPlane, dz],
      origin: lps(lo[0]!, lo[1]!, lo[2]!),
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    },
    patientId: rs.patientId,
    frameOfReferenceUid: rs.frameOfReferenceUid,
  };
}

export function segTarget(seg: Segmentation): TargetImage {
  const first = seg.frames[0];
  if (!first) return { source: `${seg.source} (image)`, grid: unitGrid(), patientId: seg.patientId, frameOfReferenceUid: seg.frameOfReferenceUid };
  const [row, column] = first.orientation;
  const normal = normalize(cross(row, column));
  const heights = [...new Set(seg.frames.map((f) => Math.round(dot(f.position, normal) * 1000) / 1000))].sort((a, b) => a - b);
  const lowest = seg.frames.find((f) => Math.round(dot(f.position, normal) * 1000) / 1000 === heights[0])!.position;
  const gaps = heights.slice(1).map((v, n) => v - heights[n]!).filter((g) => g > 0.01);
  const dz = gaps.length > 0 ? Math.min(...gaps) : 1;
  const planes = Math.min(maxAxis, Math.round((heights.at(-1)! - heights[0]!) / dz) + 1);
  return {
    source: `${seg.source} (image)`,
    grid: {
      dims: [Math.min(maxAxis, seg.columns), Math.min(maxAxis, seg.rows), planes],
      spacing: [first.pixelSpacing[1], first.pixelSpacing[0], dz],
      origin: lps(lowest[0], lowest[1], lowest[2]),
      direction: [...row, ...column, ...normal] as unknown as Direction,
    },
    patientId: seg.patientId,
    frameOfReferenceUid: seg.frameOfReferenceUid,
  };
}

function unitGrid() {
  const unit: Vec3 = [1, 1, 1];
  return { dims: [16, 16, 4] as const, spacing: unit, origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Direction };
}
