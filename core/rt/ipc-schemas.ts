import { z } from 'zod';
import { ImportedStructure, UserPath, VolumeId } from '../ipc/schemas.ts';
import { MaskPatchSchema } from '../structures/schemas.ts';
import { AbsolutePath } from '../worklist/ipc-schemas.ts';

/**
 * Schemas of the `rt` IPC namespace: structure sets in and out of DICOM (RTSTRUCT, SEG) and NIfTI label maps.
 * Masks cross as run-length patches in a voxel box (core/mask/patch.ts), the project's one mask transport:
 * a few kilobytes for a typical organ, never a dense voxel array.
 */
/**
 * Where an export is written: an absolute path (the worklist's rule). The export panel's folder field is free
 * text, and a relative path would be written in the main process's working folder, wherever the app happened
 * to be started; the message says what to give instead.
 */
const OutputPath = UserPath.refine(
  (path) => AbsolutePath.safeParse(path).success,
  'not an absolute path: give the full path of the file to write (a relative path would be written in the folder the app was started from)',
);

const colour = z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]);

export const RtImportInput = z.object({ path: UserPath, volumeId: VolumeId }).strict();

export const RtImportedStructure = ImportedStructure.extend({
  /** ROI or segment number in the file. */
  number: z.number().int(),
  /** RTSTRUCT: contours in the file; SEG: frames; label map: 0. */
  contourCount: z.number().int().nonnegative(),
  volumeCc: z.number().nonnegative(),
  warnings: z.array(z.string()),
}).strict();

export const RtImportOutput = z
  .object({
    kind: z.enum(['RTSTRUCT', 'SEG', 'LABELMAP']),
    structures: z.array(RtImportedStructure),
    /** Structures in the file with nothing on this image, by name. */
    empty: z.array(z.string()),
    warnings: z.array(z.string()),
  })
  .strict();

export const RtExportStructure = z
  .object({
    name: z.string().min(1).max(64),
    /** RTROIInterpretedType: ORGAN, GTV, CTV, PTV, AVOIDANCE, EXTERNAL, ... */
    type: z.string().max(16),
    colour,
    generation: z.object({ algorithm: z.enum(['MANUAL', 'SEMIAUTOMATIC', 'AUTOMATIC']), description: z.string().max(64).optional() }).strict(),
    patch: MaskPatchSchema,
  })
  .strict();

export const RtExportInput = z
  .object({
    volumeId: VolumeId,
    structures: z.array(RtExportStructure).min(1).max(1000),
    /** The file to write (.dcm for RTSTRUCT and SEG, .nii.gz for a label map with its .json sidecar): absolute. */
    path: OutputPath,
    label: z.string().max(64).optional(),
    /** Replace an existing file; without it an existing file is an error, never silently overwritten. */
    force: z.boolean().optional(),
    /** Build, encode and lint only (what the export dialog shows before the user exports): nothing is written. */
    check: z.boolean().optional(),
  })
  .strict();

export const LintOutput = z.object({ kind: z.enum(['RTSTRUCT', 'SEG', 'other']), errors: z.array(z.string()), warnings: z.array(z.string()) }).strict();

export const RtExportOutput = z
  .object({
    path: z.string(),
    /** The conformance check of the encoded file (RTSTRUCT, SEG); null for a label map. */
    lint: LintOutput.nullable(),
    /** What else the export changes or drops, in words (a label map keeps one structure per voxel). */
    warnings: z.array(z.string()),
    /** Target files already there before this call: an export without force refuses to replace them. */
    existing: z.array(z.string()),
    written: z.boolean(),
  })
  .strict();

export const RtLintInput = z.object({ path: UserPath, volumeId: VolumeId.optional() }).strict();
