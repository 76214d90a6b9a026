import { z } from 'zod';
import { DelineateError } from '../errors.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { voxelCount } from '../geometry/volume.ts';
import type { Mask } from '../mask/mask.ts';
import { geometryOf } from '../mask/mask.ts';
import { structurePalette } from '../structures/palette.ts';

/**
 * A label map: one integer per voxel naming the structure there (0 = none), with a JSON sidecar that gives
 * each label its name, colour and RT type. Written as NIfTI (`x.nii.gz`) beside `x.json`.
 */
export const labelMapSidecarSchema = z.object({
  labels: z.array(
    z.object({
      value: z.number().int().min(1).max(65535),
      name: z.string().min(1),
      colour: z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]),
      type: z.string().default(''),
    }),
  ),
});
export type LabelMapSidecar = z.infer<typeof labelMapSidecarSchema>;

/** Other tools' sidecars: `{"Brainstem": 1, ...}` (OpenKBP) or nnU-Net's dataset.json `{"labels": {"liver": 1}}`. */
const nameToValue = z.record(z.string().min(1), z.number().int().min(0).max(65535));
const foreignSidecarSchema = z.union([z.object({ labels: nameToValue }).passthrough(), nameToValue]);

/**
 * A label map sidecar in any form Delineate reads: its own (names, colours, types), or a name-to-value map from
 * another tool, whose labels get palette colours and a type when the name says it (PTV56 -> PTV). Value 0 is
 * background. `note` says when the file was another tool's, so the import can say where names came from.
 */
export function parseLabelSidecar(json: unknown): { sidecar: LabelMapSidecar; note?: string } | { error: string } {
  const own = labelMapSidecarSchema.safeParse(json);
  if (own.success) return { sidecar: own.data };
  const foreign = foreignSidecarSchema.safeParse(json);
  if (!foreign.success) return { error: own.error.issues[0]?.message ?? 'invalid' };
  const map = 'labels' in foreign.data && typeof foreign.data.labels === 'object' ? (foreign.data.labels as Record<string, number>) : (foreign.data as Record<string, number>);
  const entries = Object.entries(map).filter(([, value]) => value > 0);
  if (entries.length === 0) return { error: 'no labels above 0' };
  return { sidecar: { labels: entries.map(([name, value], n) => namedLabel(value, name, n)) }, note: 'names from a name-to-value map (no colours or types in it)' };
}

/** Labels for a map with no sidecar at all: each value present is "Label <value>". */
export function labelsOfValues(voxels: ArrayLike<number>): LabelMapSidecar {
  const present = new Set<number>();
  for (let v = 0; v < voxels.length; v++) if (voxels[v] !== 0) present.add(voxels[v]!);
  return { labels: [...present].sort((a, b) => a - b).map((value, n) => namedLabel(value, `Label ${value}`, n)) };
}

function namedLabel(value: number, name: string, n: number): LabelEntry {
  const type = /^(GTV|CTV|ITV|PTV)/i.exec(name)?.[1]?.toUpperCase() ?? '';
  return { value, name, colour: [...structurePalette[n % structurePalette.length]!] as [number, number, number], type };
}
export type LabelEntry = LabelMapSidecar['labels'][number];

export interface NamedMask {
  readonly name: string;
  readonly colour: readonly [number, number, number];
  readonly type: string;
  readonly mask: Mask;
}

/**
 * Packs masks on one grid into a label map (label n+1 for mask n; uint8 up to 255 structures, else uint16).
 * One voxel holds one label: where masks overlap the later one wins, and the overlap is reported.
 */
export function labelMapFromMasks(grid: VolumeGeometry, masks: readonly NamedMask[]): { voxels: Uint8Array | Uint16Array; sidecar: LabelMapSidecar; warnings: string[] } {
  const voxels = masks.length < 256 ? new Uint8Array(voxelCount(grid)) : new Uint16Array(voxelCount(grid));
  const warnings: string[] = [];
  masks.forEach(({ name, mask }, n) => {
    if (mask.voxels.length !== voxels.length) throw new DelineateError('invalid-input', `Structure "${name}" is not on the label map's grid`);
    let overlap = 0;
    const src = mask.voxels;
    for (let v = 0; v < src.length; v++) {
      if (src[v] === 0) continue;
      if (voxels[v] !== 0) overlap++;
      voxels[v] = n + 1;
    }
    if (overlap > 0) warnings.push(`"${name}" overlaps earlier structures in ${overlap} voxel(s); a label map keeps only "${name}" there`);
  });
  const labels = masks.map((m, n) => ({ value: n + 1, name: m.name, colour: [...m.colour] as [number, number, number], type: m.type }));
  return { voxels, sidecar: { labels }, warnings };
}

/** Unpacks a label map into one mask per sidecar label; values with no sidecar entry are reported. */
export function masksFromLabelMap(grid: VolumeGeometry, voxels: ArrayLike<number>, sidecar: LabelMapSidecar): { masks: NamedMask[]; warnings: string[] } {
  const byValue = new Map(sidecar.labels.map((l, n) => [l.value, n]));
  const masks = sidecar.labels.map((l): NamedMask => ({ name: l.name, colour: l.colour, type: l.type, mask: { ...geometryOf(grid), voxels: new Uint8Array(voxels.length) } }));
  const unnamed = new Set<number>();
  for (let v = 0; v < voxels.length; v++) {
    const value = voxels[v]!;
    if (value === 0) continue;
    const n = byValue.get(value);
    if (n === undefined) unnamed.add(value);
    else masks[n]!.mask.voxels[v] = 1;
  }
  const warnings = unnamed.size > 0 ? [`Label value(s) ${[...unnamed].sort((a, b) => a - b).join(', ')} have no entry in the sidecar and were left out`] : [];
  return { masks, warnings };
}
