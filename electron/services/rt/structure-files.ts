import { join } from 'node:path';
import type { Mask } from '../../../core/mask/mask.ts';
import { geometryOf, volumeCc } from '../../../core/mask/mask.ts';
import { encodeNifti } from '../nifti-file.ts';
import { existingOf, refuseExisting, writeNewFiles, type OutputFile } from './output-file.ts';

export interface StructureFileEntry {
  readonly number: number;
  readonly name: string;
  readonly type: string;
  readonly colour: readonly [number, number, number] | undefined;
  readonly mask: Mask;
  readonly warnings: readonly string[];
  /** Extra facts for the JSON summary (contour count, frame count, codes). */
  readonly extra: Record<string, unknown>;
}

/** A name that is safe as part of a file name on every platform. */
export function sanitiseName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '');
  return safe.slice(0, 64) || 'unnamed';
}

/**
 * Writes one binary NIfTI per structure (`<number>_<name>.nii.gz`) and a summary JSON. Every target is checked
 * first, so a refusal to overwrite leaves nothing half written.
 */
export async function writeStructureFiles(
  outDir: string,
  summaryName: string,
  entries: readonly StructureFileEntry[],
  warnings: readonly string[],
  force: boolean,
): Promise<{ summaryPath: string; summary: unknown }> {
  const paths = entries.map((e) => join(outDir, `${e.number}_${sanitiseName(e.name)}.nii.gz`));
  const summaryPath = join(outDir, summaryName);
  if (!force) refuseExisting(await existingOf([...paths, summaryPath]));
  const files: OutputFile[] = [];
  const structures = [];
  for (const [n, e] of entries.entries()) {
    files.push({ path: paths[n]!, bytes: await encodeNifti({ ...geometryOf(e.mask), scalars: e.mask.voxels }, { gzip: true, description: `Delineate ${e.name}` }) });
    structures.push({
      number: e.number,
      name: e.name,
      type: e.type,
      colour: e.colour ?? null,
      ...e.extra,
      volumeCc: Number(volumeCc(e.mask).toFixed(3)),
      file: paths[n],
      warnings: e.warnings,
    });
  }
  const summary = { structures, warnings };
  files.push({ path: summaryPath, bytes: new TextEncoder().encode(JSON.stringify(summary, null, 2) + '\n') });
  await writeNewFiles(files, force);
  return { summaryPath, summary };
}
