import type { Rgb } from '../rt/rtstruct-read.ts';

/**
 * sRGB (0-255) to DICOM's RecommendedDisplayCIELabValue and back (PS3.3 C.10.7.1.1: CIELab under D50, L
 * scaled 0..100 -> 0..65535, a and b -128..127 -> 0..65535).
 */
const d50 = [0.96422, 1, 0.82521] as const;
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
const fInverse = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));

export function labFromRgb(rgb: Rgb): number[] {
  const [r, g, b] = rgb.map((v) => toLinear(v / 255)) as [number, number, number];
  // Bradford-adapted sRGB -> XYZ (D50).
  const x = 0.4360747 * r + 0.3850649 * g + 0.1430804 * b;
  const y = 0.2225045 * r + 0.7168786 * g + 0.0606169 * b;
  const z = 0.0139322 * r + 0.0971045 * g + 0.7141733 * b;
  const fx = f(x / d50[0]);
  const fy = f(y / d50[1]);
  const fz = f(z / d50[2]);
  const l = 116 * fy - 16;
  const a = 500 * (fx - fy);
  const bb = 200 * (fy - fz);
  const clamp = (v: number) => Math.max(0, Math.min(65535, Math.round(v)));
  return [clamp((l * 65535) / 100), clamp(((a + 128) * 65535) / 255), clamp(((bb + 128) * 65535) / 255)];
}

export function rgbFromLab(lab: readonly number[]): Rgb {
  const l = (lab[0]! * 100) / 65535;
  const a = (lab[1]! * 255) / 65535 - 128;
  const bb = (lab[2]! * 255) / 65535 - 128;
  const fy = (l + 16) / 116;
  const x = d50[0] * fInverse(fy + a / 500);
  const y = d50[1] * fInverse(fy);
  const z = d50[2] * fInverse(fy - bb / 200);
  const r = 3.1338561 * x - 1.6168667 * y - 0.4906146 * z;
  const g = -0.9787684 * x + 1.9161415 * y + 0.033454 * z;
  const b = 0.0719453 * x - 0.2289914 * y + 1.4052427 * z;
  const out = [r, g, b].map((c) => Math.max(0, Math.min(255, Math.round(fromLinear(c) * 255))));
  return [out[0]!, out[1]!, out[2]!];
}
