import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { sharedData } from './launch.ts';
import { openExport } from './pages/export-dialog.ts';
import { onSampleApp } from './pages/sample-session.ts';

// One launch for the file: each test goes on from where the one before left the app.
const session = onSampleApp({ perFile: true });

// Made in a hook, not at module level: Playwright also loads the file to list its tests, and that pass runs no
// afterAll (a module-level folder was left in /tmp at every run).
let scratch: string;
let out: string;
test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'delineate-export-guards-'));
  out = join(scratch, 'out');
  mkdirSync(out);
});
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Left of the body on the middle axial slice (app voxel indices): far from the liver, its margin and the stomach. */
const air = { i: 40, j: 256 };

test('a structure derived from an out-of-date one is out of date too, and is not exported without a warning and an explicit yes', async () => {
  const { app, ui } = session;
  const page = app.page;
  const stale = '"Liver-Stomach+5mm" is out of date: its inputs changed since it was made; update it before sending it to planning.';
  await ui.maximise('axial');
  // Stomach+5mm from the stomach, then the liver less that margin: a chain of two derived structures.
  await page.getByLabel('Margin input structure').selectOption({ label: 'Stomach' });
  await page.getByLabel('Margin (mm)').fill('5');
  await page.getByRole('button', { name: 'Create margin' }).click();
  await expect(ui.structure('Stomach+5mm')).toHaveCount(1);
  await page.getByLabel('Boolean first structure').selectOption({ label: 'Liver' });
  await page.getByLabel('Boolean operation').selectOption('subtract');
  await page.getByLabel('Boolean second structure').selectOption({ label: 'Stomach+5mm' });
  await page.getByRole('button', { name: 'Create boolean' }).click();
  await expect(ui.structure('Liver-Stomach+5mm')).toHaveCount(1);
  await expect(ui.structure('Liver-Stomach+5mm').locator('.out-of-date')).toHaveCount(0);

  // A dab on the stomach: its margin is out of date, and so is the boolean made from the margin.
  await ui.structure('Stomach').click();
  await ui.dab('brush', 10, (await ui.axialVoxelToScreen())(air.i, air.j));
  await expect(ui.structure('Stomach+5mm').locator('.out-of-date')).toHaveText('out of date');
  await expect(ui.structure('Liver-Stomach+5mm').locator('.out-of-date')).toHaveText('out of date');

  const dialog = await openExport(page, ['Liver-Stomach+5mm']);
  await dialog.getByLabel('Folder').fill(out);
  await dialog.getByLabel('File name').fill('RS_stale.dcm');
  const check = dialog.locator('[data-field="rt-check"]');
  await expect(check).toContainText('Conformance check: no errors');
  await expect(check).toContainText(stale);
  // Export asks first, naming the structure; Cancel writes nothing.
  await dialog.getByRole('button', { name: 'Export 1' }).click();
  const confirm = dialog.getByRole('alertdialog', { name: 'Export out-of-date structures' });
  await expect(confirm).toContainText('"Liver-Stomach+5mm" is out of date');
  expect(existsSync(join(out, 'RS_stale.dcm'))).toBe(false);
  await confirm.getByRole('button', { name: 'Cancel: update first' }).click();
  await expect(confirm).toHaveCount(0);
  expect(existsSync(join(out, 'RS_stale.dcm'))).toBe(false);
  // Only an explicit yes writes it.
  await dialog.getByRole('button', { name: 'Export 1' }).click();
  await confirm.getByRole('button', { name: 'Export anyway' }).click();
  await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(join(out, 'RS_stale.dcm'));
  await expect(page.locator('[data-field="tool-message"]')).toContainText('Exported 1 structure(s)');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Updated in order (the margin, then the boolean), the chain is up to date and exports with no question.
  await ui.structure('Stomach+5mm').getByRole('button', { name: 'Update' }).click();
  await expect(ui.structure('Stomach+5mm').locator('.out-of-date')).toHaveCount(0);
  await expect(ui.structure('Liver-Stomach+5mm').locator('.out-of-date')).toHaveText('out of date');
  await ui.structure('Liver-Stomach+5mm').getByRole('button', { name: 'Update' }).click();
  await expect(ui.structure('Liver-Stomach+5mm').locator('.out-of-date')).toHaveCount(0);
  const again = await openExport(page, ['Liver-Stomach+5mm']);
  await again.getByLabel('Folder').fill(out);
  await again.getByLabel('File name').fill('RS_fresh.dcm');
  await expect(again.locator('[data-field="rt-check"]')).toContainText('Conformance check: no errors');
  await expect(again.locator('[data-field="rt-stale"]')).toHaveCount(0);
  await again.getByRole('button', { name: 'Export 1' }).click();
  await expect(again.locator('[data-field="rt-written"]')).toHaveText(join(out, 'RS_fresh.dcm'));
  await again.getByRole('button', { name: 'Close' }).click();
});

test('a folder that does not exist is refused, naming it, and a file name cannot climb out of the folder', async () => {
  const { app } = session;
  const page = app.page;
  const typo = join(scratch, 'nonexistent', 'dir', 'xyz');
  const dialog = await openExport(page, ['Liver']);
  await dialog.getByLabel('Folder').fill(typo);
  await dialog.getByLabel('File name').fill('RS_typo.dcm');
  const refusal = `${typo} does not exist: check the folder, or create it first`;
  await expect(dialog.locator('[data-field="rt-check"]')).toContainText(`Cannot check: ${refusal}`);
  await dialog.getByRole('button', { name: 'Export 1' }).click();
  await expect(dialog.locator('[data-field="rt-export-error"]')).toHaveText(`Not exported: ${refusal}`);
  await expect(dialog.locator('[data-field="rt-written"]')).toHaveCount(0);
  expect(existsSync(join(scratch, 'nonexistent'))).toBe(false);

  // The real folder, but a file name that names another folder: refused before anything is checked or written.
  await dialog.getByLabel('Folder').fill(out);
  for (const name of ['../escape.dcm', 'sub/RS.dcm', '..\\escape.dcm']) {
    await dialog.getByLabel('File name').fill(name);
    await expect(dialog.locator('[data-field="rt-name-problem"]')).toContainText('may not contain a folder separator or ".."');
    await expect(dialog.getByRole('button', { name: 'Export 1' })).toBeDisabled();
  }
  expect(existsSync(join(scratch, 'escape.dcm'))).toBe(false);
  expect(readdirSync(out).filter((name) => !/^RS_(stale|fresh)\.dcm$/.test(name))).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('a folder with no DICOM in it says so and why each file was skipped; a new scan clears that; another case clears the last export message', async () => {
  const { app, ui } = session;
  const page = app.page;
  const notes = join(scratch, 'notes');
  mkdirSync(notes);
  for (let n = 1; n <= 7; n++) writeFileSync(join(notes, `note${n}.txt`), `not an image ${n}`);
  await ui.scan(notes);
  await expect(page.locator('[data-field="scan-empty"]')).toHaveText(`No image series found in ${notes}`);
  const skipped = page.locator('[data-field="scan-skipped"]');
  await expect(skipped).toContainText('7 file(s) skipped; the first 5:');
  await expect(skipped.locator('li')).toHaveCount(5);
  await expect(skipped.locator('li').first()).toContainText(/^note\d\.txt: not a readable DICOM file/);
  await expect(skipped).toContainText('… and 2 more');

  // A scan that fails shows its error alone: nothing of the previous scan stays beside it.
  await ui.scan('/definitely/not/here');
  await expect(page.locator('[data-field="scan-error"]')).toContainText('/definitely/not/here');
  await expect(skipped).toHaveCount(0);
  await expect(page.locator('[data-field="scan-empty"]')).toHaveCount(0);

  // Another case: the export message of the sample's patient is gone from the status bar.
  const dialog = await openExport(page, ['Liver']);
  await dialog.getByLabel('Folder').fill(out);
  await dialog.getByLabel('File name').fill('RS_case.dcm');
  await dialog.getByRole('button', { name: 'Export 1' }).click();
  await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(join(out, 'RS_case.dcm'));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('[data-field="tool-message"]')).toHaveText(`Exported 1 structure(s) to ${join(out, 'RS_case.dcm')}`);
  await ui.scan(join(sharedData, 'dcm_qa_ct'));
  await expect(page.locator('[data-field="scan-error"]')).toHaveCount(0);
  const series = page.locator('[data-series]').filter({ hasText: 'STD BRAIN' });
  await series.dblclick();
  await expect(page.locator('[data-field="series"]')).toContainText('STD BRAIN 5MM');
  await expect(ui.root()).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('[data-field="tool-message"]')).toHaveCount(0);
});
