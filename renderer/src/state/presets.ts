import type { DisplayWindow } from '../views/slice-view.ts';

export type PresetId = 'soft-tissue' | 'lung' | 'bone' | 'brain' | 'mediastinum';

/** CT window presets in HU (centre, width), as commonly used in radiotherapy planning. */
export const ctPresets: Record<PresetId, DisplayWindow & { label: string }> = {
  'soft-tissue': { label: 'Soft tissue', center: 40, width: 400 },
  lung: { label: 'Lung', center: -600, width: 1500 },
  bone: { label: 'Bone', center: 400, width: 1800 },
  brain: { label: 'Brain', center: 40, width: 80 },
  mediastinum: { label: 'Mediastinum', center: 50, width: 350 },
};
