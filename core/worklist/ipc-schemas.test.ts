import { describe, expect, it } from 'vitest';
import { AbsolutePath, CaseId, ReportInput } from './ipc-schemas.ts';

describe('worklist IPC schemas', () => {
  it('take only absolute paths to scan or write (a relative one would land wherever the host runs)', () => {
    for (const path of ['/data/report.csv', 'C:\\data\\report.csv', 'c:/data', '\\\\server\\share\\cases']) expect(AbsolutePath.safeParse(path).success, path).toBe(true);
    for (const path of ['report.csv', './cases', 'case-1/x', '', '/a\0b']) expect(AbsolutePath.safeParse(path).success, path).toBe(false);
    expect(ReportInput.safeParse({ worklistId: 'wl-0123456789abcdef', path: 'report.csv' }).success).toBe(false);
  });

  it('take a case by its folder name only', () => {
    for (const id of ['case-1', '01 abdomen', 'Ünïcode']) expect(CaseId.safeParse(id).success, id).toBe(true);
    for (const id of ['..', '.', 'a/b', 'a\\b', '', 'x\0']) expect(CaseId.safeParse(id).success, id).toBe(false);
  });
});
