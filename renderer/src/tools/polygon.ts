import { polygonMask } from '../../../core/mask/scissors.ts';
import { sliceBox } from '../../../core/mask/slice.ts';
import type { SliceAxis } from '../../../core/structures/sparse-mask.ts';
import { structures } from '../state/structures.svelte.ts';
import { createOutlineTool } from './outline-tool.ts';
import { editableSelection, landBox } from './structure-ops.ts';
import type { Tool } from './tool.ts';

const sliceAxes: readonly SliceAxis[] = ['i', 'j', 'k'];

/** Polygon / freehand draw (P): the closed outline is filled into the selected structure on its slice. */
export function createPolygonTool(): Tool {
  return createOutlineTool({
    id: 'polygon',
    label: 'Polygon',
    key: 'p',
    tooltip: 'Polygon (P): click points or drag freehand; a click on the first point, Enter or releasing a drag fills it into the slice; Esc discards',
    colour: 'rgba(120,220,255,0.9)',
    finish({ volume, plane, polygon }) {
      const structure = editableSelection();
      if (!structure) return;
      const inside = polygonMask(polygon, plane.width, plane.height);
      const bits = structure.mask.readSlice(sliceAxes[plane.axis]!, plane.index);
      let added = 0;
      for (let n = 0; n < bits.length; n++) {
        if (inside[n] && !bits[n]) {
          bits[n] = 1;
          added++;
        }
      }
      if (added === 0) return structures.notify('Polygon: the outline adds no voxel.');
      landBox(structure.meta.id, sliceBox(volume.dims, plane.axis, plane.index), bits, `Polygon ${structure.meta.name}`, { clicks: polygon.length });
    },
  });
}
