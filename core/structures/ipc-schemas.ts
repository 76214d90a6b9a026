import { z } from 'zod';
import { EffortRecord, MaskPatchSchema, StructureMeta, StructureOp } from './schemas.ts';

/** Workspace ids are their folder names: `case-` + 16 hex of the series UID and grid fingerprint. */
export const WorkspaceId = z.string().regex(/^case-[0-9a-f]{16}$/, 'not a workspace id');

export const SaveStatusSchema = z.object({
  state: z.enum(['saved', 'saving', 'failing']),
  message: z.string().nullable(),
  unsaved: z.number().int().nonnegative(),
  lastSavedAt: z.number().nullable(),
});

export const HistorySummary = z.object({ labels: z.array(z.string()), position: z.number().int().nonnegative() });

/**
 * A workspace as the renderer receives it on open: each structure's meta, version and effort, and its whole
 * mask as one run-length patch over its bounding box (null when empty). Build the renderer's copy by
 * applying `{ op: 'create', structure: meta, version, patch }` for each, without history: the main side
 * holds the undo history, and `workspace.apply` with an undo op answers with the effects to mirror.
 */
export const WorkspaceState = z.object({
  workspaceId: WorkspaceId,
  folder: z.string(),
  image: z.object({ path: z.string(), seriesInstanceUid: z.string(), description: z.string() }),
  /** True when this open replayed work that a crashed session had journaled. */
  recovered: z.boolean(),
  warnings: z.array(z.string()),
  structures: z.array(
    z.object({ meta: StructureMeta, version: z.number().int().nonnegative(), effort: EffortRecord, outOfDate: z.boolean(), patch: MaskPatchSchema.nullable() }),
  ),
  history: HistorySummary,
  save: SaveStatusSchema,
});
export type WorkspaceState = z.infer<typeof WorkspaceState>;

export const ApplyOpsInput = z.object({ workspaceId: WorkspaceId, ops: z.array(StructureOp).min(1).max(256) }).strict();
export const ApplyOpsOutput = z.object({
  /** What the undo and redo ops among them changed, in order, as ops for a history-less mirror to apply. */
  effects: z.array(StructureOp),
  seq: z.number().int().nonnegative(),
  history: HistorySummary,
  save: SaveStatusSchema,
});

export const RecoverableSchema = z.object({
  workspaceId: WorkspaceId,
  folder: z.string(),
  image: z.object({ path: z.string(), seriesInstanceUid: z.string(), description: z.string() }),
  openedAt: z.string(),
  journalSegments: z.number().int().nonnegative(),
});

export const AuditPage = z.object({
  records: z.array(z.object({ seq: z.number().int(), time: z.string(), user: z.string(), host: z.string(), kind: z.string() }).passthrough()),
  verdict: z.object({ ok: z.boolean(), records: z.number().int(), brokenAtLine: z.number().int().nullable(), message: z.string() }),
});
