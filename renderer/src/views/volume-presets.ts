/** Transfer-function presets for CT volume rendering, in HU. */
export type VolumePresetId = 'bone' | 'soft-tissue' | 'lung' | 'mip';

export interface VolumePreset {
  readonly label: string;
  /** [HU, r, g, b] control points. */
  readonly colour: readonly (readonly [number, number, number, number])[];
  /** [HU, opacity] control points. */
  readonly opacity: readonly (readonly [number, number])[];
  readonly maximumIntensity?: boolean;
}

export const volumePresets: Record<VolumePresetId, VolumePreset> = {
  bone: {
    label: 'CT bone',
    colour: [
      [-1000, 0, 0, 0],
      [150, 0.55, 0.25, 0.15],
      [300, 0.9, 0.82, 0.66],
      [1500, 1, 1, 0.95],
    ],
    opacity: [
      [-1000, 0],
      [150, 0],
      [300, 0.35],
      [1200, 0.85],
    ],
  },
  'soft-tissue': {
    label: 'CT soft tissue',
    colour: [
      [-1000, 0, 0, 0],
      [-500, 0.55, 0.25, 0.15],
      [40, 0.85, 0.5, 0.4],
      [300, 0.95, 0.9, 0.8],
      [1500, 1, 1, 1],
    ],
    opacity: [
      [-1000, 0],
      [-300, 0],
      [-100, 0.05],
      [60, 0.12],
      [300, 0.4],
      [1200, 0.8],
    ],
  },
  lung: {
    label: 'CT lung',
    colour: [
      [-1000, 0.3, 0.3, 0.6],
      [-600, 0.75, 0.75, 0.95],
      [-300, 0.9, 0.6, 0.5],
      [300, 1, 0.95, 0.9],
    ],
    opacity: [
      [-1000, 0],
      [-900, 0],
      [-750, 0.02],
      [-500, 0.06],
      [-300, 0],
      [250, 0],
      [500, 0.4],
    ],
  },
  mip: {
    label: 'MIP',
    colour: [
      [-200, 0, 0, 0],
      [1500, 1, 1, 1],
    ],
    opacity: [
      [-200, 0],
      [1500, 1],
    ],
    maximumIntensity: true,
  },
};
