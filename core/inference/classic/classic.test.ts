import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ijk } from '../../geometry/space.ts';
import type { Volume } from '../../geometry/volume.ts';
import { resampleToGrid } from '../../mask/mask.ts';
import { readNifti } from '../../nifti/index.ts';
import { diceCoefficient as dice } from '../../mask/metrics.ts';
import { centreOf } from '../simulated-user.ts';
import { bodyOutline } from './body.ts';
import { applyClassicClick } from './click-grow.ts';
import { lungContour } from './lungs.ts';

const data = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'totalsegmentator');

/** On TotalSegmentator's real 3 mm CT (122x101x30) and its label map (model output, lungs = labels 10-14). */
describe('classical contouring on real CT', () => {
  let volume: Volume;
  let labels: ArrayLike<number>;
  beforeAll(() => {
    volume = readNifti(readFileSync(join(data, 'example_ct_sm.nii.gz')), 'example_ct_sm.nii.gz').volume;
    const seg = readNifti(readFileSync(join(data, 'example_seg.nii.gz')), 'example_seg.nii.gz').volume;
    labels = resampleToGrid({ ...seg, voxels: seg.scalars as Int16Array }, volume);
  });

  it('outlines the body: every labelled organ inside, the air around the patient outside', () => {
    const body = bodyOutline(volume).voxels;
    let outside = 0;
    let inBody = 0;
    for (let n = 0; n < body.length; n++) {
      if (labels[n]! > 0 && !body[n]) outside++;
      inBody += body[n]!;
    }
    expect(outside).toBe(0);
    expect(body[0]).toBe(0);
    expect(inBody / body.length).toBeGreaterThan(0.4);
    expect(inBody / body.length).toBeLessThan(0.8);
  });

  it('finds the lungs (Dice > 0.8 against the label map) and leaves out bowel gas', () => {
    const lungs = lungContour(volume).voxels;
    const truth = Uint8Array.from(labels, (v) => (v >= 10 && v <= 14 ? 1 : 0));
    expect(dice(lungs, truth)).toBeGreaterThan(0.8);
    let inColon = 0;
    for (let n = 0; n < lungs.length; n++) if (lungs[n] && labels[n] === 20) inColon++;
    expect(inColon).toBe(0);
  });

  it('grows a region from a positive click and removes one with a negative click', () => {
    const liver = Uint8Array.from(labels, (v) => (v === 5 ? 1 : 0));
    const mask = new Uint8Array(liver.length);
    const centre = centreOf(liver, volume)!;
    applyClassicClick(volume, mask, { voxel: centre, positive: true });
    const grown = mask.reduce((a, b) => a + b, 0);
    expect(dice(mask, liver)).toBeGreaterThan(0.4);
    applyClassicClick(volume, mask, { voxel: ijk(centre[0], centre[1], centre[2]), positive: false });
    expect(mask.reduce((a, b) => a + b, 0)).toBeLessThan(grown / 2);
  });
});
