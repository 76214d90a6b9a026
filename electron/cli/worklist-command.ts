import { DelineateError } from '../../core/errors.ts';
import { ExportFormat } from '../../core/worklist/ipc-schemas.ts';
import { SettingsStore } from '../services/settings.ts';
import { VolumeStore } from '../services/volume-store.ts';
import { createWorkspaceService, dataRoot } from '../services/workspace/data-root.ts';
import { exportFinishedCases } from '../services/worklist/worklist-export.ts';
import { WorklistService } from '../services/worklist/worklist-service.ts';
import { parseArgs, stringFlag } from './args.ts';

export const worklistUsage = `usage: delineate worklist list <folder> [--json]
       delineate worklist report <folder> --out report.csv [--force]
       delineate worklist export <folder> --format RTSTRUCT|SEG|LABELMAP --out-dir DIR [--deidentify] [--force]`;

/**
 * `delineate worklist ...`: the worklist a folder of cases is, as the app keeps it (statuses, annotators and
 * workspaces in the data root: $DELINEATE_DATA_DIR, else ~/.delineate), from a terminal.
 */
export async function worklistCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'force', 'deidentify']));
  const [action, folder] = args.positionals;
  if (!folder || !['list', 'report', 'export'].includes(action ?? '')) throw new DelineateError('invalid-input', worklistUsage);
  const workspaces = createWorkspaceService();
  const service = new WorklistService({ store: new VolumeStore(), workspaces: () => workspaces, dataRoot: dataRoot(), settings: new SettingsStore(dataRoot()) });
  const view = await service.open(folder);
  const force = args.flags.has('force');
  if (action === 'list') {
    if (args.flags.has('json')) console.log(JSON.stringify(view, null, 2));
    else for (const c of view.cases) console.log(`${c.status.padEnd(12)} ${formatSeconds(c.activeSeconds).padStart(8)} ${String(c.edits).padStart(5)} edits  ${(c.annotator || '-').padEnd(16)} ${c.id}${c.problem ? `  (${c.problem})` : ''}`);
    return 0;
  }
  if (action === 'report') {
    const out = stringFlag(args, 'out');
    if (!out) throw new DelineateError('invalid-input', `--out is needed\n${worklistUsage}`);
    const result = await service.report(view.worklistId, out, force);
    if (!result.written) throw new DelineateError('invalid-input', `${result.path}: already exists (use --force to replace it)`);
    console.log(`${result.path}: ${result.rows} rows`);
    return 0;
  }
  const format = ExportFormat.safeParse(stringFlag(args, 'format'));
  const outDir = stringFlag(args, 'out-dir');
  if (!format.success || !outDir) throw new DelineateError('invalid-input', worklistUsage);
  const result = await exportFinishedCases(service, workspaces.audit, view.worklistId, { format: format.data, folder: outDir, deidentify: args.flags.has('deidentify'), force }, (done, total, caseId) => {
    if (caseId) console.error(`[${done + 1}/${total}] ${caseId}`);
  });
  if (!result.written) throw new DelineateError('invalid-input', `${result.existing.join(', ')}: already exist (use --force to replace them)`);
  for (const e of result.exported) console.log(`${e.caseId}: ${e.structures} structure(s) -> ${e.files.join(', ')}`);
  for (const s of result.skipped) console.log(`${s.caseId}: skipped (${s.reason})`);
  return result.skipped.length > 0 ? 1 : 0;
}

function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
