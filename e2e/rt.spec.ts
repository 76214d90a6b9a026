import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { launchApp, sharedData } from './launch.ts';
import { openExport } from './pages/export-dialog.ts';

const cc = async (row: Locator) => Number((await row.locator('.volume').innerText()).replace(' cc', ''));

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('RTSTRUCT, SEG or NIfTI label map').fill(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeEnabled();
}

/**
 * One launch of the app on the sample for every RT path of the UI: export in each format with the conformance
 * check shown before anything is written, never replacing a file without asking, and each file imported back
 * onto the same image; another patient's structure set refused.
 */
test('RT structure sets in and out of the app: RTSTRUCT, SEG, NIfTI label map, and a refused one', async () => {
  // Six round trips in one launch: more than the default allowance when the machine is shared.
  test.setTimeout(240_000);
  const folder = mkdtempSync(join(tmpdir(), 'delineate-rt-e2e-'));
  const app = await launchApp({ dataDir: join(folder, 'data') });
  const ui = new AppPage(app.page);
  const page = app.page;
  const liver = page.locator('[data-structure="Liver"]');
  const spleen = page.locator('[data-structure="Spleen"]');
  const report = page.locator('[data-field="rt-import-report"]');
  const file = (name: string) => join(folder, name);
  try {
    await ui.waitReady();
    await expect(liver).toHaveCount(1);
    const liverCc = await cc(liver);
    expect(liverCc).toBeGreaterThan(100);
    const liverDigest = (await liver.getAttribute('data-digest'))!;
    const spleenDigest = (await spleen.getAttribute('data-digest'))!;
    const spleenColour = await spleen.getByLabel('Colour of Spleen').inputValue();
    // A type other than the default, to see it come back from the label map's sidecar.
    await spleen.locator('.name').click();
    await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('AVOIDANCE');
    await expect(spleen.locator('.name')).toHaveAttribute('title', 'Spleen (AVOIDANCE)');

    await test.step('RTSTRUCT: the conformance check is shown before export, and a file is never replaced without asking', async () => {
      const dialog = await openExport(page, ['Liver', 'Spleen']);
      await expect(dialog.getByLabel('Export format')).toHaveValue('RTSTRUCT');
      await dialog.getByLabel('Folder').fill(folder);
      await dialog.getByLabel('File name').fill('RS_e2e.dcm');
      await expect(dialog.locator('[data-field="rt-check"]')).toContainText('Conformance check: no errors');
      expect(existsSync(file('RS_e2e.dcm'))).toBe(false);
      await dialog.getByRole('button', { name: 'Export 2' }).click();
      await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(file('RS_e2e.dcm'));
      await expect(dialog.locator('[data-field="rt-check"]')).toContainText(`${file('RS_e2e.dcm')} already exists: you will be asked`);
      const written = statSync(file('RS_e2e.dcm')).mtimeMs;
      await dialog.getByRole('button', { name: 'Export 2' }).click();
      const confirm = dialog.getByRole('alertdialog', { name: 'Replace the existing file' });
      await expect(confirm).toContainText(`${file('RS_e2e.dcm')} already exists. Replace it?`);
      expect(statSync(file('RS_e2e.dcm')).mtimeMs).toBe(written);
      await confirm.getByRole('button', { name: 'Replace' }).click();
      await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(file('RS_e2e.dcm'));
      await expect(confirm).toHaveCount(0);

      // The same choice as DICOM SEG, then as a label map (two files: both are asked about).
      await dialog.getByLabel('Export format').selectOption('SEG');
      await dialog.getByLabel('File name').fill('SEG_e2e.dcm');
      await expect(dialog.locator('[data-field="rt-check"]')).toContainText('Conformance check: no errors');
      await dialog.getByRole('button', { name: 'Export 2' }).click();
      await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(file('SEG_e2e.dcm'));

      await dialog.getByLabel('Export format').selectOption('LABELMAP');
      await dialog.getByLabel('File name').fill('labels_e2e.nii.gz');
      await expect(dialog.locator('[data-field="rt-check"]')).toContainText('A label map has no DICOM conformance check');
      await dialog.getByRole('button', { name: 'Export 2' }).click();
      await expect(dialog.locator('[data-field="rt-written"]')).toHaveText(file('labels_e2e.nii.gz'));
      await dialog.getByRole('button', { name: 'Export 2' }).click();
      await expect(confirm).toContainText(`${file('labels_e2e.nii.gz')} and ${file('labels_e2e.json')} already exist. Replace them?`);
      await confirm.getByRole('button', { name: 'Keep the existing file' }).click();
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    await test.step('RTSTRUCT imports back to the same volume (within 1%)', async () => {
      await importFile(page, file('RS_e2e.dcm'));
      await expect(report).toContainText(/Imported 2 structure\(s\): (Liver, Spleen|Spleen, Liver)\./);
      await expect(liver).toHaveCount(2);
      expect(Math.abs((await cc(liver.last())) - liverCc) / liverCc).toBeLessThan(0.01);
    });

    await test.step('SEG imports back voxel for voxel', async () => {
      await importFile(page, file('SEG_e2e.dcm'));
      await expect(liver).toHaveCount(3);
      await expect(liver.last()).toHaveAttribute('data-digest', liverDigest);
      await expect(spleen.last()).toHaveAttribute('data-digest', spleenDigest);
    });

    await test.step('the label map imports back voxel for voxel with names, colours and types from its sidecar', async () => {
      await importFile(page, file('labels_e2e.nii.gz'));
      await expect(liver).toHaveCount(4);
      await expect(liver.last()).toHaveAttribute('data-digest', liverDigest);
      await expect(spleen.last()).toHaveAttribute('data-digest', spleenDigest);
      await expect(spleen.last().locator('.name')).toHaveAttribute('title', 'Spleen (AVOIDANCE)');
      expect(await spleen.last().getByLabel('Colour of Spleen').inputValue()).toBe(spleenColour);
    });

    await test.step('what an import survives is reported: a label value the sidecar does not name', async () => {
      const sidecar = JSON.parse(readFileSync(file('labels_e2e.json'), 'utf8')) as { labels: { name: string }[] };
      writeFileSync(file('labels_e2e.json'), JSON.stringify({ labels: sidecar.labels.filter((l) => l.name !== 'Spleen') }));
      await importFile(page, file('labels_e2e.nii.gz'));
      await expect(report).toContainText('Imported 1 structure(s): Liver.');
      await expect(report).toContainText(/Label value\(s\) \d+ have no entry in the sidecar and were left out/);
    });

    await test.step("another patient's structure set is refused in words, and nothing of it is shown", async () => {
      const rows = await page.locator('[data-structure]').count();
      await importFile(page, join(sharedData, 'pydicom', 'rtstruct.dcm'));
      await expect(page.locator('[data-field="rt-import-error"]')).toContainText(/Not imported: .*belongs to patient ID "tPhantom30sep".*another patient's contours are never imported/);
      await expect(report).toHaveCount(0);
      await expect(page.locator('[data-structure]')).toHaveCount(rows);
      await expect(page.locator('[data-structure="patient"]')).toHaveCount(0);
    });
    await test.step('the audit log in the app lists every export with its file\'s SHA-256 and shows a changed line as a broken chain', async () => {
      const sha256 = (name: string) => createHash('sha256').update(readFileSync(file(name))).digest('hex');
      const audit = page.getByRole('group', { name: 'Audit log' });
      await audit.locator('summary').click();
      const verdict = audit.locator('[data-field="audit-verdict"]');
      await expect(verdict).toHaveAttribute('data-ok', 'true');
      await expect(verdict).toContainText(/Chain intact: \d+ records/);
      const exports = audit.locator('li[data-kind="export"]');
      // RTSTRUCT twice (written, then replaced), SEG, the label map and its sidecar; newest first.
      await expect(exports).toHaveCount(5);
      for (const name of ['RS_e2e.dcm', 'SEG_e2e.dcm', 'labels_e2e.nii.gz']) {
        await expect(exports.filter({ hasText: name }).first()).toContainText(`sha256 ${sha256(name).slice(0, 12)}`);
      }
      // Change one byte of an earlier line, as someone covering their tracks would: the chain breaks there.
      const logPath = join(folder, 'data', 'audit', 'audit.jsonl');
      const lines = readFileSync(logPath, 'utf8').split('\n');
      const target = lines.findIndex((line) => line.includes('SEG_e2e.dcm'));
      lines[target] = lines[target]!.replace('"format":"SEG"', '"format":"RTSTRUCT"');
      writeFileSync(logPath, lines.join('\n'));
      await audit.getByRole('button', { name: 'Refresh' }).click();
      await expect(verdict).toHaveAttribute('data-ok', 'false');
      await expect(verdict).toContainText(`line ${target + 2}`);
    });
    expect(ui.consoleErrors).toEqual([]);
  } finally {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
