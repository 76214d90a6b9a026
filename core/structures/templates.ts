import { z } from 'zod';
import headAndNeck from '../../resources/templates/head-and-neck.json' with { type: 'json' };
import lungSbrt from '../../resources/templates/lung-sbrt.json' with { type: 'json' };
import prostate from '../../resources/templates/prostate.json' with { type: 'json' };
import type { StructureMeta, StructureOp } from './schemas.ts';
import { Rgb, RtRoiType } from './schemas.ts';

/** A structure template (resources/templates/<id>.json): named, coloured, typed empty structures. */
export const StructureTemplate = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  description: z.string(),
  structures: z.array(z.object({ name: z.string().min(1).max(64), type: RtRoiType, color: Rgb })).min(1),
});
export type StructureTemplate = z.infer<typeof StructureTemplate>;

export const templateIds = ['lung-sbrt', 'head-and-neck', 'prostate'] as const;
export type TemplateId = (typeof templateIds)[number];

export const templates: Record<TemplateId, StructureTemplate> = {
  'lung-sbrt': StructureTemplate.parse(lungSbrt),
  'head-and-neck': StructureTemplate.parse(headAndNeck),
  prostate: StructureTemplate.parse(prostate),
};

/** Targets are drawn as outlines over the organs they overlap; organs filled. */
const outlineTypes: readonly string[] = ['GTV', 'CTV', 'PTV', 'EXTERNAL'];

/**
 * The create ops that put a template's structures into a set, skipping names the set already has.
 * `newId` makes each structure's id (the caller's scheme, so renderer and main agree).
 */
export function templateOps(template: StructureTemplate, existingNames: readonly string[], newId: () => string, at?: number): StructureOp[] {
  const taken = new Set(existingNames);
  return template.structures
    .filter((s) => !taken.has(s.name))
    .map((s) => {
      const structure: StructureMeta = {
        id: newId(),
        name: s.name,
        color: s.color,
        type: s.type,
        visible: true,
        opacity: outlineTypes.includes(s.type) ? 0.25 : 0.45,
        display: outlineTypes.includes(s.type) ? 'outline' : 'fill+outline',
        locked: false,
        provenance: { kind: 'manual' },
        recipe: null,
      };
      return { op: 'create', structure, label: `${template.name} template: ${s.name}`, ...(at !== undefined ? { at } : {}) };
    });
}
