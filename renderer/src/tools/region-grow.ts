import { volumeCc, type Mask } from '../../../core/mask/mask.ts';
import { boundingBox, extractBox } from '../../../core/mask/patch.ts';
import { regionGrow } from '../../../core/mask/region-grow.ts';
import { structures } from '../state/structures.svelte.ts';
import type { ContourSettings } from './contour-settings.svelte.ts';
import { growInVolume } from './mask-worker-client.ts';
import { seedPatch } from './seed-patch.ts';
import { editableSelection, landBox } from './structure-ops.ts';
import type { Tool, ToolEvent } from './tool.ts';

/**
 * Region grow / flood fill (G): a click grows the region of voxels within the HU tolerance of the values
 * around it, on the clicked slice or through the volume, and adds it to the selected structure as one edit.
 */
export function createRegionGrow(settings: ContourSettings): Tool {
  // A 3D grow answers after a second or so: Esc (or another tool) meanwhile drops it. Bumped on each drop, so
  // an answer for an older generation is not landed; `growing` counts the grows still out.
  let generation = 0;
  let growing = 0;
  return {
    id: 'region-grow',
    label: 'Grow',
    key: 'g',
    tooltip: 'Region grow (G): click adds the connected region within the HU tolerance to the selected structure',
    down(event) {
      void grow(event);
    },
    cancel() {
      if (growing === 0) return false;
      generation++;
      structures.notify('Region grow cancelled.');
      return true;
    },
  };

  async function grow(event: ToolEvent): Promise<void> {
    const structure = editableSelection();
    if (!structure) return;
    const { volume, plane } = event;
    const seeds = seedPatch(event, volume.dims);
    if (seeds.length === 0) return structures.notify('Region grow: click inside the image.');
    const { set } = structures;
    const { id, name } = structure.meta;
    const label = `Region grow ${name}`;
    const { toleranceHu, growIn } = settings;
    let grown: Mask;
    const asked = generation;
    growing++;
    try {
      // 2D is one slice (milliseconds); 3D may take a second on a CT, so it runs in the mask worker.
      grown = growIn === '2d' ? regionGrow(volume, seeds, { toleranceHu, plane: { axis: plane.axis, index: plane.index } }) : await growInVolume(label, volume, seeds, { toleranceHu });
    } catch (error) {
      return structures.notify(error instanceof Error ? error.message : String(error));
    } finally {
      growing--;
    }
    if (asked !== generation) return;
    if (structures.set !== set || !set?.has(id)) return;
    const box = boundingBox(grown.voxels, grown.dims);
    if (!box) return structures.notify(`Region grow: nothing within ${toleranceHu} HU there.`);
    // Add to what the structure has now (it may have changed while the region grew): its voxels in the box,
    // or'ed with the grown region.
    const values = set.get(id).mask.readBox(box);
    const region = extractBox(grown.voxels, grown.dims, box);
    for (let n = 0; n < values.length; n++) values[n]! |= region[n]!;
    landBox(id, box, values, label);
    structures.notify(`Region grow: ${volumeCc(grown).toFixed(1)} cc within ${toleranceHu} HU (${growIn.toUpperCase()}).`);
  }
}
