import { expect, test, type Page } from '@playwright/test';
import type { AppPage } from './pages/app-page.ts';
import { onSampleApp } from './pages/sample-session.ts';

// One launch for the file: each test goes on from the structures the one before left.
const session = onSampleApp({ perFile: true });

/** Sample facts (app voxel indices on the middle axial slice, 0.977 x 0.977 x 2 mm voxels). */
const liverCentre = { i: 156, j: 303 };
/** Left of the body: every voxel within 10 mm is below -500 HU. */
const air = { i: 40, j: 256 };
/** Voxels in a 10 mm disc on one slice (pi * 100 mm^2 / 0.954 mm^2). */
const disc10 = 329;

/** Voxel (i, j) of the axial slice shown to the screen; read once, as no test pans or zooms. */
let screenOf: Awaited<ReturnType<AppPage['axialVoxelToScreen']>>;

/** Clicks the corners of an axial rectangle (voxel indices) and closes it on its first point. */
async function clickRectangle(page: Page, [i0, j0]: [number, number], [i1, j1]: [number, number]): Promise<void> {
  const corners = [
    [i0, j0],
    [i1, j0],
    [i1, j1],
    [i0, j1],
    [i0, j0],
  ] as const;
  for (const [i, j] of corners) {
    const at = screenOf(i, j);
    await page.mouse.click(at.x, at.y);
  }
}

async function clickAt(page: Page, { i, j }: { i: number; j: number }): Promise<void> {
  const at = screenOf(i, j);
  await page.mouse.click(at.x, at.y);
}

async function addStructure(page: Page, name: string): Promise<void> {
  await page.getByLabel('New structure name').fill(name);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator(`[data-structure="${name}"]`)).toHaveAttribute('aria-selected', 'true');
}

const history = (page: Page) => page.locator('.history-list');

test('polygon clicks and a freehand loop fill their outlines on the slice; undo and Redo step through them', async () => {
  const { app, ui } = session;
  const page = app.page;
  await expect(page.locator('[data-structure]')).toHaveCount(31);
  // Only the axial view is used: maximised, the other views (the 3D one above all) spend no time drawing.
  await ui.maximise('axial');
  screenOf = await ui.axialVoxelToScreen();
  await addStructure(page, 'zDraw');

  await ui.pickTool('polygon');
  // A 60 x 60 voxel square.
  await clickRectangle(page, [200, 150], [260, 210]);
  await expect(history(page)).toContainText('Polygon zDraw');
  const square = await ui.voxels('zDraw');
  expect(square).toBeGreaterThan(3600 * 0.9);
  expect(square).toBeLessThan(3600 * 1.1);

  // Freehand: a circle of 25 voxels radius dragged in one press closes on release.
  const centre = screenOf(330, 180);
  const edge = screenOf(355, 180);
  const radius = edge.x - centre.x;
  await page.mouse.move(centre.x + radius, centre.y);
  await page.mouse.down();
  for (let step = 1; step <= 40; step++) {
    const angle = (2 * Math.PI * step) / 40;
    await page.mouse.move(centre.x + radius * Math.cos(angle), centre.y + radius * Math.sin(angle));
  }
  await page.mouse.up();
  await expect.poll(() => ui.voxels('zDraw')).toBeGreaterThan(square);
  const both = await ui.voxels('zDraw');
  // pi * 25^2 = 1963 voxels.
  expect(both - square).toBeGreaterThan(1963 * 0.85);
  expect(both - square).toBeLessThan(1963 * 1.15);
  await expect(history(page).locator('li', { hasText: 'Polygon zDraw' })).toHaveCount(2);

  await page.keyboard.press('Control+z');
  await expect.poll(() => ui.voxels('zDraw')).toBe(square);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => ui.voxels('zDraw')).toBe(both);
  await ui.putToolDown();
});

test('copy to next slice doubles the drawing; interpolation fills the slices between two drawn ones', async () => {
  const { app, ui } = session;
  const page = app.page;
  const drawn = await ui.voxels('zDraw');
  const k0 = await ui.slice('axial');
  await page.getByRole('button', { name: 'Copy to next slice' }).click();
  await expect(history(page)).toContainText(`Copy slice ${k0} to ${k0 + 1} zDraw`);
  await expect.poll(() => ui.voxels('zDraw')).toBe(2 * drawn);

  // The square again, five slices on.
  await ui.scroll('axial', 5);
  const k1 = await ui.slice('axial');
  expect(Math.abs(k1 - k0)).toBe(5);
  await ui.pickTool('polygon');
  await clickRectangle(page, [200, 150], [260, 210]);
  await expect.poll(() => ui.voxels('zDraw')).toBeGreaterThan(2 * drawn);
  const beforeInterpolation = await ui.voxels('zDraw');
  const square = beforeInterpolation - 2 * drawn;
  await ui.putToolDown();

  await page.getByRole('button', { name: 'Interpolate' }).click();
  await expect(history(page)).toContainText('Interpolate zDraw');
  // The empty slices between k1 and the nearer of k0 and its copy k0 + 1: each gets at least the square (both
  // ends hold it) and at most the square and the circle.
  const gap = k1 > k0 ? k1 - k0 - 2 : k0 - k1 - 1;
  const added = (await ui.voxels('zDraw')) - beforeInterpolation;
  expect(added).toBeGreaterThanOrEqual(gap * square * 0.9);
  expect(added).toBeLessThanOrEqual(gap * drawn * 1.05);
  await ui.scroll('axial', -5);
  expect(await ui.slice('axial')).toBe(k0);
});

test('scissors cut inside an outline through every slice, then keep only the inside of another', async () => {
  const { app, ui } = session;
  const page = app.page;
  const before = await ui.voxels('zDraw');
  // The circle (about 1963 voxels) was drawn on one slice and copied to the next: the cut takes both copies
  // and whatever interpolation made of it.
  await ui.pickTool('scissors');
  await clickRectangle(page, [290, 140], [370, 220]);
  await expect(history(page)).toContainText('Scissors (inside) zDraw');
  const squares = await ui.voxels('zDraw');
  expect(squares).toBeLessThan(before - 2 * 1963 * 0.85);

  // Outside: only what lies within i 190..230 stays, the left half of every square (i 200..260).
  await page.getByLabel('Scissors cut side').selectOption('outside');
  await clickRectangle(page, [190, 140], [230, 220]);
  await expect(history(page)).toContainText('Scissors (outside) zDraw');
  const half = await ui.voxels('zDraw');
  expect(half / squares).toBeGreaterThan(0.4);
  expect(half / squares).toBeLessThan(0.6);
  await page.getByLabel('Scissors cut side').selectOption('inside');
  await ui.putToolDown();
});

test('a 3D brush paints a sphere through the neighbouring slices, the 3D eraser takes it out, an HU limit keeps the brush off air', async () => {
  const { app, ui } = session;
  const page = app.page;
  await addStructure(page, 'zBrush');
  const radius = page.getByLabel('Brush radius (mm)');
  await radius.fill('8');
  // ] and [ grow and shrink the brush by a quarter (the field keeps typed keys, so it lets go of focus first).
  await radius.blur();
  await page.keyboard.press(']');
  await expect(radius).toHaveValue('10');
  await page.keyboard.press('[');
  await expect(radius).toHaveValue('8');
  await page.keyboard.press(']');
  await expect(radius).toHaveValue('10');
  await page.getByLabel('3D brush (sphere)').check();
  await ui.pickTool('brush');
  await clickAt(page, liverCentre);
  await expect(history(page)).toContainText('Brush 3D zBrush');
  // A 10 mm sphere on 2 mm slices: discs on 11 slices, about 2170 voxels (a disc alone is 329).
  const sphere = await ui.voxels('zBrush');
  expect(sphere).toBeGreaterThan(1900);
  expect(sphere).toBeLessThan(2450);

  await ui.pickTool('eraser');
  await clickAt(page, liverCentre);
  await expect(history(page)).toContainText('Erase 3D zBrush');
  await expect.poll(() => ui.voxels('zBrush')).toBe(0);

  await page.getByLabel('3D brush (sphere)').uncheck();
  await page.getByLabel('Limit brush to an HU range').check();
  await page.getByLabel('Brush HU minimum').fill('-100');
  await page.getByLabel('Brush HU maximum').fill('300');
  await ui.pickTool('brush');
  await clickAt(page, air);
  await clickAt(page, liverCentre);
  // The liver (50 to 150 HU there) took the whole disc, the air nothing: one disc in all, not two.
  await expect.poll(() => ui.voxels('zBrush')).toBeGreaterThan(0);
  const liverDisc = await ui.voxels('zBrush');
  expect(Math.abs(liverDisc - disc10)).toBeLessThan(disc10 * 0.1);

  await page.getByLabel('Limit brush to an HU range').uncheck();
  await clickAt(page, air);
  await expect.poll(() => ui.voxels('zBrush')).toBeGreaterThan(liverDisc + disc10 * 0.9);
  await ui.putToolDown();
});

test('remove islands and keep largest drop the small parts; fill holes closes a hole erased inside a disc', async () => {
  const { app, ui } = session;
  const page = app.page;
  await addStructure(page, 'zParts');
  const voxel = screenOf(200, 250);
  const aside = screenOf(300, 250);
  await ui.dab('brush', 10, voxel);
  await expect.poll(() => ui.voxels('zParts')).toBeGreaterThan(0);
  const main = await ui.voxels('zParts');
  await ui.dab('brush', 3, aside);
  await expect.poll(() => ui.voxels('zParts')).toBeGreaterThan(main);

  // The 3 mm dot is about 0.06 cc, the 10 mm disc 0.6 cc.
  await page.getByLabel('Smallest island kept (cc)').fill('0.2');
  await page.getByRole('button', { name: 'Remove islands <' }).click();
  await expect(history(page)).toContainText('Remove islands < 0.2 cc zParts');
  await expect.poll(() => ui.voxels('zParts')).toBe(main);

  await ui.dab('brush', 6, aside);
  await expect.poll(() => ui.voxels('zParts')).toBeGreaterThan(main);
  await page.getByRole('button', { name: 'Keep largest' }).click();
  await expect(history(page)).toContainText('Keep largest zParts');
  await expect.poll(() => ui.voxels('zParts')).toBe(main);

  await ui.dab('eraser', 3, voxel);
  await expect.poll(() => ui.voxels('zParts')).toBeLessThan(main);
  await page.getByRole('button', { name: 'Fill holes 2D' }).click();
  await expect(history(page)).toContainText('Fill holes 2D zParts');
  await expect.poll(() => ui.voxels('zParts')).toBe(main);
  await page.getByLabel('Brush radius (mm)').fill('5');
});

test('region grow in 2D stays on the clicked slice', async () => {
  const { app, ui } = session;
  const page = app.page;
  await addStructure(page, 'zGrow2D');
  await page.getByLabel('Region grow in 2D or 3D').selectOption('2d');
  await ui.pickTool('region-grow');
  await clickAt(page, liverCentre);
  await expect(history(page)).toContainText('Region grow zGrow2D');
  // scipy: 12387 voxels within 20 HU of the 3x3 mean around the click on this slice, 382728 through the volume.
  await expect.poll(() => ui.voxels('zGrow2D')).toBe(12387);
  await ui.putToolDown();
  await page.getByLabel('Region grow in 2D or 3D').selectOption('3d');
});

test('smoothing the liver runs beside the page: the status bar names it, the page keeps drawing, it lands as one edit', async () => {
  const { app, ui } = session;
  const page = app.page;
  await ui.structure('Liver').click();
  const before = await ui.voxels('Liver');
  const busy = page.locator('[data-field="busy"]');
  await page.getByRole('button', { name: 'Smooth', exact: true }).click();
  await expect(busy).toContainText('Smooth 2 mm Liver');
  // Frames drawn while the smoothing runs: run on the page's thread it would block them all (one at most
  // before it starts, none until it has landed).
  const framesWhileBusy = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const frame = () => {
          if (!document.querySelector('[data-field="busy"]')) return resolve(frames);
          frames++;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
  expect(framesWhileBusy).toBeGreaterThanOrEqual(3);
  await expect(history(page)).toContainText('Smooth 2 mm Liver');
  await expect(busy).toHaveCount(0);
  const after = await ui.voxels('Liver');
  expect(after).not.toBe(before);
  expect(Math.abs(after - before) / before).toBeLessThan(0.1);
});
