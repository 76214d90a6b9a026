import { expect, test } from '@playwright/test';
import { onSampleApp } from './pages/sample-session.ts';

const session = onSampleApp();

test('↑ ↓ over a view step its slice even with a form field focused, and leave the field as it was', async () => {
  const { app, ui } = session;
  const page = app.page;
  const margin = page.getByLabel('Margin (mm)', { exact: true });
  const operation = page.getByLabel('Boolean operation');
  const radius = page.getByLabel('Brush radius (mm)');
  const start = await ui.slice('axial');

  // The margin's number box has the focus (just typed into); the pointer goes onto the axial view.
  await margin.fill('5');
  await expect(margin).toBeFocused();
  await ui.view('axial').hover();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => ui.slice('axial')).toBe(start + 2);
  await expect(margin).toHaveValue('5');
  await expect(margin).not.toBeFocused();

  // The boolean operation list: ↓ would have moved it on to the next operation.
  await operation.selectOption('subtract');
  await operation.focus();
  await ui.view('axial').hover();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => ui.slice('axial')).toBe(start + 1);
  await expect(operation).toHaveValue('subtract');

  // The brush radius, and Page Down (10 slices).
  await radius.fill('4');
  await ui.view('axial').hover();
  await page.keyboard.press('PageDown');
  await expect.poll(() => ui.slice('axial')).toBe(start - 9);
  await expect(radius).toHaveValue('4');

  // With the pointer away from the views, the keys stay with the field: ↑ steps the margin as a number box does.
  await margin.fill('5');
  await page.getByRole('heading', { name: 'Margin (new structure)' }).hover();
  await page.keyboard.press('ArrowUp');
  await expect(margin).toHaveValue('5.5');
  expect(await ui.slice('axial')).toBe(start - 9);
});

test('Esc in the middle of a brush stroke drops it: nothing lands and nothing of it stays on screen', async () => {
  const { app, ui } = session;
  const page = app.page;
  await expect(page.locator('[data-structure]')).toHaveCount(31);
  await page.getByLabel('New structure name').fill('zEsc');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(ui.structure('zEsc')).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Brush radius (mm)').fill('8');

  const box = (await ui.view('axial').boundingBox())!;
  const away = page.getByRole('heading', { name: 'Margin (new structure)' });
  await away.hover();
  const before = await ui.stillSnapshot('axial');
  const history = await page.locator('.history-list').innerText();

  await ui.pickTool('brush');
  const [x, y] = [box.x + box.width * 0.4, box.y + box.height * 0.5];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 60, y + 30, { steps: 6 });
  await page.keyboard.press('Escape');
  await page.mouse.move(x + 90, y + 40, { steps: 3 });
  await page.mouse.up();
  // The structure has nothing, the history no new step, and the view shows what it showed before the stroke.
  expect(await ui.voxels('zEsc')).toBe(0);
  expect(await page.locator('.history-list').innerText()).toBe(history);
  await away.hover();
  const d1 = await ui.difference(before, await ui.stillSnapshot('axial'));
  expect(d1).toBeLessThan(0.02);
  // The tool stays up: Esc again puts it down.
  await expect(page.locator('[data-tool="brush"]')).toHaveAttribute('aria-pressed', 'true');
  // Nor after scrolling away and back.
  await ui.scroll('axial', 1);
  await ui.scroll('axial', -1);
  await away.hover();
  const d2 = await ui.difference(before, await ui.stillSnapshot('axial'));
  expect(d2).toBeLessThan(0.02);

  // The next stroke paints and lands as usual.
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 60, y + 30, { steps: 6 });
  await page.mouse.up();
  await expect(page.locator('.history-list')).toContainText('Brush zEsc');
  await expect.poll(() => ui.voxels('zEsc')).toBeGreaterThan(0);
  await away.hover();
  const d3 = await ui.difference(before, await ui.stillSnapshot('axial'));
  expect(d3).toBeGreaterThan(0.05);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Navigate' })).toHaveAttribute('aria-pressed', 'true');
});

test('Esc drops a polygon being drawn from the screen at once, without the pointer moving', async () => {
  const { app, ui } = session;
  const page = app.page;
  await expect(page.locator('[data-structure]')).toHaveCount(31);
  const box = (await ui.view('axial').boundingBox())!;
  const corners = [
    [0.35, 0.35],
    [0.65, 0.4],
    [0.5, 0.65],
  ].map(([fx, fy]) => ({ x: box.x + box.width * fx!, y: box.y + box.height * fy! }));
  const last = corners.at(-1)!;
  // Before: the pointer where the last click will leave it (the view reads out the voxel under it).
  await page.mouse.move(last.x, last.y);
  const before = await ui.stillSnapshot('axial');
  await ui.pickTool('polygon');
  for (const at of corners) await page.mouse.click(at.x, at.y);
  await page.mouse.move(last.x, last.y);
  expect(await ui.difference(before, await ui.stillSnapshot('axial'))).toBeGreaterThan(0.05);
  await page.keyboard.press('Escape');
  expect(await ui.difference(before, await ui.stillSnapshot('axial'))).toBeLessThan(0.02);
  await expect(page.locator('[data-tool="polygon"]')).toHaveAttribute('aria-pressed', 'true');
});
