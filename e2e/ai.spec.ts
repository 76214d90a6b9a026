import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { launchApp, type LaunchedApp } from './launch.ts';

let app: LaunchedApp;
let ui: AppPage;

test.beforeEach(async () => {
  app = await launchApp();
  ui = new AppPage(app.page);
  await ui.waitReady();
});
test.afterEach(async () => {
  await app.close();
  expect(ui.consoleErrors).toEqual([]);
});

/**
 * The deepest point of the liver on the sample's middle axial slice (k = 10), as DICOM column i and row j:
 * found with scipy's distance transform on the sample's label map (value 5) resampled to the CT grid.
 */
const liverCentre = { i: 156, j: 303 };

/** The voxel the status bar reads under the pointer at a fraction of the view's box. */
async function voxelAt(page: Page, view: Locator, fx: number, fy: number): Promise<{ x: number; y: number; i: number; j: number }> {
  const box = (await view.boundingBox())!;
  const [x, y] = [box.x + box.width * fx, box.y + box.height * fy];
  await page.mouse.move(x, y);
  const text = await page.locator('[data-field="voxel"]').innerText();
  const [i, j] = text.replace('voxel ', '').split(', ').map(Number) as [number, number];
  return { x, y, i, j };
}

/** Screen point of voxel (i, j) in a 2D view, from two readouts (the view maps index to screen linearly). */
async function screenOf(page: Page, view: Locator, i: number, j: number): Promise<{ x: number; y: number }> {
  const a = await voxelAt(page, view, 0.3, 0.3);
  const b = await voxelAt(page, view, 0.7, 0.7);
  return { x: a.x + ((i - a.i) * (b.x - a.x)) / (b.i - a.i), y: a.y + ((j - a.j) * (b.y - a.y)) / (b.j - a.j) };
}

test('one positive AI click in the liver proposes it, Enter lands it as one undoable edit, on the CPU provider', async () => {
  const page = app.page;
  const provider = page.locator('[data-model="delineate.click3d-ct"] [data-field="provider"]');
  await expect(provider).toContainText('cpu');
  await page.getByLabel('New structure name').fill('LiverAI');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const structure = page.locator('[data-structure="LiverAI"]');
  await expect(structure).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('a');
  await expect(page.locator('[data-tool="ai-click"]')).toHaveAttribute('aria-pressed', 'true');
  const axial = ui.view('axial');
  const target = await screenOf(page, axial, liverCentre.i, liverCentre.j);
  await page.mouse.click(target.x, target.y);
  const message = page.locator('[data-field="tool-message"]');
  await expect(message).toContainText('Enter accepts');
  // The proposal is shown before it is accepted, and is not yet part of the structure.
  await expect(structure).toContainText('0.0 cc');

  await page.keyboard.press('Enter');
  await expect(page.locator('.history-list')).toContainText('AI click (delineate.click3d-ct)');
  const cc = Number((await structure.locator('.volume').innerText()).replace(' cc', ''));
  // The liver in this 40 mm thick sample is about 700 cc; one click at its centre gives most of it.
  expect(cc).toBeGreaterThan(100);
  expect(cc).toBeLessThan(1000);
  await expect(provider).toHaveText('cpu');

  await page.keyboard.press('Control+z');
  await expect(structure).toContainText('0.0 cc');
});
