import { applyPatch, boxSize, boxWithin, encodeRuns, insertBox, unionBox, type MaskPatch, type VoxelBox } from '../../../core/mask/patch.ts';
import type { SparseMask } from '../../../core/structures/sparse-mask.ts';

/**
 * An AI proposal not yet accepted: the proposed voxels of one structure inside `box` (i fastest); voxels
 * outside keep the structure's own. Grown click by click from `ai.interact`'s changed-voxel patches.
 */
export interface Proposal {
  readonly id: string;
  readonly box: VoxelBox;
  readonly values: Uint8Array;
}

type StoredMask = Pick<SparseMask, 'readBox' | 'bounds' | 'toPatch'>;

/** The structure's voxels inside `box`, with the proposal's values over them. */
function proposedInside(mask: StoredMask, proposal: Proposal | null, box: VoxelBox): Uint8Array {
  const values = mask.readBox(box);
  if (proposal) insertBox(values, boxSize(box), boxWithin(proposal.box, box), proposal.values);
  return values;
}

/** The mask the model refines: the structure with the proposal over it, as one patch (null when empty). */
export function currentMask(mask: StoredMask, proposal: Proposal | null): MaskPatch | null {
  if (!proposal) return mask.toPatch();
  const bounds = mask.bounds();
  const box = bounds ? unionBox(bounds, proposal.box) : proposal.box;
  return { box, runs: encodeRuns(proposedInside(mask, proposal, box)) };
}

/** The proposal grown to take `patch` (new values over its box) on top of what it proposed so far. */
export function withPatch(id: string, mask: StoredMask, proposal: Proposal | null, patch: MaskPatch): Proposal {
  const box = proposal ? unionBox(proposal.box, patch.box) : patch.box;
  const values = proposedInside(mask, proposal, box);
  applyPatch(values, boxSize(box), { box: boxWithin(patch.box, box), runs: patch.runs }, 'AI proposal');
  return { id, box, values };
}
