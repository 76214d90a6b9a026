import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.ts';
import { reportColumns, reportCsv, type CaseEffort } from './report.ts';

/** Python's csv module, an independent reader, parses our text back into rows. */
function pythonRows(text: string): string[][] {
  const script = 'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' })) as string[][];
}

describe('CSV', () => {
  it('quotes exactly the fields that need it', () => {
    expect(csvField('GTVp')).toBe('GTVp');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(3.5)).toBe('3.5');
  });

  it('reads back unchanged, awkward fields included', () => {
    const rows = [['plain', 'comma, inside', 'quote " inside', 'line\r\nbreak', ' spaced ', '', 'ünïcödé']];
    expect(pythonRows(toCsv(rows))).toEqual(rows);
  });
});

describe('worklist report', () => {
  const cases: CaseEffort[] = [
    {
      caseId: '01 "abdomen", first',
      status: 'done',
      annotator: "O'Brien, Dr",
      updatedAt: '2024-05-01T10:00:00.000Z',
      structures: [
        { name: 'Liver', type: 'ORGAN', activeSeconds: 12.34, edits: 3, clicks: 0 },
        { name: 'GTV,p', type: 'GTV', activeSeconds: 5, edits: 2, clicks: 4 },
      ],
    },
    { caseId: '02', status: 'todo', annotator: '', updatedAt: null, structures: [] },
  ];

  it('gives a case row with the sums, then a row per structure, under documented columns', () => {
    const rows = pythonRows(reportCsv(cases));
    expect(rows[0]).toEqual([...reportColumns]);
    expect(rows.slice(1)).toEqual([
      ['case', '01 "abdomen", first', 'done', "O'Brien, Dr", '', '', '17.3', '5', '4', '2024-05-01T10:00:00.000Z'],
      ['structure', '01 "abdomen", first', 'done', "O'Brien, Dr", 'Liver', 'ORGAN', '12.3', '3', '0', '2024-05-01T10:00:00.000Z'],
      ['structure', '01 "abdomen", first', 'done', "O'Brien, Dr", 'GTV,p', 'GTV', '5.0', '2', '4', '2024-05-01T10:00:00.000Z'],
      ['case', '02', 'todo', '', '', '', '0.0', '0', '0', ''],
    ]);
  });
});
