import { describe, expect, it } from 'vitest';
import { lps } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { slicePlane } from '../views/slice-plane.ts';
import type { ViewCamera } from '../views/view-camera.ts';
import { createOutlineTool, type Outline } from './outline-tool.ts';
import type { ToolEvent } from './tool.ts';

const volume: Volume = { dims: [20, 20, 5], spacing: [1, 1, 2], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], scalars: new Int16Array(2000) };

/** A pointer event on axial slice `k` at voxel (i, j); the screen is 10 pixels per voxel. */
function at(i: number, j: number, k = 2): ToolEvent {
  return {
    volume,
    axis: 'axial',
    plane: slicePlane(volume, 2, k),
    camera: {} as ViewCamera,
    world: lps(i, j, 2 * k),
    index: [i, j, k],
    x: i * 10,
    y: j * 10,
    button: 0,
    shiftKey: false,
    ctrlKey: false,
  };
}

function setup() {
  const finished: Outline[] = [];
  const tool = createOutlineTool({ id: 't', label: 'T', key: 't', tooltip: '', colour: 'red', finish: (o) => finished.push(o) });
  const click = (i: number, j: number, k = 2) => {
    tool.down(at(i, j, k));
    tool.up!(at(i, j, k));
  };
  return { tool, finished, click };
}

describe('outline tool', () => {
  it('closes a click-by-click outline with a click on its first point, in (u, v) slice coordinates', () => {
    const { finished, click } = setup();
    click(2, 2);
    click(8, 2);
    click(8, 7);
    expect(finished).toHaveLength(0);
    click(2.3, 2.2);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.polygon).toEqual([
      [2, 2],
      [8, 2],
      [8, 7],
    ]);
    expect(finished[0]!.plane.index).toBe(2);
  });

  it('closes on Enter, discards on Esc, and leaves other keys to the app', () => {
    const { tool, finished, click } = setup();
    expect(tool.onKey!('Escape')).toBe(false);
    click(1, 1);
    click(5, 1);
    expect(tool.onKey!('Enter')).toBe(true);
    // Two points are no outline: nothing lands.
    expect(finished).toHaveLength(0);
    click(1, 1);
    click(5, 1);
    click(5, 5);
    expect(tool.onKey!('x')).toBe(false);
    expect(tool.onKey!('Escape')).toBe(true);
    expect(tool.onKey!('Enter')).toBe(false);
    expect(finished).toHaveLength(0);
  });

  it('cancel drops an outline mid-drag: its release lands nothing, and the next press starts afresh', () => {
    const { tool, finished } = setup();
    expect(tool.cancel!()).toBe(false);
    tool.down(at(3, 3));
    for (const [i, j] of [[6, 3], [9, 5], [7, 9]] as const) tool.move!(at(i, j));
    expect(tool.cancel!()).toBe(true);
    tool.move!(at(3, 8));
    tool.up!(at(3, 8));
    expect(finished).toHaveLength(0);
    expect(tool.onKey!('Enter')).toBe(false);
    tool.down(at(2, 2));
    for (const [i, j] of [[6, 2], [8, 6], [4, 8]] as const) tool.move!(at(i, j));
    tool.up!(at(4, 8));
    expect(finished).toHaveLength(1);
    expect(finished[0]!.polygon[0]).toEqual([2, 2]);
  });

  it('a drag is a freehand outline that closes on release', () => {
    const { tool, finished } = setup();
    tool.down(at(3, 3));
    for (const [i, j] of [[6, 3], [9, 5], [7, 9], [3, 8]] as const) tool.move!(at(i, j));
    tool.up!(at(3, 8));
    expect(finished).toHaveLength(1);
    expect(finished[0]!.polygon).toHaveLength(5);
  });

  it('starts again when the slice changes under an open outline', () => {
    const { finished, click } = setup();
    click(2, 2);
    click(8, 2);
    click(8, 7, 3);
    click(2, 7, 3);
    click(2, 9, 3);
    click(8.1, 7, 3);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.plane.index).toBe(3);
    expect(finished[0]!.polygon).toHaveLength(3);
  });
});
