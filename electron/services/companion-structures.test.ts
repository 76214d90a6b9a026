import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { boxVoxelCount, decodeRuns } from '../../core/mask/patch.ts';
import { sampleStudyPath } from './app-meta.ts';
import { companionLabelMap, companionStructures } from './companion-structures.ts';
import { openStudy } from './study-service.ts';
import { VolumeStore } from './volume-store.ts';

describe('structures that come with a study', () => {
  const store = new VolumeStore();
  let id: string;
  beforeAll(async () => {
    id = (await openStudy(store, sampleStudyPath())).id;
  });

  it('finds the sample label map beside the CT folder, and none beside other studies', () => {
    expect(companionLabelMap(sampleStudyPath())).toBe(join(sampleStudyPath(), '..', 'labels.nii.gz'));
    expect(companionLabelMap('/tmp')).toBeNull();
  });

  it('gives every labelled structure of the sample with the voxel count nibabel reads', async () => {
    const { structures, warnings } = await companionStructures(store, id);
    expect(warnings).toEqual([]);
    const counts = JSON.parse(
      execFileSync('/usr/bin/python3', [
        '-c',
        'import sys,json,nibabel as nib,numpy as np; a=np.asarray(nib.load(sys.argv[1]).dataobj); v,c=np.unique(a,return_counts=True); print(json.dumps({int(x):int(y) for x,y in zip(v,c) if x}))',
        companionLabelMap(sampleStudyPath())!,
      ]).toString(),
    ) as Record<string, number>;
    expect(structures).toHaveLength(Object.keys(counts).length);
    const liver = structures.find((s) => s.name === 'Liver')!;
    const voxels = decodeRuns(liver.patch.runs, boxVoxelCount(liver.patch.box)).reduce((sum, v) => sum + v, 0);
    expect(voxels).toBe(counts['5']);
    expect(liver.type).toBe('ORGAN');
  });
});
