import { describe, expect, it } from 'vitest';
import { paintLayers, type OverlayLayer } from './overlay-paint.ts';

const width = 7;
const height = 5;

function square(u0: number, v0: number, u1: number, v1: number): Uint8Array {
  const bits = new Uint8Array(width * height);
  for (let v = v0; v < v1; v++) for (let u = u0; u < u1; u++) bits[u + v * width] = 1;
  return bits;
}

function rgbaAt(rgba: Uint8ClampedArray, u: number, v: number): number[] {
  const n = (u + v * width) * 4;
  return Array.from(rgba.subarray(n, n + 4));
}

describe('paintLayers', () => {
  it('fills with the layer opacity and outlines the edge pixels at full opacity', () => {
    const rgba = new Uint8ClampedArray(width * height * 4);
    const layer: OverlayLayer = { colour: [200, 100, 50], fillOpacity: 0.5, outline: true, bits: square(1, 1, 6, 4), box: [0, 0, width, height] };
    paintLayers(rgba, width, height, [layer]);
    expect(rgbaAt(rgba, 0, 0)).toEqual([0, 0, 0, 0]);
    expect(rgbaAt(rgba, 1, 1)).toEqual([200, 100, 50, 255]);
    expect(rgbaAt(rgba, 3, 2)).toEqual([200, 100, 50, 128]);
    expect(rgbaAt(rgba, 5, 3)).toEqual([200, 100, 50, 255]);
    expect(rgbaAt(rgba, 6, 3)).toEqual([0, 0, 0, 0]);
  });

  it('keeps an inner structure outline visible over an outer fill and honours the box', () => {
    const rgba = new Uint8ClampedArray(width * height * 4);
    const outer: OverlayLayer = { colour: [0, 0, 255], fillOpacity: 0.4, outline: false, bits: square(0, 0, 7, 5), box: [0, 0, width, height] };
    const inner: OverlayLayer = { colour: [255, 0, 0], fillOpacity: 0, outline: true, bits: square(2, 1, 5, 4), box: [2, 1, 5, 4] };
    paintLayers(rgba, width, height, [inner, outer]);
    expect(rgbaAt(rgba, 2, 1)).toEqual([255, 0, 0, 255]);
    expect(rgbaAt(rgba, 3, 2)).toEqual([0, 0, 255, 102]);
    expect(rgbaAt(rgba, 0, 0)).toEqual([0, 0, 255, 102]);
  });
});
