// Calls into the independent references (python3 + pydicom/GDCM/dcmtk, dcm2niix, nibabel) and into our CLI,
// for electron/cli/import-correctness.test.ts. Every call is a child process; results are JSON.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import seriesFile from './series.json' with { type: 'json' };

const run = promisify(execFile);
const here = import.meta.dirname;
export const projectRoot = resolve(here, '..', '..');
export const dataRoot = resolve(projectRoot, '..', 'shared', 'data');
/** The system python, where apt installed pydicom, nibabel, numpy and scipy (not a pyenv shim). */
export const python = '/usr/bin/python3';
const bin = join(projectRoot, 'electron', 'cli', 'bin.mjs');
const MAX_BUFFER = 64 * 1024 * 1024;

export interface SeriesCase {
  id: string;
  path: string;
  seriesInstanceUid: string;
  kind: 'regular' | 'single' | 'resampled';
  lossy: boolean;
  traps: string;
  /** 'values' | 'geometry: why' | 'unsupported: why' - what dcm2niix can vouch for on this series */
  dcm2niix: string;
  /** second decoder for the pydicom reference where dcm2niix cannot check the values */
  altDecoder: 'dcmtk' | 'pydicom' | null;
  valueTolerance: number;
}
export const seriesCases = seriesFile.series as SeriesCase[];
export const tolerances = seriesFile.tolerances;
export const seriesPath = (c: SeriesCase): string => join(dataRoot, c.path);

export const referenceToolsPresent = (): boolean =>
  existsSync(python) && ['dcm2niix', 'gdcmconv', 'dcmdjpeg'].every((t) => process.env.PATH?.split(':').some((d) => existsSync(join(d, t))));

async function py<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  try {
    const { stdout } = await run(python, [join(here, script), ...args], { maxBuffer: MAX_BUFFER, env: { ...process.env, ...env }, timeout: 300_000 });
    const lines = stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]!) as T;
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${script} ${args.join(' ')} failed:\n${err.stderr ?? ''}${err.stdout ?? ''}${err.message}`);
  }
}

/** Geometry, LPS: world(i,j,k) = origin + i*sx*dirI + j*sy*dirJ + k*sz*dirK (or slicePositions[k] + ...). */
export interface ReferenceVolume {
  reader: string;
  seriesInstanceUid: string;
  modality: string;
  frameOfReferenceUid: string;
  rows: number;
  columns: number;
  slices: number;
  files: number;
  spacing: number[];
  origin: number[];
  direction: number[];
  regular: boolean;
  tilted: boolean;
  gaps: number[];
}

/** pydicom (+GDCM, or another decoder) reading of one series: `<outDir>/volume.json` + `.npy`. */
export async function pydicomReference(c: SeriesCase, outDir: string, decoder = 'gdcm'): Promise<{ json: string; volume: ReferenceVolume }> {
  const args = ['read', seriesPath(c), '--out', outDir];
  if (c.seriesInstanceUid) args.push('--series', c.seriesInstanceUid);
  const volume = await py<ReferenceVolume>('dicom_reference.py', args, { DICOM_REFERENCE_DECODER: decoder });
  return { json: join(outDir, 'volume.json'), volume };
}

export interface Dcm2niixIndex {
  outputs: string[];
  selected: string | null;
  corrected: boolean;
  why?: string;
  unsupported?: string;
}

/** dcm2niix's outputs for one series: `<outDir>/<name>.json` per NIfTI; `selected` is the one to compare with. */
export async function dcm2niixReference(c: SeriesCase, outDir: string): Promise<{ json: string | null; index: Dcm2niixIndex }> {
  const args = ['read', seriesPath(c), '--out', outDir];
  if (c.seriesInstanceUid) args.push('--series', c.seriesInstanceUid);
  const index = await py<Dcm2niixIndex>('dcm2niix_reference.py', args);
  return { json: index.selected ? join(outDir, `${index.selected}.json`) : null, index };
}

/** Any NIfTI read by nibabel into the same volume form (`<outDir>/volume.json` + `.npy`). */
export async function niftiVolume(file: string, outDir: string): Promise<string> {
  await py('compare_volumes.py', ['nifti', file, '--out', outDir]);
  return join(outDir, 'volume.json');
}

export interface AxisMatch {
  permutation: number[];
  signs: number[];
  isPermutation: boolean;
  directionError: number | null;
  spacingRelError: number | null;
  dimsEqual: boolean;
  testDims: number[];
  refDims: number[];
  originErrorMm: number | null;
  cornerErrorMm: number | null;
  testOrigin: number[];
}
export interface ExactComparison extends AxisMatch {
  maxAbsDiff?: number;
  countDiff?: number;
  voxels?: number;
  paddedVoxels?: number;
  testValuesAtPadding?: number[];
  refValuesAtPadding?: number[];
}
export interface DiffStats {
  n: number;
  median?: number;
  p99?: number;
  max?: number;
  meanSigned?: number;
  insideFraction?: number;
}
export interface ResampledComparison {
  testDims: number[];
  testSpacing: number[];
  refAtTestVoxels: DiffStats;
  testAtRefVoxels: DiffStats;
  onTestGridNodes: DiffStats;
  coverage: number;
  coverageOfData?: number;
  gapLimitMm: number | null;
  fair: 'refAtTestVoxels' | 'testAtRefVoxels';
}

export const compareGeometry = (test: string, ref: string) => py<AxisMatch>('compare_volumes.py', ['geometry', '--test', test, '--ref', ref]);
export const compareExact = (test: string, ref: string, paddingFrom?: string) =>
  py<ExactComparison>('compare_volumes.py', ['exact', '--test', test, '--ref', ref, ...(paddingFrom ? ['--padding-from', paddingFrom] : [])]);
export const compareResampled = (test: string, ref: string, within?: string) =>
  py<ResampledComparison>('compare_volumes.py', ['resampled', '--test', test, '--ref', ref, ...(within ? ['--within', within] : [])]);

// ---- our CLI ----

export interface ScanSeries {
  seriesInstanceUid: string;
  studyInstanceUid: string;
  patientId: string;
  modality: string;
  description: string;
  frameOfReferenceUid: string;
  rows: number;
  columns: number;
  slices: number | null;
  spacing: number[] | null;
  origin: number[] | null;
  direction: number[] | null;
  warnings: string[];
  files: number;
}
export interface ScanReport {
  series: ScanSeries[];
  objects: { modality: string; sopClassUid: string; path: string; referencedSeriesInstanceUid: string | null }[];
  skipped: { path: string; reason: string }[];
}

async function cli(args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [bin, ...args], { cwd: projectRoot, maxBuffer: MAX_BUFFER, timeout: 300_000 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`delineate ${args.join(' ')} failed:\n${err.stderr ?? ''}${err.message}`);
  }
}

export async function appScan(path: string): Promise<ScanReport> {
  return JSON.parse(await cli(['scan', path, '--json'])) as ScanReport;
}

export async function appConvert(path: string, out: string, seriesUid?: string): Promise<void> {
  await cli(['convert', path, out, ...(seriesUid ? ['--series', seriesUid] : [])]);
}

export const cliHasCommand = async (command: string): Promise<boolean> => (await cli(['--help'])).includes(`delineate ${command}`);

export function writeJson(dir: string, name: string, value: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}
