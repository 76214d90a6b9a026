import type { Locator, Page } from '@playwright/test';

/** The export dialog of the RT panel, opened with exactly `names` ticked. */
export async function openExport(page: Page, names: readonly string[]): Promise<Locator> {
  await page.getByRole('button', { name: 'Export structures…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export structures' });
  for (const box of await dialog.getByRole('checkbox').all()) {
    const name = (await box.getAttribute('aria-label'))!.replace('Export ', '');
    await box.setChecked(names.includes(name));
  }
  return dialog;
}
