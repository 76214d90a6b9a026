import { z } from 'zod';
import { MaskPatchSchema } from '../structures/schemas.ts';

/** Ids the main side hands out for volumes it holds; the bulk path serves only ids of this form it knows. */
export const VolumeId = z.string().regex(/^vol-[0-9a-f]{16}$/, 'not a volume id');

const finite = z.number().finite();
const positiveInt = z.number().int().positive();

export const VolumeInfo = z.object({
  id: VolumeId,
  /** Folder or file it was read from, for display and messages. */
  source: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  modality: z.string(),
  seriesDescription: z.string(),
  studyInstanceUid: z.string(),
  seriesInstanceUid: z.string(),
  frameOfReferenceUid: z.string(),
  /** Voxels along i (columns), j (rows), k (slices). */
  dims: z.tuple([positiveInt, positiveInt, positiveInt]),
  /** mm between voxel centres along i, j, k. */
  spacing: z.tuple([finite, finite, finite]),
  /** LPS mm of voxel (0,0,0)'s centre. */
  origin: z.tuple([finite, finite, finite]),
  /** i, j, k unit vectors in LPS, row-major. */
  direction: z.array(finite).length(9),
  voxelType: z.enum(['int16', 'uint16', 'float32', 'uint8']),
  byteLength: z.number().int().nonnegative(),
  /** Display window from the file, else a soft-tissue default. */
  window: z.object({ center: finite, width: finite.positive() }),
  warnings: z.array(z.string()),
});
export type VolumeInfo = z.infer<typeof VolumeInfo>;

/** Ids of scans the main side holds, so a series can be loaded without scanning again. */
export const ScanId = z.string().regex(/^scan-[0-9a-f]{16}$/, 'not a scan id');

const triple = z.tuple([finite, finite, finite]);

export const SeriesSummary = z.object({
  key: z.string().max(512),
  seriesInstanceUid: z.string(),
  studyInstanceUid: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  studyDate: z.string(),
  studyDescription: z.string(),
  modality: z.string(),
  description: z.string(),
  frameOfReferenceUid: z.string(),
  rows: z.number().int(),
  columns: z.number().int(),
  slices: z.number().int().nullable(),
  spacing: triple.nullable(),
  origin: triple.nullable(),
  direction: z.array(finite).length(9).nullable(),
  warnings: z.array(z.string()),
  files: z.number().int(),
  loadable: z.boolean(),
});
export type SeriesSummary = z.infer<typeof SeriesSummary>;

export const ScanSummary = z.object({
  scanId: ScanId,
  root: z.string(),
  series: z.array(SeriesSummary),
  objects: z.array(
    z.object({ modality: z.string(), sopClassUid: z.string(), path: z.string(), linkedSeriesKey: z.string().nullable() }),
  ),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type ScanSummary = z.infer<typeof ScanSummary>;

export const Thumbnail = z.object({ width: z.number().int(), height: z.number().int(), dataUrl: z.string().startsWith('data:image/bmp;base64,') });

export const LoadProgress = z.object({
  phase: z.enum(['scan', 'read']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type LoadProgress = z.infer<typeof LoadProgress>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
});

/** A path from the user: bounded, no NUL bytes (they truncate paths in native code). */
export const UserPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.includes('\0'), 'path contains a NUL byte');

export const Empty = z.object({}).strict();

/** A structure read from a file (label map, RTSTRUCT, SEG) onto a loaded volume's grid. */
export const ImportedStructure = z
  .object({
    name: z.string().min(1).max(64),
    colour: z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]),
    /** RT ROI interpreted type as the file gives it ('' when it gives none). */
    type: z.string().max(16),
    patch: MaskPatchSchema,
  })
  .strict();
export type ImportedStructure = z.infer<typeof ImportedStructure>;
