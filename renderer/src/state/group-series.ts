import type { SeriesSummary } from '../../../core/ipc/schemas.ts';

export interface StudyGroup {
  readonly key: string;
  readonly date: string;
  readonly description: string;
  readonly series: SeriesSummary[];
}

export interface PatientGroup {
  readonly key: string;
  readonly name: string;
  readonly id: string;
  readonly studies: StudyGroup[];
}

/** Patient > study > series, in scan order (largest series first). */
export function groupByPatient(series: readonly SeriesSummary[]): PatientGroup[] {
  const patients = new Map<string, PatientGroup>();
  for (const s of series) {
    const patientKey = `${s.patientId}|${s.patientName}`;
    const patient = patients.get(patientKey) ?? { key: patientKey, name: s.patientName, id: s.patientId, studies: [] };
    patients.set(patientKey, patient);
    let studyGroup = patient.studies.find((g) => g.key === s.studyInstanceUid);
    if (!studyGroup) {
      studyGroup = { key: s.studyInstanceUid, date: s.studyDate, description: s.studyDescription, series: [] };
      patient.studies.push(studyGroup);
    }
    studyGroup.series.push(s);
  }
  return [...patients.values()];
}
