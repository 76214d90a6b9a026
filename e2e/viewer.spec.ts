import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { launchApp, root, type LaunchedApp } from './launch.ts';

let app: LaunchedApp;
let ui: AppPage;

test.afterEach(async () => {
  await app.close();
  expect(ui.consoleErrors).toEqual([]);
});

test.describe('on the sample CT', () => {
  test.beforeEach(async () => {
    app = await launchApp();
    ui = new AppPage(app.page);
    await ui.waitReady();
  });

  test('all four views show real content, and a click in one view moves the crosshair in the others', async () => {
    await expect(ui.view('3d')).toHaveAttribute('data-state', 'ready');
    const volume = await ui.viewPixels('3d');
    expect(volume.distinct, '3D grey levels').toBeGreaterThan(10);
    const renders = Number(await ui.view('3d').getAttribute('data-renders'));
    const before = { coronal: await ui.slice('coronal'), sagittal: await ui.slice('sagittal') };
    const axial = ui.view('axial');
    const box = (await axial.boundingBox())!;
    // Up and to the right of the centre: a more anterior coronal plane, a more leftward sagittal plane.
    await axial.click({ position: { x: box.width * 0.65, y: box.height * 0.35 } });
    await expect.poll(() => ui.slice('coronal')).not.toBe(before.coronal);
    await expect.poll(() => ui.slice('sagittal')).not.toBe(before.sagittal);
    // The sample's rows run posterior and its columns towards the left: anterior = lower row index.
    expect(await ui.slice('coronal')).toBeLessThan(before.coronal);
    expect(await ui.slice('sagittal')).toBeGreaterThan(before.sagittal);
    await expect.poll(async () => Number(await ui.view('3d').getAttribute('data-renders'))).toBeGreaterThan(renders);
  });

  test('number keys apply window presets, dragging changes the window, and the help overlay lists shortcuts', async () => {
    const status = app.page.locator('.status-bar');
    await ui.view('axial').hover();
    await app.page.keyboard.press('2');
    await expect(status).toContainText('W 1500 / L -600');
    const lung = await ui.viewPixels('axial');
    await app.page.keyboard.press('3');
    await expect(status).toContainText('W 1800 / L 400');
    const box = (await ui.view('axial').boundingBox())!;
    await app.page.mouse.move(box.x + 100, box.y + 100);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + 160, box.y + 140, { steps: 4 });
    await app.page.mouse.up();
    await expect(status).not.toContainText('W 1800 / L 400');
    const dragged = await ui.viewPixels('axial');
    expect(Math.abs(dragged.mean - lung.mean) + Math.abs(dragged.stdDev - lung.stdDev)).toBeGreaterThan(3);
    await app.page.keyboard.press('?');
    const help = app.page.getByRole('dialog', { name: 'Keyboard and mouse shortcuts' });
    await expect(help).toContainText('Window presets');
    await expect(help).toContainText('Page Up');
    await app.page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
    await ui.view('sagittal').dblclick();
    await expect(ui.view('axial')).toBeHidden();
    await ui.view('sagittal').dblclick();
    await expect(ui.view('axial')).toBeVisible();
  });
});

test.describe('on a series with a bead on the patient\'s left', () => {
  let folder: string;
  test.beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'delineate-marker-'));
    execFileSync('/usr/bin/python3', [join(root, 'e2e', 'fixtures', 'make_marker_series.py'), folder]);
  });
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('shows the left bead on screen right in the radiological axial view, with the right letters', async () => {
    app = await launchApp({ open: folder });
    ui = new AppPage(app.page);
    await ui.waitReady();
    expect(await ui.letters('axial')).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    expect(await ui.letters('coronal')).toEqual({ top: 'S', bottom: 'I', left: 'R', right: 'L' });
    expect(await ui.letters('sagittal')).toEqual({ top: 'S', bottom: 'I', left: 'A', right: 'P' });
    const bead = await ui.greyCentroid('axial', 240, 255);
    expect(bead.count).toBeGreaterThan(20);
    expect(bead.x).toBeGreaterThan(0.6);
    expect(Math.abs(bead.y - 0.5)).toBeLessThan(0.1);
    // The anterior bead (60 HU: mid grey in the soft-tissue window) is on screen left in the sagittal view.
    const anterior = await ui.greyCentroid('sagittal', 120, 160);
    expect(anterior.count).toBeGreaterThan(20);
    expect(anterior.x).toBeLessThan(0.4);
    // The value under the cursor on the bead is the bead's.
    const box = (await ui.view('axial').boundingBox())!;
    await app.page.mouse.move(box.x + bead.x * box.width, box.y + bead.y * box.height);
    await expect(ui.view('axial').locator('[data-field="cursor"]')).toContainText('1000 HU');
    await expect(ui.view('axial').locator('[data-field="cursor"]')).toContainText(/L 3[89]\.\d/);
    // Neurological convention: the same bead on screen left.
    await app.page.keyboard.press('n');
    await expect.poll(async () => (await ui.letters('axial')).right).toBe('R');
    expect((await ui.greyCentroid('axial', 240, 255)).x).toBeLessThan(0.4);
  });
});
