import type { z } from 'zod';
import { parseDataSet } from '../../../core/dicom/header.ts';
import { SopClass } from '../../../core/dicom/tags.ts';
import { DelineateError } from '../../../core/errors.ts';
import { applyPatch, boundingBox, patchFromMask } from '../../../core/mask/patch.ts';
import { emptyMask, volumeCc, type Mask } from '../../../core/mask/mask.ts';
import type { RtExportInput, RtExportOutput, RtImportInput, RtImportOutput, RtLintInput, LintOutput } from '../../../core/rt/ipc-schemas.ts';
import { lintDicom } from '../../../core/rt/lint.ts';
import type { ImageReference } from '../../../core/rt/reference.ts';
import type { StructureToExport } from '../../../core/rt/rtstruct-write.ts';
import { auditExport } from '../audit/audit-events.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { StoredVolume, VolumeStore } from '../volume-store.ts';
import { imageReferenceOf, lintImageOf } from './image-reference.ts';
import { readLabelMap, sidecarPath, writeLabelMap } from './labelmap-service.ts';
import { refuseMissingFolder } from './output-file.ts';
import { exportRtStructFile, importRtStructFile, readBytes } from './rtstruct-service.ts';
import { exportSegFile, importSegFile } from './seg-service.ts';

type ImportResult = z.output<typeof RtImportOutput>;
type ExportResult = z.output<typeof RtExportOutput>;
type Imported = { number: number; name: string; type: string; colour: readonly [number, number, number] | undefined; contourCount: number; mask: Mask; warnings: string[] };

/** Fallback colours for structures whose file gives none. */
const palette = [[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48], [145, 30, 180]] as const;

/**
 * The `rt` IPC namespace: import onto a loaded volume, export from the renderer's masks, lint. Every file
 * an export writes goes into the audit log with its SHA-256, when there is one.
 */
export function rtHandlers(store: VolumeStore, audit: () => AuditLog | null = () => null) {
  const stored = (volumeId: string): StoredVolume => {
    const entry = store.get(volumeId);
    if (!entry) throw new DelineateError('not-found', `volume ${volumeId} is not loaded`);
    return entry;
  };
  const referenceOf = (entry: StoredVolume): Promise<ImageReference> => {
    if (!entry.plan) throw new DelineateError('unsupported', `${entry.info.source}: not read from DICOM slices, so DICOM structure sets cannot refer to it`);
    return imageReferenceOf({ plan: entry.plan });
  };
  const masksOf = (entry: StoredVolume, input: z.output<typeof RtExportInput>): StructureToExport[] =>
    input.structures.map((s) => {
      const mask = emptyMask(entry.volume);
      applyPatch(mask.voxels, mask.dims, s.patch, `structure "${s.name}"`);
      const generation = s.generation.description ? { algorithm: s.generation.algorithm, description: s.generation.description } : { algorithm: s.generation.algorithm };
      return { name: s.name, type: s.type, colour: s.colour, generation, voxels: mask.voxels, label: 1 };
    });

  const audited = async <T extends { written: boolean }>(result: T, files: readonly string[], input: z.output<typeof RtExportInput>, format: string): Promise<T> => {
    const log = audit();
    if (!result.written || !log) return result;
    const structures = input.structures.map((s) => s.name);
    for (const file of files) await auditExport(log, file, { format, structures, volume: stored(input.volumeId).info.source });
    return result;
  };

  return {
    /** RTSTRUCT, SEG or NIfTI label map (+ .json sidecar) onto a loaded volume, each structure as a run-length patch. */
    importFile: async ({ path, volumeId }: z.output<typeof RtImportInput>): Promise<ImportResult> => {
      const entry = stored(volumeId);
      if (/\.nii(\.gz)?$/i.test(path)) {
        const { masks, warnings } = await readLabelMap(path, entry.volume);
        return summarise('LABELMAP', masks.map((m, n) => ({ number: n + 1, name: m.name, type: m.type, colour: m.colour, contourCount: 0, mask: m.mask, warnings: [] })), warnings);
      }
      const sopClass = (parseDataSet(await readBytes(path), path, true).string('x00080016') ?? '').trim();
      const ref = await referenceOf(entry);
      if (sopClass === SopClass.Segmentation || sopClass === SopClass.LabelMapSegmentation) {
        const result = await importSegFile(path, ref, entry.info.source);
        const structures = result.segments.map((s) => ({ number: s.number, name: s.label, type: s.type?.meaning ?? '', colour: s.colour, contourCount: 0, mask: s.mask, warnings: s.warnings }));
        return summarise('SEG', structures, result.warnings);
      }
      const result = await importRtStructFile(path, ref, entry.info.source);
      return summarise('RTSTRUCT', result.rois, result.warnings);
    },
    /**
     * Writes an RTSTRUCT of the given structures on the volume (linted first; never overwrites without force).
     * With `check`, lints only and says which target files exist. Every export here, checked or not, refuses a
     * folder that does not exist and a path with ".." (refuseMissingFolder): the user named it in the dialog.
     */
    exportRtstruct: async (input: z.output<typeof RtExportInput>): Promise<ExportResult> => {
      const entry = stored(input.volumeId);
      await refuseMissingFolder(input.path);
      const result = await audited(await exportRtStructFile(await referenceOf(entry), masksOf(entry, input), input.path, optionsOf(input)), [input.path], input, 'RTSTRUCT');
      return { path: result.path, lint: result.lint, warnings: result.warnings, existing: result.existing, written: result.written };
    },
    exportSeg: async (input: z.output<typeof RtExportInput>): Promise<ExportResult> => {
      const entry = stored(input.volumeId);
      await refuseMissingFolder(input.path);
      const result = await audited(await exportSegFile(await referenceOf(entry), masksOf(entry, input), input.path, optionsOf(input)), [input.path], input, 'SEG');
      return { path: result.path, lint: result.lint, warnings: [], existing: result.existing, written: result.written };
    },
    exportLabelMap: async (input: z.output<typeof RtExportInput>): Promise<ExportResult> => {
      const entry = stored(input.volumeId);
      await refuseMissingFolder(input.path);
      const masks = masksOf(entry, input).map((s) => ({ name: s.name, colour: s.colour, type: s.type, mask: { ...entry.volume, voxels: s.voxels as Uint8Array } }));
      const result = await audited(await writeLabelMap(input.path, entry.volume, masks, optionsOf(input)), [input.path, sidecarPath(input.path)], input, 'LABELMAP');
      return { path: input.path, lint: null, ...result };
    },
    /** The conformance check on any RTSTRUCT or SEG file, against a loaded volume when one is named. */
    lint: async ({ path, volumeId }: z.output<typeof RtLintInput>): Promise<z.output<typeof LintOutput>> => {
      const image = volumeId ? lintImageOf(await referenceOf(stored(volumeId))) : undefined;
      return lintDicom(await readBytes(path), path, image);
    },
  };
}

const optionsOf = (input: z.output<typeof RtExportInput>) => ({ force: input.force ?? false, check: input.check ?? false, label: input.label ?? 'Delineate' });

function summarise(kind: ImportResult['kind'], structures: readonly Imported[], warnings: string[]): ImportResult {
  const out: ImportResult = { kind, structures: [], empty: [], warnings };
  structures.forEach((s, n) => {
    const box = boundingBox(s.mask.voxels, s.mask.dims);
    if (!box) {
      out.empty.push(s.name);
      return;
    }
    out.structures.push({
      number: s.number,
      name: s.name.slice(0, 64),
      type: s.type.slice(0, 16),
      colour: [...(s.colour ?? palette[n % palette.length]!)],
      patch: patchFromMask(s.mask.voxels, s.mask.dims, box),
      contourCount: s.contourCount,
      volumeCc: volumeCc(s.mask),
      warnings: s.warnings,
    });
  });
  return out;
}
