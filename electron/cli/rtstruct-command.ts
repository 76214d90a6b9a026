import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { voxelCount } from '../../core/geometry/volume.ts';
import type { Rgb } from '../../core/rt/rtstruct-read.ts';
import type { Generation } from '../../core/rt/reference.ts';
import type { StructureToExport } from '../../core/rt/rtstruct-write.ts';
import { imageReferenceOf } from '../services/rt/image-reference.ts';
import { readNiftiFile } from '../services/nifti-file.ts';
import { valuesOnGrid } from '../services/rt/nifti-masks.ts';
import { exportRtStructFile, importRtStructFile } from '../services/rt/rtstruct-service.ts';
import { writeStructureFiles } from '../services/rt/structure-files.ts';
import { planSeries } from '../services/study-loader.ts';
import { parseArgs, stringFlag, type ParsedArgs } from './args.ts';
import { MaskLayers } from './mask-layers.ts';

export const rtstructUsage = `usage: delineate rtstruct import <rs.dcm> --ref <image-dir> --out-dir DIR [--json] [--force]
       delineate rtstruct export --ref <image-dir> --mask NAME=file.nii.gz [--mask ...] [--type NAME=GTV]
              [--colour NAME=r,g,b] [--algorithm NAME=AUTOMATIC|SEMIAUTOMATIC|MANUAL] [--model NAME=description]
              [--label TEXT] --out RS.dcm [--force]`;

const switches = new Set(['json', 'force']);

/** `delineate rtstruct import|export ...` (argv after the word rtstruct). */
export async function rtstructCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, switches);
  const [action, input] = args.positionals;
  if (action === 'import' && input) return importCommand(input, args);
  if (action === 'export') return exportCommand(argv, args);
  throw new DelineateError('invalid-input', rtstructUsage);
}

async function importCommand(input: string, args: ParsedArgs): Promise<void> {
  const refDir = required(args, 'ref', rtstructUsage);
  const outDir = resolve(required(args, 'out-dir', rtstructUsage));
  const loaded = await planSeries(resolve(refDir));
  const ref = await imageReferenceOf(loaded);
  const result = await importRtStructFile(resolve(input), ref, resolve(refDir));
  const { summaryPath, summary } = await writeStructureFiles(
    outDir,
    'rois.json',
    result.rois.map((roi) => ({ ...roi, extra: { contourCount: roi.contourCount } })),
    result.warnings,
    args.flags.has('force'),
  );
  if (args.flags.has('json')) console.log(JSON.stringify(summary, null, 2));
  else {
    for (const w of result.warnings) console.error(`warning: ${w}`);
    for (const roi of result.rois) console.log(`${roi.number} ${roi.name}: ${roi.contourCount} contour(s)${roi.warnings.length ? ` (${roi.warnings.join('; ')})` : ''}`);
    console.log(`${summaryPath}: ${result.rois.length} ROI(s)`);
  }
}

async function exportCommand(argv: string[], args: ParsedArgs): Promise<void> {
  const structures = await structuresFromArgs(argv, args, rtstructUsage);
  const out = resolve(required(args, 'out', rtstructUsage));
  const result = await exportRtStructFile(structures.ref, structures.list, out, { force: args.flags.has('force'), label: stringFlag(args, 'label') ?? 'Delineate' });
  for (const w of result.lint.warnings) console.error(`lint warning: ${w}`);
  for (const w of result.warnings) console.error(`warning: ${w}`);
  console.log(`${result.path}: ${structures.list.map((s, n) => `${s.name} (${result.contourCounts[n]} contours)`).join(', ')}`);
}

/** Masks named on the command line, each matched to the reference grid in world coordinates. */
export async function structuresFromArgs(argv: string[], args: ParsedArgs, usage: string) {
  const refDir = required(args, 'ref', usage);
  const masks = pairs(argv, 'mask');
  if (masks.size === 0) throw new DelineateError('invalid-input', `${usage}\n(at least one --mask NAME=file.nii.gz is needed)`);
  const types = pairs(argv, 'type');
  const colours = pairs(argv, 'colour');
  const algorithms = pairs(argv, 'algorithm');
  const models = pairs(argv, 'model');
  for (const [flag, map] of [['type', types], ['colour', colours], ['algorithm', algorithms], ['model', models]] as const) {
    for (const name of map.keys()) if (!masks.has(name)) throw new DelineateError('invalid-input', `--${flag} ${name}=...: no --mask named ${name}`);
  }
  const loaded = await planSeries(resolve(refDir));
  const ref = await imageReferenceOf(loaded);
  const list: StructureToExport[] = [];
  const layers = new MaskLayers(voxelCount(ref.grid));
  let n = 0;
  for (const [name, file] of masks) {
    const { voxels, label } = layers.add(valuesOnGrid((await readNiftiFile(resolve(file))).volume, ref.grid));
    const algorithm = (algorithms.get(name) ?? (models.has(name) ? 'AUTOMATIC' : 'MANUAL')).toUpperCase();
    if (algorithm !== 'MANUAL' && algorithm !== 'SEMIAUTOMATIC' && algorithm !== 'AUTOMATIC') {
      throw new DelineateError('invalid-input', `--algorithm ${name}=${algorithm}: must be MANUAL, SEMIAUTOMATIC or AUTOMATIC`);
    }
    const description = models.get(name);
    const generation: Generation = description ? { algorithm, description } : { algorithm };
    list.push({ name, type: types.get(name) ?? 'ORGAN', colour: colourOf(colours.get(name), n++), generation, voxels, label });
  }
  return { ref, list };
}

/** Every `--flag NAME=value` (or `--flag=NAME=value`) occurrence, in order. */
function pairs(argv: readonly string[], flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let n = 0; n < argv.length; n++) {
    let raw: string | undefined;
    if (argv[n] === `--${flag}`) raw = argv[++n];
    else if (argv[n]!.startsWith(`--${flag}=`)) raw = argv[n]!.slice(flag.length + 3);
    if (raw === undefined) continue;
    const at = raw.indexOf('=');
    if (at <= 0) throw new DelineateError('invalid-input', `--${flag} ${raw}: expected NAME=value`);
    const name = raw.slice(0, at);
    if (out.has(name)) throw new DelineateError('invalid-input', `--${flag} ${name} is given twice`);
    out.set(name, raw.slice(at + 1));
  }
  return out;
}

/** A distinct colour per structure when none is given (a fixed palette, so exports are reproducible). */
const palette: Rgb[] = [[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48], [145, 30, 180], [70, 240, 240], [240, 50, 230]];

function colourOf(raw: string | undefined, index: number): Rgb {
  if (raw === undefined) return palette[index % palette.length]!;
  const parts = raw.split(',').map(Number);
  if (parts.length !== 3 || parts.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) throw new DelineateError('invalid-input', `--colour ${raw}: expected r,g,b with values 0 to 255`);
  return [parts[0]!, parts[1]!, parts[2]!];
}

export function required(args: ParsedArgs, name: string, usage: string): string {
  const value = stringFlag(args, name);
  if (!value) throw new DelineateError('invalid-input', `${usage}\n(--${name} is needed)`);
  return value;
}
