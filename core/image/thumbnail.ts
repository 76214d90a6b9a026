/**
 * A small greyscale picture of one plane: box-averaged down to fit `size` pixels on its longer side,
 * then windowed to 0..255. plane: column index fastest. Returns row-major 8-bit pixels.
 */
export function thumbnailPixels(
  plane: ArrayLike<number>,
  columns: number,
  rows: number,
  window: { center: number; width: number },
  size: number,
): { width: number; height: number; pixels: Uint8Array } {
  const scale = Math.max(columns, rows) / size;
  const width = Math.max(1, Math.round(columns / scale));
  const height = Math.max(1, Math.round(rows / scale));
  const pixels = new Uint8Array(width * height);
  const low = window.center - window.width / 2;
  for (let y = 0; y < height; y++) {
    const j0 = Math.floor((y * rows) / height);
    const j1 = Math.max(j0 + 1, Math.floor(((y + 1) * rows) / height));
    for (let x = 0; x < width; x++) {
      const i0 = Math.floor((x * columns) / width);
      const i1 = Math.max(i0 + 1, Math.floor(((x + 1) * columns) / width));
      let sum = 0;
      for (let j = j0; j < j1; j++) for (let i = i0; i < i1; i++) sum += plane[j * columns + i]!;
      const mean = sum / ((j1 - j0) * (i1 - i0));
      pixels[y * width + x] = Math.max(0, Math.min(255, Math.round(((mean - low) / window.width) * 255)));
    }
  }
  return { width, height, pixels };
}

/** An 8-bit greyscale BMP (palette of 256 greys): a format every browser shows, no compression needed. */
export function encodeGreyBmp(width: number, height: number, pixels: Uint8Array): Uint8Array {
  const rowBytes = (width + 3) & ~3;
  const paletteBytes = 256 * 4;
  const dataOffset = 14 + 40 + paletteBytes;
  const bytes = new Uint8Array(dataOffset + rowBytes * height);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // 'B'
  bytes[1] = 0x4d; // 'M'
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, dataOffset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, -height, true); // negative: rows top-down
  view.setUint16(26, 1, true);
  view.setUint16(28, 8, true);
  view.setUint32(46, 256, true);
  for (let n = 0; n < 256; n++) bytes.set([n, n, n, 0], 54 + n * 4);
  for (let y = 0; y < height; y++) bytes.set(pixels.subarray(y * width, (y + 1) * width), dataOffset + y * rowBytes);
  return bytes;
}
