/**
 * `npm run bench -- render [--steps 60]`: the viewer in headless Chromium (software WebGL here) on a
 * 512x512x400 CT with 20 structures, three 2D views of 512x512 CSS pixels each.
 * - frame time while scrolling: one wheel step per frame in one of the three 2D views in turn (that view
 *   draws a new slice and its overlays, the other two redraw their crosshair lines), then gl.finish() on
 *   all three contexts (so GPU work is counted, not just queued); median and p95 over the steps;
 * - time to first image: from the voxels arriving in the page to the first drawn slice in every 2D view;
 * - texture bytes: every texImage/texStorage call of the page tallied by format (and freed on delete),
 *   against the CT's raw bytes, once the 3D view has drawn.
 * Prints figures; asserts nothing.
 */
import { launchApp } from '../e2e/launch.ts';
import { allowCompiledFunctions, countTextureBytes, scrollFrames, viewSizes } from '../e2e/pages/render-probe.ts';
import { renderCase } from './render-case.ts';
import { numberOption, percentile } from './options.ts';

export async function run(args: string[]): Promise<void> {
  const steps = numberOption(args, 'steps', 60);
  const { folder, rawBytes } = await renderCase();
  // Three 512x512 2D views: the left panel is 240 px, the grid 2x2 with 2 px gaps, toolbar and status bar.
  const app = await launchApp({
    open: folder,
    viewport: { width: 240 + 2 * 512 + 2, height: 2 * 512 + 2 + 30 + 22 },
    prepare: async (page) => {
      await allowCompiledFunctions(page);
      await page.addInitScript(countTextureBytes);
    },
  });
  const page = app.page;
  try {
    await page.locator('.app[data-state="ready"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-view="3d"][data-state="ready"]').waitFor({ timeout: 300_000 });
    await page.locator('[data-structure]').nth(19).waitFor({ timeout: 120_000 });
    // Structure surfaces are built in the background after load: measure scrolling once they are done.
    await page.locator('[data-view="3d"][data-surfaces="done"]').waitFor({ timeout: 300_000 });
    const sizes = await viewSizes(page);
    const firstImage = await page.evaluate(() => {
      const ready = performance.getEntriesByName('delineate:volume-ready')[0]!.startTime;
      const shown = ['axial', 'coronal', 'sagittal'].map((v) => performance.getEntriesByName(`delineate:first-image:${v}`)[0]!.startTime);
      return Math.max(...shown) - ready;
    });
    const textures = await page.evaluate(() => (globalThis as unknown as { textureBytes: () => { total: number; largest: number } }).textureBytes());
    await scrollFrames(page, 6);
    const frames = await scrollFrames(page, steps);
    const layers = await page.locator('[data-structure]').count();
    console.log(`render: 512x512x400 CT, ${layers} structures, 2D views ${sizes.join(', ')} CSS px, headless Chromium (software WebGL)`);
    console.log(`  scroll frame (one view's new slice + overlays, crosshairs in the others, GPU finished): median ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms over ${steps} steps`);
    console.log(`  first image after volume ready: ${firstImage.toFixed(0)} ms`);
    console.log(`  textures: ${(textures.total / 2 ** 20).toFixed(1)} MiB (largest ${(textures.largest / 2 ** 20).toFixed(1)} MiB) vs raw CT ${(rawBytes / 2 ** 20).toFixed(1)} MiB = ${(textures.total / rawBytes).toFixed(3)}x`);
  } finally {
    await app.close();
  }
}
