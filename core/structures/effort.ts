import type { EffortRecord } from './schemas.ts';

/** Gaps between actions longer than this are breaks, not work (seconds). */
export const defaultIdleSeconds = 60;

export function emptyEffort(): EffortRecord {
  return { edits: 0, clicks: 0, activeSeconds: 0, lastActiveAt: null };
}

/**
 * Counts one action on a structure at `at` (ms). Active time grows by the gap since the previous action on
 * the same structure when that gap is at most `idleSeconds`; a longer gap counts nothing.
 */
export function noteActivity(
  record: EffortRecord,
  at: number,
  action: { edit: boolean; clicks: number },
  idleSeconds = defaultIdleSeconds,
): EffortRecord {
  const gap = record.lastActiveAt === null ? Infinity : (at - record.lastActiveAt) / 1000;
  return {
    edits: record.edits + (action.edit ? 1 : 0),
    clicks: record.clicks + action.clicks,
    activeSeconds: record.activeSeconds + (gap >= 0 && gap <= idleSeconds ? gap : 0),
    lastActiveAt: Math.max(at, record.lastActiveAt ?? at),
  };
}
