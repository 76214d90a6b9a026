import { volumeCc } from '../../../core/mask/mask.ts';
import { boundingBox, extractBox } from '../../../core/mask/patch.ts';
import { regionGrow } from '../../../core/mask/region-grow.ts';
import { structures } from '../state/structures.svelte.ts';
import type { ContourSettings } from './contour-settings.svelte.ts';
import { seedPatch } from './seed-patch.ts';
import { editableSelection, landBox } from './structure-ops.ts';
import type { Tool } from './tool.ts';

/**
 * Region grow / flood fill (G): a click grows the region of voxels within the HU tolerance of the values
 * around it, on the clicked slice or through the volume, and adds it to the selected structure as one edit.
 */
export function createRegionGrow(settings: ContourSettings): Tool {
  return {
    id: 'region-grow',
    label: 'Grow',
    key: 'g',
    tooltip: 'Region grow (G): click adds the connected region within the HU tolerance to the selected structure',
    down(event) {
      const structure = editableSelection();
      if (!structure) return;
      const { volume, plane } = event;
      const seeds = seedPatch(event, volume.dims);
      if (seeds.length === 0) return structures.notify('Region grow: click inside the image.');
      const grown = regionGrow(volume, seeds, {
        toleranceHu: settings.toleranceHu,
        ...(settings.growIn === '2d' ? { plane: { axis: plane.axis, index: plane.index } } : {}),
      });
      const box = boundingBox(grown.voxels, grown.dims);
      if (!box) return structures.notify(`Region grow: nothing within ${settings.toleranceHu} HU there.`);
      // Add to what the structure has: its voxels in the box, or'ed with the grown region.
      const values = structure.mask.readBox(box);
      const region = extractBox(grown.voxels, grown.dims, box);
      for (let n = 0; n < values.length; n++) values[n]! |= region[n]!;
      landBox(structure.meta.id, box, values, `Region grow ${structure.meta.name}`);
      structures.notify(`Region grow: ${volumeCc(grown).toFixed(1)} cc within ${settings.toleranceHu} HU (${settings.growIn.toUpperCase()}).`);
    },
  };
}
