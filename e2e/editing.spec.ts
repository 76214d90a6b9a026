import { expect, test } from '@playwright/test';
import { onSampleApp } from './pages/sample-session.ts';

const session = onSampleApp();

test('the sample opens with its ready-made structures drawn, and a brush stroke is one undoable edit', async () => {
  const { app, ui } = session;
  const page = app.page;
  await expect(page.locator('[data-structure="Liver"]')).toContainText('cc');
  await expect(page.locator('[data-structure]')).toHaveCount(31);
  await page.getByLabel('New structure name').fill('GTVp');
  await page.getByLabel('New structure type').selectOption('GTV');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const gtv = page.locator('[data-structure="GTVp"]');
  await expect(gtv).toContainText('0.0 cc');
  await expect(gtv).toHaveAttribute('aria-selected', 'true');

  const before = await ui.snapshot('axial');
  await page.keyboard.press('b');
  await expect(page.locator('[data-tool="brush"]')).toHaveAttribute('aria-pressed', 'true');
  const box = (await ui.view('axial').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  // A 5 mm brush dragged about 6 cm on one 2 mm slice: a few cc.
  await expect(gtv).not.toContainText('0.0 cc');
  const painted = Number((await gtv.locator('.volume').innerText()).replace(' cc', ''));
  expect(painted).toBeGreaterThan(0.5);
  expect(painted).toBeLessThan(10);
  expect(await ui.difference(before, await ui.snapshot('axial'))).toBeGreaterThan(0.3);
  await expect(page.locator('.history-list')).toContainText('Brush GTVp');

  await page.keyboard.press('Control+z');
  await expect(gtv).toContainText('0.0 cc');
  await page.keyboard.press('Control+y');
  await expect(gtv.locator('.volume')).toHaveText(`${painted.toFixed(1)} cc`);

  // The eraser takes it back out along the same path.
  await page.keyboard.press('e');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  await expect(gtv).toContainText('0.0 cc');
  await expect(page.locator('.history-list')).toContainText('Erase GTVp');
});
