import { hasControlCharacter } from '../dicom/write/values.ts';

/**
 * Checks a structure name where a person gives one (creating or renaming a structure), before it becomes an
 * op. The persisted schema (schemas.ts StructureMeta) stays as lenient as it was, so workspaces saved with
 * names these rules refuse still open and can be renamed.
 */

/** DICOM ROI Name is a Long String (LO): 64 characters at most. */
export const maxStructureNameLength = 64;

export interface StructureNameCheck {
  /** Why the name cannot be used; null when it can. */
  readonly error: string | null;
  /** Something to know about a name that can be used (another structure's name in other case); else null. */
  readonly warning: string | null;
}

/**
 * `name` as it will be stored (already trimmed by the caller); `others`: the names of the other structures
 * (without the one being renamed).
 */
export function checkNewStructureName(name: string, others: readonly string[]): StructureNameCheck {
  const refuse = (error: string): StructureNameCheck => ({ error, warning: null });
  if (name.length === 0) return refuse('A structure needs a name.');
  if (name.includes('\\')) {
    return refuse(`A name cannot hold a backslash: DICOM uses it to separate values, so "GTV\\1" would reach the planning system as "GTV".`);
  }
  if (hasControlCharacter(name)) return refuse('A name cannot hold a control character (tab, line break, ...).');
  if (name.length > maxStructureNameLength) {
    return refuse(`A name has ${maxStructureNameLength} characters at most (DICOM ROI Name); this one has ${name.length}.`);
  }
  const lower = name.toLowerCase();
  const same = others.find((other) => other.toLowerCase() === lower);
  return { error: null, warning: same === undefined ? null : `Another structure is named "${same}": the planning system may not tell them apart.` };
}
