import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { launchApp } from './launch.ts';

const cc = async (row: Locator) => Number((await row.locator('.volume').innerText()).replace(' cc', ''));

test('RTSTRUCT export of two structures asks before replacing a file, and imports back to the same volume', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'delineate-rt-e2e-'));
  // A fresh workspace folder: structures saved by earlier runs must not come back into this one.
  process.env.DELINEATE_DATA_DIR = join(folder, 'data');
  const app = await launchApp();
  const ui = new AppPage(app.page);
  const page = app.page;
  try {
    await ui.waitReady();
    const liver = page.locator('[data-structure="Liver"]');
    await expect(liver).toHaveCount(1);
    const originalCc = await cc(liver);
    expect(originalCc).toBeGreaterThan(100);

    // Export Liver and Spleen only.
    await page.getByRole('button', { name: 'Export structures…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export structures' });
    for (const box of await dialog.getByRole('checkbox').all()) {
      const name = (await box.getAttribute('aria-label'))!.replace('Export ', '');
      await box.setChecked(name === 'Liver' || name === 'Spleen');
    }
    await expect(dialog.getByLabel('Export format')).toHaveValue('RTSTRUCT');
    await dialog.getByLabel('Folder').fill(folder);
    await dialog.getByLabel('File name').fill('RS_e2e.dcm');
    const file = join(folder, 'RS_e2e.dcm');
    await dialog.getByRole('button', { name: 'Export 2' }).click();
    await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(file);
    await expect(dialog.locator('[data-field="rt-export-report"]')).toContainText('Conformance check: no');
    expect(existsSync(file)).toBe(true);
    const written = statSync(file).mtimeMs;

    // The same name again: the user is asked, and the file stays until they say Replace.
    await dialog.getByRole('button', { name: 'Export 2' }).click();
    const confirm = dialog.getByRole('alertdialog', { name: 'Replace the existing file' });
    await expect(confirm).toContainText(`${file} already exists`);
    expect(statSync(file).mtimeMs).toBe(written);
    await confirm.getByRole('button', { name: 'Replace' }).click();
    await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(file);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Import it back: a second Liver whose volume matches the original's.
    await page.getByLabel('RTSTRUCT, SEG or NIfTI label map').fill(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.locator('[data-field="rt-import-report"]')).toContainText(/Imported 2 structure\(s\): (Liver, Spleen|Spleen, Liver)\./);
    await expect(liver).toHaveCount(2);
    const importedCc = await cc(liver.last());
    expect(Math.abs(importedCc - originalCc) / originalCc).toBeLessThan(0.01);
    expect(ui.consoleErrors).toEqual([]);
  } finally {
    await app.close();
    delete process.env.DELINEATE_DATA_DIR;
    rmSync(folder, { recursive: true, force: true });
  }
});
