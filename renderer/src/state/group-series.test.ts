import { describe, expect, it } from 'vitest';
import type { SeriesSummary } from '../../../core/ipc/schemas.ts';
import { groupByPatient } from './group-series.ts';

const series = (key: string, patientId: string, study: string): SeriesSummary =>
  ({ key, patientId, patientName: `P ${patientId}`, studyInstanceUid: study, studyDate: '20260101', studyDescription: '' }) as SeriesSummary;

describe('groupByPatient', () => {
  it('nests series under patient and study, keeping scan order', () => {
    const groups = groupByPatient([series('a', '1', 's1'), series('b', '2', 's2'), series('c', '1', 's1'), series('d', '1', 's3')]);
    expect(groups.map((p) => p.id)).toEqual(['1', '2']);
    expect(groups[0]!.studies.map((s) => s.series.map((x) => x.key))).toEqual([['a', 'c'], ['d']]);
  });
});
