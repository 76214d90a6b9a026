export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * Calls `onSize` with an element's size in whole CSS pixels now (read synchronously, so a view can draw in
 * this frame) and whenever it changes. Returns the function that stops watching.
 */
export function observeSize(element: HTMLElement, onSize: (size: Size) => void): () => void {
  const report = (box: { width: number; height: number }) => onSize({ width: Math.round(box.width), height: Math.round(box.height) });
  report(element.getBoundingClientRect());
  const observer = new ResizeObserver(([entry]) => report(entry!.contentRect));
  observer.observe(element);
  return () => observer.disconnect();
}
