import type { JpegComponent, JpegFrame } from './frame.ts';

/** basis[x * 8 + u] = C(u) / 2 * cos((2x + 1) u pi / 16), C(0) = 1/sqrt(2): the 1-D factor of T.81 A.3.3. */
const basis: Float64Array = (() => {
  const table = new Float64Array(64);
  for (let x = 0; x < 8; x++) {
    for (let u = 0; u < 8; u++) {
      const cu = u === 0 ? Math.SQRT1_2 : 1;
      table[x * 8 + u] = (cu / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
    }
  }
  return table;
})();

/**
 * Dequantises and inverse-transforms every stored block of a component into a sample plane of
 * storedBlocksPerLine * 8 columns, level-shifted and clamped to 0..2^P-1 (T.81 A.3.1). A separable
 * double-precision IDCT: within +-1 of libjpeg's integer one, which the tests allow for.
 */
export function componentPlane(component: JpegComponent, quant: Int32Array, precision: number): Uint16Array {
  const width = component.storedBlocksPerLine * 8;
  const plane = new Uint16Array(width * component.storedBlocksPerColumn * 8);
  const shift = 1 << (precision - 1);
  const max = (1 << precision) - 1;
  const block = new Float64Array(64);
  const rows = new Float64Array(64);
  const c = component.coefficients;
  for (let by = 0; by < component.storedBlocksPerColumn; by++) {
    for (let bx = 0; bx < component.storedBlocksPerLine; bx++) {
      const offset = (by * component.storedBlocksPerLine + bx) * 64;
      for (let i = 0; i < 64; i++) block[i] = c[offset + i]! * quant[i]!;
      // Rows: rows[v * 8 + x] = sum over u of F(v, u) * basis(x, u).
      for (let v = 0; v < 8; v++) {
        for (let x = 0; x < 8; x++) {
          let sum = 0;
          for (let u = 0; u < 8; u++) sum += block[v * 8 + u]! * basis[x * 8 + u]!;
          rows[v * 8 + x] = sum;
        }
      }
      // Columns, then level shift and clamp into the plane.
      for (let y = 0; y < 8; y++) {
        const out = (by * 8 + y) * width + bx * 8;
        for (let x = 0; x < 8; x++) {
          let sum = 0;
          for (let v = 0; v < 8; v++) sum += rows[v * 8 + x]! * basis[y * 8 + v]!;
          const sample = Math.round(sum) + shift;
          plane[out + x] = sample < 0 ? 0 : sample > max ? max : sample;
        }
      }
    }
  }
  return plane;
}

/**
 * Interleaves component planes into width x height x components samples, row-major. Subsampled
 * components are replicated (nearest neighbour), not interpolated like libjpeg's "fancy" upsampling.
 */
export function interleaveComponents(frame: JpegFrame, planes: readonly Uint16Array[]): Uint16Array {
  const { width, height, components } = frame;
  const n = components.length;
  const out = new Uint16Array(width * height * n);
  components.forEach((component, index) => {
    const plane = planes[index]!;
    const planeWidth = component.storedBlocksPerLine * 8;
    const xScale = component.h / frame.hmax;
    const yScale = component.v / frame.vmax;
    for (let y = 0; y < height; y++) {
      const row = Math.floor(y * yScale) * planeWidth;
      let o = y * width * n + index;
      for (let x = 0; x < width; x++, o += n) out[o] = plane[row + Math.floor(x * xScale)]!;
    }
  });
  return out;
}
