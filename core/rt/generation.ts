import type { StructureMeta } from '../structures/schemas.ts';
import type { Generation } from './reference.ts';

/**
 * ROIGenerationAlgorithm and description of a structure, from its provenance: AI results and derived
 * structures are SEMIAUTOMATIC (a person clicked or chose the inputs), imported and drawn ones MANUAL.
 */
export function generationOf(meta: Pick<StructureMeta, 'provenance' | 'recipe'>): Generation {
  const p = meta.provenance;
  if (p.kind === 'ai') return { algorithm: 'SEMIAUTOMATIC', description: `${p.modelId} ${p.modelVersion}`.trim().slice(0, 64) };
  if (meta.recipe) return { algorithm: 'SEMIAUTOMATIC', description: `Delineate ${meta.recipe.operation}`.slice(0, 64) };
  if (p.kind === 'imported') return { algorithm: 'MANUAL', description: `Imported from ${p.format}`.slice(0, 64) };
  return { algorithm: 'MANUAL' };
}
