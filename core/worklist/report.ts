import type { CaseStatus } from './ipc-schemas.ts';
import { toCsv, type CsvField } from './csv.ts';

/** One structure's effort as its record holds it (core/structures/effort.ts). */
export interface StructureEffort {
  readonly name: string;
  readonly type: string;
  readonly activeSeconds: number;
  readonly edits: number;
  readonly clicks: number;
}

export interface CaseEffort {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly annotator: string;
  readonly updatedAt: string | null;
  /** The case's structures as they stand (a deleted structure's effort goes with it). */
  readonly structures: readonly StructureEffort[];
}

/** The report's columns, in order; docs/WORKSPACE.md says what each holds. */
export const reportColumns = ['level', 'case', 'status', 'annotator', 'structure', 'type', 'active_seconds', 'edits', 'clicks', 'updated_at'] as const;

/** One `case` row (the sums) then one `structure` row per structure, for every case in order. */
export function reportRows(cases: readonly CaseEffort[]): CsvField[][] {
  const rows: CsvField[][] = [];
  for (const c of cases) {
    const sum = (field: 'activeSeconds' | 'edits' | 'clicks') => c.structures.reduce((total, s) => total + s[field], 0);
    const row = (level: string, structure: string, type: string, seconds: number, edits: number, clicks: number): CsvField[] => [
      level,
      c.caseId,
      c.status,
      c.annotator,
      structure,
      type,
      seconds.toFixed(1),
      edits,
      clicks,
      c.updatedAt ?? '',
    ];
    rows.push(row('case', '', '', sum('activeSeconds'), sum('edits'), sum('clicks')));
    for (const s of c.structures) rows.push(row('structure', s.name, s.type, s.activeSeconds, s.edits, s.clicks));
  }
  return rows;
}

export function reportCsv(cases: readonly CaseEffort[]): string {
  return toCsv([[...reportColumns], ...reportRows(cases)]);
}
