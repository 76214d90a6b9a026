import type { ClickEncoding } from './manifest.ts';
import type { Kji, PatchFrame } from './prompt-box.ts';

/**
 * Draws prompt points (continuous patch coordinates, tensor order) into one channel of a patch, each as a
 * ball (1 where the distance <= size) or a Gaussian bump (sigma = size), overlapping points keeping the
 * maximum. Distances are in patch voxels or, with unit 'mm', in millimetres of the patch's own voxel size.
 */
export function drawPoints(encoding: ClickEncoding, frame: PatchFrame, points: readonly Kji[], out: Float32Array, offset: number): void {
  const [, pj, pi] = frame.patch;
  const voxelMm = encoding.unit === 'mm' ? frame.sizeMm.map((s, a) => s / frame.patch[a]!) : [1, 1, 1];
  const ball = encoding.shape === 'ball';
  const reach = ball ? encoding.size : 3 * encoding.size;
  const sizeSq = encoding.size * encoding.size;
  for (const p of points) {
    const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(p[a]! - reach / voxelMm[a]!)));
    const hi = [0, 1, 2].map((a) => Math.min(frame.patch[a]! - 1, Math.ceil(p[a]! + reach / voxelMm[a]!)));
    for (let k = lo[0]!; k <= hi[0]!; k++) {
      const dk = (k - p[0]) * voxelMm[0]!;
      for (let j = lo[1]!; j <= hi[1]!; j++) {
        const dj = (j - p[1]) * voxelMm[1]!;
        for (let i = lo[2]!; i <= hi[2]!; i++) {
          const di = (i - p[2]) * voxelMm[2]!;
          const d2 = dk * dk + dj * dj + di * di;
          const value = ball ? (d2 <= sizeSq ? 1 : 0) : Math.exp(-d2 / (2 * sizeSq));
          const n = offset + i + pi * (j + pj * k);
          if (value > out[n]!) out[n] = value;
        }
      }
    }
  }
}
