/** True on every platform the app ships for; checked rather than assumed so a big-endian host stays correct. */
export const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the byte order of each element of `elementBytes` bytes, in place. */
export function swapBytes(bytes: Uint8Array, elementBytes: number): void {
  if (elementBytes === 1) return;
  for (let start = 0; start + elementBytes <= bytes.length; start += elementBytes) {
    for (let a = start, b = start + elementBytes - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}
