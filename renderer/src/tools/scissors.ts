import { cutWithPolygon } from '../../../core/mask/scissors.ts';
import type { ContourSettings } from './contour-settings.svelte.ts';
import { createOutlineTool } from './outline-tool.ts';
import { editableSelection, landResult } from './structure-ops.ts';
import type { Tool } from './tool.ts';

/**
 * Scissors (S): an outline drawn on a slice cuts the selected structure inside (or outside) it through every
 * slice along the view axis, as one edit over the voxels that went.
 */
export function createScissors(settings: ContourSettings): Tool {
  return createOutlineTool({
    id: 'scissors',
    label: 'Scissors',
    key: 's',
    tooltip: 'Scissors (S): draw an outline (clicks or drag); the selected structure is cut inside or outside it through the volume',
    colour: 'rgba(255,170,60,0.95)',
    finish({ volume, plane, polygon }) {
      const structure = editableSelection();
      if (!structure) return;
      const mask = structure.mask.toMask(volume);
      const cut = cutWithPolygon(mask, plane.axis, polygon, settings.scissorsRemove);
      landResult(structure.meta.id, mask.voxels, cut, `Scissors (${settings.scissorsRemove}) ${structure.meta.name}`, { clicks: polygon.length });
    },
  });
}
