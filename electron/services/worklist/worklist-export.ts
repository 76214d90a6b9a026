import { join } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import { generationOf } from '../../../core/rt/generation.ts';
import type { StructureToExport } from '../../../core/rt/rtstruct-write.ts';
import type { Structure } from '../../../core/structures/structure-set.ts';
import type { ExportFormat, WorklistExportOutput } from '../../../core/worklist/ipc-schemas.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditExport } from '../audit/audit-events.ts';
import { newDeidentification } from '../rt/deidentification.ts';
import { imageReferenceOf } from '../rt/image-reference.ts';
import { writeLabelMap } from '../rt/labelmap-service.ts';
import { existingOf } from '../rt/output-file.ts';
import { exportRtStructFile } from '../rt/rtstruct-service.ts';
import { exportSegFile } from '../rt/seg-service.ts';
import { sanitiseName } from '../rt/structure-files.ts';
import type { StoredVolume } from '../volume-store.ts';
import type { ScannedCase } from './case-scan.ts';
import type { OpenWorklist, WorklistService } from './worklist-service.ts';

export interface WorklistExport {
  readonly format: ExportFormat;
  readonly folder: string;
  readonly deidentify: boolean;
  readonly force?: boolean;
}

/** The files one case's export writes: `<case>_RTSTRUCT.dcm`, `<case>_SEG.dcm` or `<case>_labels.nii.gz` + `.json`. */
export function exportTargets(folder: string, caseId: string, format: ExportFormat): string[] {
  const stem = join(folder, sanitiseName(caseId));
  if (format === 'RTSTRUCT') return [`${stem}_RTSTRUCT.dcm`];
  if (format === 'SEG') return [`${stem}_SEG.dcm`];
  return [`${stem}_labels.nii.gz`, `${stem}_labels.json`];
}

/**
 * Exports every finished (done) case of a worklist in one format into one folder. Every target is checked
 * first: when any exists and `force` is not given, nothing is written and the existing files are named, so
 * the user can choose to replace them. DICOM exports are linted before writing and can be de-identified
 * (one UID map for the whole run); each written file is recorded in the audit log with its SHA-256.
 */
export async function exportFinishedCases(
  service: WorklistService,
  audit: AuditLog | null,
  worklistId: string,
  run: WorklistExport,
  onProgress: (done: number, total: number, caseId: string | null) => void,
): Promise<WorklistExportOutput> {
  const list = service.list(worklistId);
  const finished = list.cases.filter((c) => list.saved.get(c.id).status === 'done');
  const existing = await existingOf(finished.flatMap((c) => exportTargets(run.folder, c.id, run.format)));
  if (existing.length > 0 && !run.force) return { written: false, existing, exported: [], skipped: [] };
  const deidentification = run.deidentify ? newDeidentification() : undefined;
  const out: WorklistExportOutput = { written: true, existing, exported: [], skipped: [] };
  for (const [n, scanned] of finished.entries()) {
    onProgress(n, finished.length, scanned.id);
    try {
      out.exported.push(await exportCase(service, list, scanned, run, deidentification, audit));
    } catch (error) {
      out.skipped.push({ caseId: scanned.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  onProgress(finished.length, finished.length, null);
  return out;
}

async function exportCase(
  service: WorklistService,
  list: OpenWorklist,
  scanned: ScannedCase,
  run: WorklistExport,
  deidentification: ReturnType<typeof newDeidentification> | undefined,
  audit: AuditLog | null,
): Promise<WorklistExportOutput['exported'][number]> {
  if (run.format !== 'LABELMAP' && scanned.image?.kind === 'nifti') {
    throw new DelineateError('unsupported', 'a NIfTI image has no DICOM series for an RTSTRUCT or SEG to refer to: export it as a NIfTI label map');
  }
  const { stored, loaded } = await service.caseVolume(list, scanned);
  try {
    const set = await service.caseSet(list, scanned.id, stored.volume);
    const structures = set?.list().filter((s) => s.mask.voxelCount() > 0) ?? [];
    if (structures.length === 0) throw new DelineateError('not-found', 'no structure has any voxels: nothing to export');
    const files = exportTargets(run.folder, scanned.id, run.format);
    const warnings = await writeCase(stored, structures, files, run, deidentification, list.saved.get(scanned.id).annotator);
    if (audit) {
      for (const file of files) await auditExport(audit, file, { format: run.format, worklist: list.root, case: scanned.id, deidentified: !!deidentification && run.format !== 'LABELMAP' });
    }
    return { caseId: scanned.id, files, structures: structures.length, warnings };
  } finally {
    if (loaded) service.releaseCaseVolume(stored.info.id);
  }
}

async function writeCase(
  stored: StoredVolume,
  structures: readonly Structure[],
  files: readonly string[],
  run: WorklistExport,
  deidentification: ReturnType<typeof newDeidentification> | undefined,
  annotator: string,
): Promise<string[]> {
  const { volume } = stored;
  const force = run.force ?? false;
  if (run.format === 'LABELMAP') {
    const masks = structures.map((s) => ({ name: s.meta.name, colour: s.meta.color, type: s.meta.type, mask: s.mask.toMask(volume) }));
    return (await writeLabelMap(files[0]!, volume, masks, { force })).warnings;
  }
  if (!stored.plan) throw new DelineateError('unsupported', `${stored.info.source}: not read from DICOM slices, so DICOM objects cannot refer to it`);
  const ref = await imageReferenceOf({ plan: stored.plan });
  const masks: StructureToExport[] = structures.map((s) => ({
    name: s.meta.name,
    type: s.meta.type,
    colour: s.meta.color,
    generation: generationOf(s.meta),
    voxels: s.mask.toMask(volume).voxels,
    label: 1,
  }));
  // The annotator is the ROI interpreter (emptied again when de-identifying, as the profile asks).
  const options = { force, interpreter: annotator.replaceAll('\\', ' ').slice(0, 64), ...(deidentification ? { deidentification } : {}) };
  if (run.format === 'RTSTRUCT') {
    const result = await exportRtStructFile(ref, masks, files[0]!, options);
    return [...result.lint.warnings, ...result.warnings];
  }
  return (await exportSegFile(ref, masks, files[0]!, options)).lint.warnings;
}
