import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from './pages/app-page.ts';
import { launchApp, type LaunchedApp } from './launch.ts';

let app: LaunchedApp | null = null;
// The test relaunches onto the same data folder, so it owns that folder (launchApp removes only its own).
// Made in a hook, not at module level: Playwright also loads spec files in its runner to list the tests.
let dataDir = '';
test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'delineate-e2e-recovery-'));
});
test.afterEach(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('an edit survives kill -9 of the app: the next launch restores the masks voxel for voxel', async () => {
  app = await launchApp({ dataDir });
  let ui = new AppPage(app.page);
  await ui.waitReady();
  let page = app.page;
  await expect(page.locator('[data-structure]')).toHaveCount(31);
  await page.getByLabel('New structure name').fill('GTVp');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.keyboard.press('b');
  const box = (await ui.view('axial').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.45);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.55, { steps: 6 });
  await page.mouse.up();
  const gtv = page.locator('[data-structure="GTVp"]');
  await expect(gtv).not.toContainText('0.0 cc');
  await expect(page.locator('[data-field="save"]')).toHaveAttribute('data-save', 'saved');
  const digests = async () =>
    page.locator('[data-structure]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-structure')}=${r.getAttribute('data-digest')}`));
  const before = await digests();
  expect(before).toHaveLength(32);

  await app.kill();
  app = await launchApp({ dataDir });
  ui = new AppPage(app.page);
  page = app.page;
  await ui.waitReady();
  await expect(page.locator('[data-field="tool-message"]')).toContainText('Restored 32 structure(s)');
  await expect(page.locator('[data-structure]')).toHaveCount(32);
  expect(await digests()).toEqual(before);
  // The history came back too: the stroke can still be undone.
  await expect(page.locator('.history-list')).toContainText('Brush GTVp');
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-structure="GTVp"]')).toContainText('0.0 cc');
});
