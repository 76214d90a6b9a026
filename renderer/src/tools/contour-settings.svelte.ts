/** Settings of the contouring tools (region grow, scissors), edited in the structure operations panel. */
export interface ContourSettings {
  /** Region grow: a voxel joins when within this many HU of the mean around the click. */
  toleranceHu: number;
  /** Region grow on the clicked slice only, or through the volume. */
  growIn: '2d' | '3d';
  /** Scissors: which side of the drawn outline is cut away. */
  scissorsRemove: 'inside' | 'outside';
}

export const contourSettings: ContourSettings = $state({ toleranceHu: 20, growIn: '3d', scissorsRemove: 'inside' });
