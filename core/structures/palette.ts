/** Colours for structures that come without one (new ones, label maps from other tools), in turn: distinct on CT greys. */
export const structurePalette: readonly (readonly [number, number, number])[] = [
  [230, 60, 60],
  [60, 180, 75],
  [255, 225, 25],
  [0, 130, 200],
  [245, 130, 48],
  [145, 30, 180],
  [70, 240, 240],
  [240, 50, 230],
  [210, 245, 60],
  [250, 190, 190],
];
