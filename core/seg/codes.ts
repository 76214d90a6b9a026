/** A coded concept (PS3.3 8.8): what a segment is, in a vocabulary a planning system or PACS understands. */
export interface Code {
  readonly value: string;
  readonly scheme: string;
  readonly meaning: string;
}

const sct = (value: string, meaning: string): Code => ({ value, scheme: 'SCT', meaning });

/**
 * Default SNOMED CT category and type for a structure's RT type (PS3.16 CID 7150 categories). Targets are
 * morphologically abnormal structures (neoplasm); everything else is an anatomical structure. Callers with a
 * precise anatomy code (for example from TG-263) pass it instead.
 */
export function defaultCodes(rtType: string): { category: Code; type: Code } {
  if (/^(GTV|CTV|ITV|PTV)/i.test(rtType)) {
    return { category: sct('49755003', 'Morphologically Abnormal Structure'), type: sct('108369006', 'Neoplasm') };
  }
  return { category: sct('123037004', 'Anatomical Structure'), type: sct('91723000', 'Anatomical Structure') };
}
