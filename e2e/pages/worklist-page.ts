import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page.ts';

/** The worklist panel as an annotator uses it; waits on the panel's own signals (data-state, data-status). */
export class WorklistPage {
  readonly ui: AppPage;

  constructor(readonly page: Page) {
    this.ui = new AppPage(page);
  }

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Worklist' });
  }

  row(caseId: string): Locator {
    return this.page.locator(`[data-case="${caseId}"]`);
  }

  async settled(): Promise<void> {
    await expect(this.panel().locator('table.cases')).toHaveAttribute('data-state', 'ready');
  }

  async open(folder: string): Promise<void> {
    await this.page.getByLabel('Folder of cases (one subfolder each)').fill(folder);
    await this.page.getByRole('button', { name: 'Open worklist' }).click();
    await this.settled();
  }

  async setAnnotator(name: string): Promise<void> {
    const field = this.page.getByLabel('Annotator name');
    await field.fill(name);
    await field.press('Enter');
  }

  /** Presses the next-case key (focus on the page, not in a field) and waits for that case on screen. */
  async next(caseId: string): Promise<void> {
    await this.key('.');
    await expect(this.row(caseId)).toHaveAttribute('aria-current', 'true');
    await this.settled();
    await this.ui.waitReady();
  }

  /** Adds a structure and paints one brush stroke across the middle of the axial view. */
  async paint(name: string): Promise<void> {
    await this.page.getByLabel('New structure name').fill(name);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.page.locator(`[data-structure="${name}"]`)).toHaveAttribute('aria-selected', 'true');
    const brush = this.page.locator('[data-tool="brush"]');
    if ((await brush.getAttribute('aria-pressed')) !== 'true') await brush.click();
    const box = (await this.ui.view('axial').boundingBox())!;
    await this.page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 6 });
    await this.page.mouse.up();
    await expect(this.page.locator(`[data-structure="${name}"]`)).not.toContainText('0.0 cc');
    await expect(this.page.locator('[data-field="save"]')).toHaveAttribute('data-save', 'saved');
  }

  /** A key press to the page itself: nothing focused, so no field or button takes it. */
  async key(key: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(key);
  }

  async markDone(caseId: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Mark done' }).click();
    await expect(this.row(caseId)).toHaveAttribute('data-status', 'done');
  }
}
