import { expect, test, type Page } from '@playwright/test';
import { onSampleApp } from './pages/sample-session.ts';

// One launch for the file: each test goes on from the structures the one before left.
const session = onSampleApp({ perFile: true });

/** Left of the body on the middle axial slice (app voxel indices): far from every sample structure. */
const air = { i: 40, j: 256 };

const history = (page: Page) => page.locator('.history-list');
const structureCount = (page: Page) => page.locator('[data-structure]').count();

test('a name with a backslash is refused with its reason at creation and at rename; Enter renames, Escape cancels; a name of another case warns', async () => {
  const { app, ui } = session;
  const page = app.page;
  const before = await structureCount(page);
  const name = page.getByLabel('New structure name');
  const add = page.getByRole('button', { name: 'Add', exact: true });

  await name.fill('GTV\\boost');
  await expect(page.getByLabel('Structure name problem')).toContainText('backslash');
  await expect(add).toBeDisabled();
  await name.press('Enter');
  expect(await structureCount(page)).toBe(before);

  await name.fill('GTVboost');
  await page.getByLabel('New structure type').selectOption('GTV');
  await add.click();
  await expect(ui.structure('GTVboost')).toHaveAttribute('data-type', 'GTV');
  // The next structure is an organ again unless another type is chosen.
  await expect(page.getByLabel('New structure type')).toHaveValue('ORGAN');

  const row = ui.structure('GTVboost');
  await row.getByRole('button', { name: 'Rename GTVboost' }).click();
  const field = page.getByLabel('New name for GTVboost');
  await expect(field).toHaveValue('GTVboost');
  await field.fill('GTV\\1');
  await expect(page.getByLabel('Rename problem')).toContainText('backslash');
  await expect(page.getByLabel('Rename problem')).toContainText('planning system');
  await field.press('Enter');
  await expect(field).toBeVisible();
  await expect(ui.structure('GTV\\1')).toHaveCount(0);

  // Another structure's name in other case: a warning, not a refusal.
  await field.fill('liver');
  await expect(page.getByLabel('Rename problem')).toContainText('"Liver"');
  await field.fill('GTV');
  await field.press('Enter');
  await expect(history(page)).toContainText('Rename GTVboost to GTV');
  await expect(ui.structure('GTV')).toHaveAttribute('data-type', 'GTV');
  await expect(ui.structure('GTVboost')).toHaveCount(0);

  // Escape leaves the name as it was.
  await ui.structure('GTV').getByRole('button', { name: 'Rename GTV' }).click();
  await page.getByLabel('New name for GTV').fill('Something');
  await page.getByLabel('New name for GTV').press('Escape');
  await expect(page.getByLabel('New name for GTV')).toHaveCount(0);
  await expect(ui.structure('GTV')).toHaveCount(1);
  await expect(ui.structure('Something')).toHaveCount(0);
});

test('a margin of a GTV is a PTV; an out-of-date margin keeps its name readable', async () => {
  const { app, ui } = session;
  const page = app.page;
  await ui.maximise('axial');
  await ui.structure('GTV').click();
  const screenOf = await ui.axialVoxelToScreen();
  await ui.dab('brush', 10, screenOf(air.i, air.j));
  await expect(history(page)).toContainText('Brush GTV');
  await page.getByLabel('Margin (mm)').fill('5');
  await page.getByRole('button', { name: 'Create margin' }).click();
  await expect(history(page)).toContainText('Margin 5 mm GTV');
  await expect(ui.structure('GTV+5mm')).toHaveAttribute('data-type', 'PTV');
  expect(await ui.voxels('GTV+5mm')).toBeGreaterThan(await ui.voxels('GTV'));

  // Its input edited: the margin is out of date, and its name still shows.
  await ui.structure('GTV').click();
  await ui.dab('brush', 10, screenOf(air.i, air.j + 40));
  await expect(ui.structure('GTV+5mm').locator('.out-of-date')).toHaveText('out of date');
  const nameBox = await ui.structure('GTV+5mm').locator('.name').boundingBox();
  expect(nameBox!.width).toBeGreaterThanOrEqual(40);
  await expect(ui.structure('GTV+5mm').locator('.name')).toHaveAttribute('title', /GTV\+5mm/);
});

test('delete asks with the structure name, removes it, and undo brings it back with its voxels', async () => {
  const { app, ui } = session;
  const page = app.page;
  const before = await structureCount(page);
  const voxels = await ui.voxels('GTV+5mm');
  await ui.structure('GTV+5mm').getByRole('button', { name: 'Delete GTV+5mm' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm deleting GTV+5mm' });
  await expect(confirm).toContainText('Delete GTV+5mm?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect(await structureCount(page)).toBe(before);

  await ui.structure('GTV+5mm').getByRole('button', { name: 'Delete GTV+5mm' }).click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(ui.structure('GTV+5mm')).toHaveCount(0);
  expect(await structureCount(page)).toBe(before - 1);
  await expect(history(page)).toContainText('Delete GTV+5mm');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(ui.structure('GTV+5mm')).toHaveCount(1);
  expect(await ui.voxels('GTV+5mm')).toBe(voxels);
  await expect(ui.structure('GTV+5mm')).toHaveAttribute('data-type', 'PTV');
});

test('layout: the new-name field is wide enough to read, and a 64-character name stays inside the structure panels', async () => {
  const { app, ui } = session;
  const page = app.page;
  const nameBox = await page.getByLabel('New structure name').boundingBox();
  expect(nameBox!.width).toBeGreaterThanOrEqual(80);

  const long = `PTV_${'x'.repeat(60)}`;
  await ui.structure('GTV').getByRole('button', { name: 'Rename GTV' }).click();
  await page.getByLabel('New name for GTV').fill(long);
  await page.getByLabel('New name for GTV').press('Enter');
  await expect(history(page)).toContainText(`Rename GTV to ${long}`);
  await expect(ui.structure(long).locator('.name')).toHaveAttribute('title', new RegExp(long));
  // Nothing in the structure panels (list, history, operations) reaches past the left panel's right edge.
  const beyond = await page.locator('.left-panel').evaluate((panel) => {
    const right = panel.getBoundingClientRect().left + panel.clientWidth;
    return [...panel.querySelectorAll('.structures *, .structure-ops *')]
      .filter((el) => el.getBoundingClientRect().right > right + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').slice(0, 30)}`);
  });
  expect(beyond).toEqual([]);
  // Nor does anything else make the left panel scroll sideways (the click model's list once did, by 9 px).
  expect(await page.locator('.left-panel').evaluate((panel) => panel.scrollWidth - panel.clientWidth)).toBeLessThanOrEqual(0);
});
