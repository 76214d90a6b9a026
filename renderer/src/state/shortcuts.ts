/** Every keyboard and mouse shortcut, listed once: the help overlay (?) shows this table. */
export interface Shortcut {
  readonly keys: string;
  readonly action: string;
}

export const shortcutGroups: readonly { readonly title: string; readonly items: readonly Shortcut[] }[] = [
  {
    title: 'Slices',
    items: [
      { keys: 'Wheel, ↑ ↓', action: 'Next / previous slice in the view under the pointer (even with a form field focused), else the one with focus' },
      { keys: 'Page Up / Page Down', action: '10 slices at a time' },
      { keys: 'Click', action: 'Move the crosshair there: all views follow' },
    ],
  },
  {
    title: 'Display',
    items: [
      { keys: '1 2 3 4 5', action: 'Window presets: soft tissue, lung, bone, brain, mediastinum' },
      { keys: 'Drag', action: 'Window (left-right) and level (up-down)' },
      { keys: 'Shift+drag, middle drag', action: 'Pan' },
      { keys: 'Ctrl+drag, right drag, Ctrl+wheel', action: 'Zoom' },
      { keys: 'R', action: 'Reset pan and zoom in every view' },
      { keys: 'M, double-click', action: 'Maximise the view under the pointer, or restore the 2×2 layout' },
      { keys: 'N', action: 'Switch radiological / neurological orientation' },
    ],
  },
  {
    title: 'Editing',
    items: [
      { keys: 'B', action: 'Brush: paint the selected structure (drag)' },
      { keys: 'E', action: 'Eraser: erase from the selected structure (drag)' },
      { keys: 'G', action: 'Region grow: click adds the region within the HU tolerance (2D or 3D, set in Structure operations)' },
      { keys: 'S', action: 'Scissors: draw an outline (clicks or drag); cuts inside or outside it through the volume' },
      { keys: 'P', action: 'Polygon: click points or drag freehand; fills the closed outline into the slice' },
      { keys: 'Enter', action: 'Close the outline being drawn (polygon, scissors)' },
      { keys: '[ / ]', action: 'Smaller / larger brush' },
      { keys: 'A', action: 'AI click: left click adds to the selected structure, right click or Ctrl+click removes' },
      { keys: 'Enter / Esc', action: 'Accept / discard the AI proposal' },
      { keys: 'Esc', action: 'Drop the stroke, outline or AI answer in progress (nothing of it lands); else back to navigation' },
      { keys: 'Ctrl+Z', action: 'Undo' },
      { keys: 'Ctrl+Shift+Z, Ctrl+Y', action: 'Redo' },
    ],
  },
  {
    title: 'Worklist',
    items: [
      { keys: '. / ,', action: 'Next / previous case of the worklist (the work on the case is saved as you go)' },
    ],
  },
  {
    title: 'Help',
    items: [
      { keys: '?', action: 'Show or hide this list' },
      { keys: 'Esc', action: 'Close this list' },
    ],
  },
];
