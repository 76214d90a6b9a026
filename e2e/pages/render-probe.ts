import type { Page } from '@playwright/test';

// Page-side probes for `npm run bench -- render` (they run inside the app's page).

/**
 * tsx compiles with esbuild's keepNames, which wraps named inner functions in __name(): functions sent to the
 * page carry those calls, so give the page one before its scripts run.
 */
export async function allowCompiledFunctions(page: Page): Promise<void> {
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
}

/** Tallies the bytes of every texture the page allocates, by texture object, minus deleted ones. */
export function countTextureBytes(): void {
  const bytesPerFormat: Record<number, number> = {
    0x8229: 1, 0x822a: 2, 0x822d: 2, 0x822e: 4, 0x8f98: 2, 0x8f99: 4, 0x8058: 4, 0x1908: 4, 0x1907: 3, 0x8051: 3,
    0x8d62: 2, 0x8232: 2, 0x8234: 4, 0x8231: 1, 0x8233: 2, 0x8235: 4, 0x8236: 4, 0x822b: 2, 0x8230: 8, 0x822f: 4, 0x881a: 8, 0x8814: 16,
    0x88f0: 4, 0x81a5: 2, 0x81a6: 4, 0x8cac: 4, 0x1903: 1, 0x1909: 1, 0x190a: 2,
  };
  const sizes = new Map<WebGLTexture, Map<string, number>>();
  const bound = new WeakMap<WebGL2RenderingContext, Map<number, WebGLTexture | null>>();
  const proto = WebGL2RenderingContext.prototype;
  const bind = proto.bindTexture;
  proto.bindTexture = function (target, texture) {
    if (!bound.has(this)) bound.set(this, new Map());
    bound.get(this)!.set(target, texture);
    return bind.call(this, target, texture);
  };
  const record = (gl: WebGL2RenderingContext, target: number, level: number, format: number, w: number, h: number, d: number) => {
    const texture = bound.get(gl)?.get(target === gl.TEXTURE_2D || target === gl.TEXTURE_3D || target === gl.TEXTURE_2D_ARRAY ? target : gl.TEXTURE_CUBE_MAP);
    if (!texture) return;
    if (!sizes.has(texture)) sizes.set(texture, new Map());
    sizes.get(texture)!.set(`${target}:${level}`, w * h * d * (bytesPerFormat[format] ?? 4));
  };
  const tex2d = proto.texImage2D as (...a: unknown[]) => void;
  proto.texImage2D = function (this: WebGL2RenderingContext, ...a: unknown[]) {
    // (target, level, internalformat, width, height, border, ...) when width is a number.
    if (typeof a[3] === 'number') record(this, a[0] as number, a[1] as number, a[2] as number, a[3], a[4] as number, 1);
    return tex2d.apply(this, a);
  } as typeof proto.texImage2D;
  const tex3d = proto.texImage3D as (...a: unknown[]) => void;
  proto.texImage3D = function (this: WebGL2RenderingContext, ...a: unknown[]) {
    record(this, a[0] as number, a[1] as number, a[2] as number, a[3] as number, a[4] as number, a[5] as number);
    return tex3d.apply(this, a);
  } as typeof proto.texImage3D;
  const storage2d = proto.texStorage2D;
  proto.texStorage2D = function (target, levels, format, w, h) {
    record(this, target, 0, format, w, h, 1);
    return storage2d.call(this, target, levels, format, w, h);
  };
  const storage3d = proto.texStorage3D;
  proto.texStorage3D = function (target, levels, format, w, h, d) {
    record(this, target, 0, format, w, h, d);
    return storage3d.call(this, target, levels, format, w, h, d);
  };
  const remove = proto.deleteTexture;
  proto.deleteTexture = function (texture) {
    if (texture) sizes.delete(texture);
    return remove.call(this, texture);
  };
  (globalThis as unknown as { textureBytes: () => { total: number; largest: number } }).textureBytes = () => {
    const all = [...sizes.values()].map((levels) => [...levels.values()].reduce((s, v) => s + v, 0));
    return { total: all.reduce((s, v) => s + v, 0), largest: Math.max(0, ...all) };
  };
}

export async function scrollFrames(page: Page, steps: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const views = ['axial', 'coronal', 'sagittal'].map((v) => document.querySelector<HTMLElement>(`[data-view="${v}"]`)!);
    const contexts = views.map((v) => v.querySelector('canvas')!.getContext('webgl2')!);
    const times: number[] = [];
    for (let n = 0; n < count; n++) {
      const direction = n < count / 2 ? 1 : -1;
      const start = performance.now();
      // One wheel step in one view per frame, the views in turn: the scrolled view draws a new slice, the
      // other two move their crosshair lines.
      views[n % 3]!.dispatchEvent(new WheelEvent('wheel', { deltaY: direction * 100, bubbles: true, cancelable: true }));
      // Svelte applies the state change in a microtask; then wait for the GPU to finish what it was given.
      await Promise.resolve();
      await Promise.resolve();
      for (const gl of contexts) gl.finish();
      times.push(performance.now() - start);
    }
    return times;
  }, steps);
}


export async function viewSizes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ['axial', 'coronal', 'sagittal'].map((v) => {
      const box = document.querySelector(`[data-view="${v}"]`)!.getBoundingClientRect();
      return `${Math.round(box.width)}x${Math.round(box.height)}`;
    }),
  );
}

/** Times each pointer move of one brush stroke across the axial view: event -> mask and view updated. */
export async function brushMoves(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (moves) => {
    const view = document.querySelector<HTMLElement>('[data-view="axial"]')!;
    const gl = view.querySelector('canvas')!.getContext('webgl2')!;
    const overlay = view.querySelector<HTMLCanvasElement>('canvas.overlay')!.getContext('2d')!;
    const box = view.getBoundingClientRect();
    const at = (n: number) => ({ clientX: box.left + box.width * (0.35 + (0.3 * n) / moves), clientY: box.top + box.height * (0.45 + 0.1 * Math.sin(n / 6)), bubbles: true, pointerId: 1, button: 0, buttons: 1 });
    view.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    const times: number[] = [];
    for (let n = 1; n <= moves; n++) {
      const start = performance.now();
      view.dispatchEvent(new PointerEvent('pointermove', at(n)));
      await Promise.resolve();
      await Promise.resolve();
      gl.finish();
      // Reading a pixel back makes the 2D overlay canvas finish drawing too.
      overlay.getImageData(0, 0, 1, 1);
      times.push(performance.now() - start);
    }
    view.dispatchEvent(new PointerEvent('pointerup', { ...at(moves), buttons: 0 }));
    return times;
  }, count);
}
