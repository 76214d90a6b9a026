import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { join } from 'node:path';
import { launchApp, sharedData, target, type LaunchedApp } from './launch.ts';

let app: LaunchedApp;
let ui: AppPage;

test.beforeEach(async () => {
  app = await launchApp();
  ui = new AppPage(app.page);
});
test.afterEach(async () => {
  await app.close();
});

test('opens the sample CT and shows real slices in the three planes, without console errors', async () => {
  await ui.waitReady();
  await expect(app.page.locator('[data-field="patient"]')).toContainText('TotalSegmentator Example');
  for (const view of ['axial', 'coronal', 'sagittal'] as const) {
    const pixels = await ui.viewPixels(view);
    // A CT slice: many grey levels and real contrast, not a black or uniform canvas.
    expect(pixels.distinct, `${view} grey levels`).toBeGreaterThan(20);
    expect(pixels.stdDev, `${view} contrast`).toBeGreaterThan(10);
  }
  expect(ui.consoleErrors).toEqual([]);
});

test('scrolling changes the slice shown and a window preset changes the contrast', async () => {
  await ui.waitReady();
  const axial = ui.view('axial');
  const before = Number(await axial.getAttribute('data-slice'));
  const middle = await ui.snapshot('axial');
  await ui.scroll('axial', -8);
  await expect(axial).toHaveAttribute('data-slice', String(before - 8));
  const lower = await ui.snapshot('axial');
  // 16 mm lower the anatomy differs: a visible share of the pixels change.
  expect(await ui.difference(middle, lower)).toBeGreaterThan(3);
  await app.page.getByRole('button', { name: 'Bone' }).click();
  await expect(app.page.locator('.status-bar')).toContainText('W 1800 / L 400');
  expect(await ui.difference(lower, await ui.snapshot('axial'))).toBeGreaterThan(5);
});

test('a malformed IPC payload is rejected with a validation error and the app keeps running', async () => {
  await ui.waitReady();
  const result = await ui.sendRawIpc('study.open', { path: 12345 });
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(await ui.sendRawIpc('study.release', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(await ui.sendRawIpc('app.info', {})).toMatchObject({ ok: true });
  await expect(ui.root()).toHaveAttribute('data-state', 'ready');
});

test('scanning a path that does not exist names it, and the loaded study stays', async () => {
  await ui.waitReady();
  await ui.scan('/definitely/not/here');
  await expect(app.page.locator('[data-field="scan-error"]')).toContainText('/definitely/not/here: no such file or folder');
  await expect(ui.root()).toHaveAttribute('data-state', 'ready');
  await expect(ui.view('axial')).toHaveAttribute('data-state', 'ready');
});

test('the study browser lists patient, study and series with thumbnails, and loads a tilted series with a warning', async () => {
  await ui.waitReady();
  await ui.scan(join(sharedData, 'dcm_qa_ct'));
  const series = app.page.locator('[data-series]');
  await expect(series).toHaveCount(2);
  await expect(series.locator('img')).toHaveCount(2);
  await expect(app.page.locator('.tree')).toContainText('STD BRAIN 5MM');
  // The GE head is tilted 18.5 degrees and irregularly spaced: it loads resampled, and says so.
  const ge = series.filter({ hasNotText: 'STD BRAIN' });
  await ge.dblclick();
  await expect(app.page.locator('.warning').first()).toContainText('tilt');
  await ui.waitReady();
  await expect(app.page.locator('[data-field="patient"]')).toContainText('QMNx85rKkkg');
  expect((await ui.viewPixels('axial')).distinct).toBeGreaterThan(20);
  // Keyboard: Enter on the Philips series loads it back.
  await series.filter({ hasText: 'STD BRAIN' }).focus();
  await app.page.keyboard.press('Enter');
  await expect(app.page.locator('[data-field="series"]')).toContainText('STD BRAIN 5MM');
  expect(ui.consoleErrors).toEqual([]);
});

test('the browser host refuses requests without its token', async () => {
  test.skip(target !== 'browser', 'the Electron app has no HTTP host');
  const { origin } = app.host!;
  expect((await fetch(`${origin}/`)).status).toBe(403);
  expect((await fetch(`${origin}/index.html`)).status).toBe(403);
  // A fresh browser profile (no cookie) is refused too.
  const stranger = await app.page.context().browser()!.newPage();
  const response = await stranger.goto(`${origin}/`);
  expect(response?.status()).toBe(403);
  await stranger.close();
});
