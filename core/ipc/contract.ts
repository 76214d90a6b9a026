import { z } from 'zod';
import { AiAutoContourOutput, AiDraft, AiInteractInput, AiInteractOutput, AiModelList, AiProgress, ModelId } from './ai-schemas.ts';
import { LintOutput, RtExportInput, RtExportOutput, RtImportInput, RtImportOutput, RtLintInput } from '../rt/ipc-schemas.ts';
import { listedChannelIds, type ListedChannelId, type ListedEventName } from './channel-names.ts';
import {
  ApplyOpsInput,
  ApplyOpsOutput,
  AuditPage,
  HistorySummary,
  RecoverableSchema,
  SaveStatusSchema,
  WorkspaceId,
  WorkspaceState,
} from '../structures/ipc-schemas.ts';
import {
  AbsolutePath,
  CaseRef,
  OpenCaseOutput,
  ReportInput,
  ReportOutput,
  SetStatusInput,
  Settings,
  WorklistCase,
  WorklistExportInput,
  WorklistExportOutput,
  WorklistId,
  WorklistProgress,
  WorklistView,
} from '../worklist/ipc-schemas.ts';
import { AppInfo, Empty, ImportedStructure, LoadProgress, ScanId, ScanSummary, Thumbnail, UserPath, VolumeId, VolumeInfo } from './schemas.ts';

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
}
const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({ input, output });

/**
 * The one IPC contract. Every request the renderer can make exists here once, namespaced; the Electron
 * preload, the main-side register, the browser host and the renderer's api all derive from it.
 */
export const contract = {
  app: {
    info: channel(Empty, AppInfo),
  },
  study: {
    /** The study opened at launch (`--open`, else the bundled sample), or null when there is none. */
    initial: channel(Empty, VolumeInfo.nullable()),
    /** Opens the largest loadable image series under a path (folder, file or DICOMDIR). */
    open: channel(z.object({ path: UserPath }).strict(), VolumeInfo),
    /** Lists the image series and RT objects under a path without loading pixels. */
    scan: channel(z.object({ path: UserPath }).strict(), ScanSummary),
    /** Loads one series of an earlier scan. */
    load: channel(z.object({ scanId: ScanId, seriesKey: z.string().min(1).max(512) }).strict(), VolumeInfo),
    thumbnail: channel(z.object({ scanId: ScanId, seriesKey: z.string().min(1).max(512) }).strict(), Thumbnail),
    release: channel(z.object({ id: VolumeId }).strict(), Empty),
    /** Structures that come with the study (a label map beside it, as the bundled sample has). */
    companionStructures: channel(
      z.object({ id: VolumeId }).strict(),
      z.object({ source: z.string().nullable(), structures: z.array(ImportedStructure), warnings: z.array(z.string()) }),
    ),
    /** Stops the scans and loads in flight; they fail with code 'cancelled'. */
    cancel: channel(Empty, Empty),
  },
  ai: {
    /** Bundled and user models (with the provider each runs on once used), rejected ones with why, classic tools. */
    models: channel(Empty, AiModelList),
    /**
     * One click interaction: the current mask and all clicks so far in, the changed voxels and provenance out. A
     * model that runs a first click more than once sends the first run's answer ahead as an `ai.draft` event.
     */
    interact: channel(AiInteractInput, AiInteractOutput),
    /** Whole-volume auto-contouring; progress as `ai.progress` events. */
    autoContour: channel(z.object({ volumeId: VolumeId, modelId: ModelId }).strict(), AiAutoContourOutput),
    /** Stops AI runs in flight: queued ones are dropped, a running one's answer discarded; they fail with 'cancelled'. */
    cancel: channel(Empty, Empty),
  },
  /** Per-case workspaces: structure sets saved as they are edited, crash recovery, the audit log. */
  workspace: {
    /** Opens (or creates) the workspace of a loaded volume's case; a crashed session's journal is replayed. */
    open: channel(z.object({ volumeId: VolumeId }).strict(), WorkspaceState),
    /** Applies ops (masks as run-length MaskPatches) and journals them; answers what changed. */
    apply: channel(ApplyOpsInput, ApplyOpsOutput),
    status: channel(z.object({ workspaceId: WorkspaceId }).strict(), z.object({ save: SaveStatusSchema, history: HistorySummary })),
    /** Final snapshot; the case is no longer offered for recovery. */
    close: channel(z.object({ workspaceId: WorkspaceId }).strict(), Empty),
    /** Workspaces a crashed session left open: offer them; opening the image then restores the work. */
    recoverable: channel(Empty, z.array(RecoverableSchema)),
    /** Audit records newest first, and whether the hash chain is intact. */
    audit: channel(z.object({ offset: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(), AuditPage),
  },
  /** A folder of cases an annotator works through: status, time and annotator per case, export, report. */
  worklist: {
    /** Scans a folder (one case per subfolder) and gives its cases with their saved status and effort. */
    open: channel(z.object({ path: AbsolutePath }).strict(), WorklistView),
    /** The cases again, their time and edits read afresh from their workspaces. */
    view: channel(z.object({ worklistId: WorklistId }).strict(), WorklistView),
    /** Loads a case's image as the case's own (its own workspace); a case to do becomes in progress. */
    openCase: channel(CaseRef, OpenCaseOutput),
    setStatus: channel(SetStatusInput, WorklistCase),
    /** Every done case in one format into one folder; progress as `worklist.progress` events. */
    exportFinished: channel(WorklistExportInput, WorklistExportOutput),
    /** The CSV report of time, clicks and edits per case and per structure. */
    report: channel(ReportInput, ReportOutput),
  },
  settings: {
    get: channel(Empty, Settings),
    update: channel(Settings.partial().strict(), Settings),
  },
  dialog: {
    /** A native folder picker (Electron); null when cancelled or when the host has none (browser host). */
    chooseFolder: channel(Empty, z.object({ path: z.string().nullable(), supported: z.boolean() })),
  },
  /** Structure sets in and out: RTSTRUCT, DICOM SEG, NIfTI label maps; masks cross as run-length patches. */
  rt: {
    /** Imports a file onto a loaded volume (refused when patient or frame of reference differ). */
    importFile: channel(RtImportInput, RtImportOutput),
    /** Exports structures as an RTSTRUCT on the volume's series, linted before writing; never overwrites without force. */
    exportRtstruct: channel(RtExportInput, RtExportOutput),
    exportSeg: channel(RtExportInput, RtExportOutput),
    /** A NIfTI label map with its JSON sidecar (names, colours, types). */
    exportLabelMap: channel(RtExportInput, RtExportOutput),
    /** Conformance problems of an RTSTRUCT or SEG file in plain words (against a loaded volume when named). */
    lint: channel(RtLintInput, LintOutput),
  },
} as const;

/** Events the main side pushes to the renderer. */
export const events = {
  'study.progress': LoadProgress,
  'ai.progress': AiProgress,
  'ai.draft': AiDraft,
  'worklist.progress': WorklistProgress,
} as const;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type ChannelId = { [N in Namespace]: `${N}.${keyof Contract[N] & string}` }[Namespace];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

type Def<N extends Namespace, C extends keyof Contract[N]> = Contract[N][C] extends ChannelDef<infer I, infer O>
  ? { input: I; output: O }
  : never;
export type InputOf<N extends Namespace, C extends keyof Contract[N]> = z.input<Def<N, C>['input']>;
export type OutputOf<N extends Namespace, C extends keyof Contract[N]> = z.output<Def<N, C>['output']>;

/** What the main side implements: every channel, checked complete with `satisfies Handlers`. */
export type Handlers<Ctx = unknown> = {
  [N in Namespace]: {
    [C in keyof Contract[N]]: (input: z.output<Def<N, C>['input']>, context: Ctx) => Promise<OutputOf<N, C>>;
  };
};

/** What the renderer calls: the same shape, returning outputs or throwing DelineateError. */
export type Api = {
  [N in Namespace]: { [C in keyof Contract[N]]: (input: InputOf<N, C>) => Promise<OutputOf<N, C>> };
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time proof that the preload's zod-free name list is this contract's, channel for channel.
const namesMatchContract: Same<ChannelId, ListedChannelId> & Same<EventName, ListedEventName> = true;
void namesMatchContract;

export const channelIds: readonly ChannelId[] = listedChannelIds;

export function isChannelId(value: unknown): value is ChannelId {
  return typeof value === 'string' && (channelIds as readonly string[]).includes(value);
}

export function channelDef(id: ChannelId): ChannelDef<z.ZodType, z.ZodType> {
  const [ns, name] = id.split('.') as [Namespace, string];
  return (contract[ns] as Record<string, ChannelDef<z.ZodType, z.ZodType>>)[name]!;
}
