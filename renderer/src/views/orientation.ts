import type { Direction, Vec3 } from '../../../core/geometry/space.ts';

export type ViewAxis = 'axial' | 'coronal' | 'sagittal';

interface ViewFrame {
  /** Direction the camera looks along, LPS. */
  readonly look: Vec3;
  /** Screen up, LPS. */
  readonly up: Vec3;
  /** World axis the view's slices are stacked along: 0 = x (L), 1 = y (P), 2 = z (S). */
  readonly worldAxis: 0 | 1 | 2;
}

/**
 * Radiological convention: axial seen from the feet (patient's left on screen right, anterior up),
 * coronal seen from the front (left on the right, superior up), sagittal seen from the patient's left
 * (anterior on screen left, superior up).
 */
export const viewFrames: Record<ViewAxis, ViewFrame> = {
  axial: { look: [0, 0, 1], up: [0, -1, 0], worldAxis: 2 },
  coronal: { look: [0, 1, 0], up: [0, 0, 1], worldAxis: 1 },
  sagittal: { look: [-1, 0, 0], up: [0, 0, 1], worldAxis: 0 },
};

/** The volume's index axis (0 = i, 1 = j, 2 = k) that lies closest to a world axis. */
export function indexAxisAlong(direction: Direction, worldAxis: 0 | 1 | 2): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const axis of [0, 1, 2] as const) {
    if (Math.abs(direction[axis * 3 + worldAxis]!) > Math.abs(direction[best * 3 + worldAxis]!)) best = axis;
  }
  return best;
}
