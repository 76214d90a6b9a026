/**
 * `npm run bench -- brush [--moves 80]`: brush latency in the app, headless Chromium (software WebGL), on the
 * render benchmark's case (512x512x400 CT, 20 structures, 512x510 views). Each pointer move of a stroke on
 * the axial slice is timed from the event to the mask updated and the view drawn (the overlay repainted and
 * gl.finish() on the view's context). Prints figures; asserts nothing.
 */
import { launchApp } from '../e2e/launch.ts';
import { allowCompiledFunctions, brushMoves } from '../e2e/pages/render-probe.ts';
import { renderCase } from './render-case.ts';
import { numberOption, percentile } from './options.ts';

export async function run(args: string[]): Promise<void> {
  const moves = numberOption(args, 'moves', 80);
  const { folder } = await renderCase();
  const app = await launchApp({ open: folder, viewport: { width: 240 + 2 * 512 + 2, height: 2 * 512 + 2 + 30 + 22 }, prepare: allowCompiledFunctions });
  const page = app.page;
  try {
    await page.locator('.app[data-state="ready"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-structure]').nth(19).waitFor({ timeout: 120_000 });
    await page.locator('[data-view="3d"][data-surfaces="done"]').waitFor({ timeout: 300_000 });
    await page.locator('[data-structure]').nth(3).click();
    await page.keyboard.press('b');
    const times = await brushMoves(page, moves);
    const landed = await page.locator('.history-list li').last().innerText();
    console.log(`brush: 5 mm disc, ${moves} pointer moves of one stroke on a 512x512 axial slice (view 512x510 CSS px), 20 structures shown`);
    console.log(`  the stroke landed as: "${landed}"`);
    console.log(`  move -> mask and view updated: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
  } finally {
    await app.close();
  }
}
