export interface DisplayWindow {
  readonly center: number;
  readonly width: number;
}

export type PresetId = 'soft-tissue' | 'lung' | 'bone' | 'brain' | 'mediastinum';

/** CT window presets in HU (centre, width), as commonly used in radiotherapy planning; keys 1-5 in order. */
export const ctPresets: Record<PresetId, DisplayWindow & { label: string; key: string }> = {
  'soft-tissue': { label: 'Soft tissue', center: 40, width: 400, key: '1' },
  lung: { label: 'Lung', center: -600, width: 1500, key: '2' },
  bone: { label: 'Bone', center: 400, width: 1800, key: '3' },
  brain: { label: 'Brain', center: 40, width: 80, key: '4' },
  mediastinum: { label: 'Mediastinum', center: 50, width: 350, key: '5' },
};

export function presetForKey(key: string): PresetId | undefined {
  return (Object.keys(ctPresets) as PresetId[]).find((id) => ctPresets[id].key === key);
}
