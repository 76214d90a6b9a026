import type { StructureMeta } from '../schemas.ts';

/** A plain manual structure for tests and benchmarks: only id and name vary. */
export function testMeta(id: string, name = id, type: StructureMeta['type'] = 'ORGAN'): StructureMeta {
  return {
    id,
    name,
    color: [230, 60, 40],
    type,
    visible: true,
    opacity: 0.5,
    display: 'fill+outline',
    locked: false,
    provenance: { kind: 'manual' },
    recipe: null,
  };
}
