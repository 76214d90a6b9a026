import { z } from 'zod';
import { UserPath, VolumeInfo } from '../ipc/schemas.ts';

/**
 * Schemas of the `worklist` and `settings` IPC namespaces: a folder of cases an annotator works through,
 * each case's status, time and annotator, exporting the finished ones, and the CSV report.
 */
export const CaseStatus = z.enum(['todo', 'in-progress', 'done', 'flagged']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** `wl-` + 16 hex of the worklist folder's path: the same folder is the same worklist. */
export const WorklistId = z.string().regex(/^wl-[0-9a-f]{16}$/, 'not a worklist id');

/**
 * A path the main side writes to or scans: absolute, since a relative one would resolve against wherever the
 * host process happens to run (POSIX `/...`, Windows `C:\...` or `\\server\share`).
 */
export const AbsolutePath = UserPath.refine((path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), 'not an absolute path');

/** A case is a subfolder of the worklist folder, named by its folder name. */
export const CaseId = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', 'not a case folder name');

/** The structure file that comes with a case, to be corrected; imported when the case is first opened. */
export const CaseStructures = z.object({ path: z.string(), format: z.enum(['RTSTRUCT', 'SEG', 'LABELMAP']) }).strict();

export const WorklistCase = z
  .object({
    id: CaseId,
    folder: z.string(),
    /** The image series of the case (a DICOM folder or a NIfTI file); null when none was found. */
    image: z.object({ path: z.string(), kind: z.enum(['dicom', 'nifti']), description: z.string() }).strict().nullable(),
    structures: CaseStructures.nullable(),
    /** Why the case cannot be opened (no image, an unreadable series), else null. */
    problem: z.string().nullable(),
    status: CaseStatus,
    /** Active seconds, edits and clicks summed over the case's structures (their effort records). */
    activeSeconds: z.number().nonnegative(),
    edits: z.number().int().nonnegative(),
    clicks: z.number().int().nonnegative(),
    /** Who last worked on the case ('' before anyone has). */
    annotator: z.string(),
    /** When its status or work last changed (ISO 8601), null before. */
    updatedAt: z.string().nullable(),
  })
  .strict();
export type WorklistCase = z.infer<typeof WorklistCase>;

export const WorklistView = z
  .object({ worklistId: WorklistId, root: z.string(), annotator: z.string(), cases: z.array(WorklistCase) })
  .strict();
export type WorklistView = z.infer<typeof WorklistView>;

export const CaseRef = z.object({ worklistId: WorklistId, caseId: CaseId }).strict();

export const OpenCaseOutput = z.object({ case: WorklistCase, volume: VolumeInfo }).strict();

export const SetStatusInput = CaseRef.extend({ status: CaseStatus }).strict();

export const ExportFormat = z.enum(['RTSTRUCT', 'SEG', 'LABELMAP']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const WorklistExportInput = z
  .object({
    worklistId: WorklistId,
    format: ExportFormat,
    folder: AbsolutePath,
    /** De-identify DICOM exports (PS3.15 basic application level confidentiality profile). */
    deidentify: z.boolean(),
    /** Replace files that exist; without it nothing is written when any target exists. */
    force: z.boolean().optional(),
  })
  .strict();

export const WorklistExportOutput = z
  .object({
    /** False when targets exist and `force` was not given: `existing` lists them and nothing was written. */
    written: z.boolean(),
    existing: z.array(z.string()),
    exported: z.array(z.object({ caseId: CaseId, files: z.array(z.string()), structures: z.number().int(), warnings: z.array(z.string()) }).strict()),
    skipped: z.array(z.object({ caseId: CaseId, reason: z.string() }).strict()),
  })
  .strict();
export type WorklistExportOutput = z.infer<typeof WorklistExportOutput>;

export const WorklistProgress = z.object({ worklistId: WorklistId, done: z.number().int().nonnegative(), total: z.number().int().nonnegative(), caseId: z.string().nullable() }).strict();

export const ReportInput = z.object({ worklistId: WorklistId, path: AbsolutePath, force: z.boolean().optional() }).strict();
export const ReportOutput = z.object({ path: z.string(), rows: z.number().int().nonnegative(), written: z.boolean() }).strict();

export const Settings = z
  .object({
    annotator: z.string().trim().min(1).max(64),
    /** A folder of the user's own models (laid out like native-models/), or null: checked on the main side. */
    modelsDir: z.string().min(1).max(4096).nullable().optional(),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;
