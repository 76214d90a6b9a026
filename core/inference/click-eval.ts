import type { VolumeGeometry } from '../geometry/volume.ts';
import type { Click } from './interactive.ts';
import { diceCoefficient } from '../mask/metrics.ts';
import { centreOf, nextClick } from './simulated-user.ts';

/**
 * Updates `mask` (full grid, 0/1) in place for the clicks so far (the last is the newest) and answers how
 * long the user waited, in ms (core has no clock; the caller measures).
 */
export type ClickTool = (mask: Uint8Array, clicks: readonly Click[]) => Promise<number>;

export interface ClickCurve {
  readonly dice: number[];
  readonly latencyMs: number[];
}

/**
 * The simulated-user protocol: click 1 at the structure's centre, each next click at the centre of the largest
 * error region; Dice and the tool's latency after every click. When the mask becomes exact the remaining
 * clicks repeat the last Dice with no latency.
 */
export async function simulateClicks(truth: Uint8Array, geometry: VolumeGeometry, tool: ClickTool, clickCount: number): Promise<ClickCurve> {
  const mask = new Uint8Array(truth.length);
  const clicks: Click[] = [];
  const curve: ClickCurve = { dice: [], latencyMs: [] };
  for (let c = 0; c < clickCount; c++) {
    const centre = c === 0 ? centreOf(truth, geometry) : null;
    const next = c === 0 ? centre && { voxel: centre, positive: true } : nextClick(truth, mask, geometry);
    if (!next) {
      curve.dice.push(curve.dice.at(-1) ?? 0);
      curve.latencyMs.push(0);
      continue;
    }
    clicks.push(next);
    curve.latencyMs.push(Math.round((await tool(mask, clicks)) * 10) / 10);
    curve.dice.push(Math.round(diceCoefficient(truth, mask) * 10000) / 10000);
  }
  return curve;
}

/** Mean Dice after 1, 3, 5 and 10 clicks (those the curves reach). */
export function meanDiceAt(curves: readonly ClickCurve[], at: readonly number[] = [1, 3, 5, 10]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of at) {
    const values = curves.filter((c) => c.dice.length >= k).map((c) => c.dice[k - 1]!);
    if (values.length) out[String(k)] = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10000) / 10000;
  }
  return out;
}
