import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import { parseLabelSidecar } from '../../../core/labelmap/labelmap.ts';
import type { WorklistCase } from '../../../core/worklist/ipc-schemas.ts';
import { listFiles } from '../dicom-files.ts';
import { sidecarPath } from '../rt/labelmap-service.ts';
import { scanPath } from '../scan/scan.ts';

export interface CaseImage {
  readonly path: string;
  readonly kind: 'dicom' | 'nifti';
  readonly description: string;
  /** The series to load from a DICOM folder (its scan key). */
  readonly seriesKey?: string;
}

/** What a case folder holds, as found on disk; its status and effort live in the worklist store. */
export interface ScannedCase {
  readonly id: string;
  readonly folder: string;
  readonly image: CaseImage | null;
  readonly structures: WorklistCase['structures'];
  readonly problem: string | null;
}

const isNifti = (path: string) => /\.nii(\.gz)?$/i.test(path);

/**
 * The cases of a worklist folder: one per subfolder (hidden ones skipped), in natural order (case-2 before
 * case-10). Each is scanned as the study browser scans a folder, without reading pixels.
 */
export async function scanWorklistFolder(root: string): Promise<ScannedCase[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DelineateError(code === 'ENOENT' ? 'not-found' : 'io', `${root}: cannot list the worklist folder (${code ?? String(error)})`);
  }
  const names = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  if (names.length === 0) throw new DelineateError('not-found', `${root}: no case folders in it (a worklist is a folder with one subfolder per case)`);
  const cases: ScannedCase[] = [];
  for (const name of names) cases.push(await scanCase(name, join(root, name)));
  return cases;
}

/**
 * A case's image: its largest loadable DICOM series, else a NIfTI file that is not a label map. Its
 * structures to correct: an RTSTRUCT, else a SEG, on that series, else the first NIfTI label map (by name) with a
 * JSON sidecar beside it. Any other NIfTI file is taken for an image.
 */
export async function scanCase(id: string, folder: string): Promise<ScannedCase> {
  const scan = await scanPath(folder);
  const niftis = (await listFiles(folder)).filter(isNifti);
  const labelMaps: string[] = [];
  for (const path of niftis) if (await isLabelMap(path)) labelMaps.push(path);
  const labelMap = labelMaps[0] ? ({ path: labelMaps[0], format: 'LABELMAP' } as const) : null;
  const series = scan.series.find((s) => !('error' in s.plan));
  if (series) {
    const first = series.slices[0]!;
    const linked = (modality: string) => scan.objects.find((o) => o.modality === modality && o.linkedSeriesKey === series.key);
    const object = linked('RTSTRUCT') ?? linked('SEG');
    return {
      id,
      folder,
      image: { path: folder, kind: 'dicom', seriesKey: series.key, description: `${first.modality} ${first.seriesDescription} (${series.slices.length} images)`.replace(/\s+/g, ' ') },
      structures: object ? { path: object.path, format: object.modality === 'RTSTRUCT' ? 'RTSTRUCT' : 'SEG' } : labelMap,
      problem: null,
    };
  }
  const image = niftis.find((path) => !labelMaps.includes(path));
  if (image) return { id, folder, image: { path: image, kind: 'nifti', description: basename(image) }, structures: labelMap, problem: null };
  const unloadable = scan.series[0];
  const problem = unloadable && 'error' in unloadable.plan ? unloadable.plan.error : 'no image series in this folder (a DICOM series or a NIfTI file)';
  return { id, folder, image: null, structures: null, problem };
}

/**
 * A NIfTI file is a label map when a sidecar lies beside it: Delineate's (names, colours, types) or another
 * tool's name-to-value map (OpenKBP's oars.json and ptv.json, nnU-Net's labels).
 */
async function isLabelMap(path: string): Promise<boolean> {
  try {
    return !('error' in parseLabelSidecar(JSON.parse(await readFile(sidecarPath(path), 'utf8'))));
  } catch {
    return false;
  }
}
