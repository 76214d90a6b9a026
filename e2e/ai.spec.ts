import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeTissueClickModel } from '../electron/services/inference/testing/user-models.ts';
import { onSampleApp } from './pages/sample-session.ts';

const session = onSampleApp();

/**
 * The deepest point of the liver on the sample's middle axial slice (k = 10), as DICOM column i and row j:
 * found with scipy's distance transform on the sample's label map (value 5) resampled to the CT grid.
 */
const liverCentre = [156, 303, 10];
/** A second liver voxel, on the coronal view's slice (j = 256, through the volume's centre) four slices lower. */
const liverCoronal = [156, 256, 14];

/** The voxel index the status bar reads under the pointer at a fraction of the view's box. */
async function voxelAt(page: Page, view: Locator, fx: number, fy: number): Promise<{ x: number; y: number; index: number[] }> {
  const box = (await view.boundingBox())!;
  const [x, y] = [box.x + box.width * fx, box.y + box.height * fy];
  await page.mouse.move(x, y);
  const text = await page.locator('[data-field="voxel"]').innerText();
  return { x, y, index: text.replace('voxel ', '').split(', ').map(Number) };
}

/**
 * Screen point of a voxel in a 2D view, from two readouts: the view maps index to screen linearly, index
 * axis `across` to x and `down` to y (axial: i, j; coronal: i, k).
 */
async function screenOf(page: Page, view: Locator, voxel: readonly number[], across: number, down: number): Promise<{ x: number; y: number }> {
  const a = await voxelAt(page, view, 0.3, 0.3);
  const b = await voxelAt(page, view, 0.7, 0.7);
  const along = (axis: number, from: number, to: number) => from + ((voxel[axis]! - a.index[axis]!) * (to - from)) / (b.index[axis]! - a.index[axis]!);
  return { x: along(across, a.x, b.x), y: along(down, a.y, b.y) };
}

/** Adds a structure by name; it comes selected. */
async function addStructure(page: Page, name: string): Promise<Locator> {
  await page.getByLabel('New structure name').fill(name);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const structure = page.locator(`[data-structure="${name}"]`);
  await expect(structure).toHaveAttribute('aria-selected', 'true');
  return structure;
}

test('positive AI clicks in the liver (axial, then coronal) propose it, Enter lands it as one undoable edit, on the CPU provider', async () => {
  const { app, ui } = session;
  const page = app.page;
  const provider = page.locator('[data-model="delineate.click3d-ct"] [data-field="provider"]');
  await expect(provider).toContainText('cpu');
  const structure = await addStructure(page, 'LiverAI');

  await page.keyboard.press('a');
  await expect(page.locator('[data-tool="ai-click"]')).toHaveAttribute('aria-pressed', 'true');
  const axial = ui.view('axial');
  const target = await screenOf(page, axial, liverCentre, 0, 1);
  const message = page.locator('[data-field="tool-message"]');
  // Every text the message field shows, so the short-lived draft message can be checked after the fact.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { toolMessages: string[] }).toolMessages = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-field="tool-message"]')?.textContent ?? '';
      if (text !== seen.at(-1)) seen.push(text);
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
  });
  await page.mouse.click(target.x, target.y);
  // The time of each interaction is shown: round trip, and the network's own run on its provider.
  await expect(message).toContainText(/\d+ ms for click 1 \(main \d+ ms, model \d+ ms on cpu\)\. Enter accepts/);
  // The bundled model runs a first click twice; the first run's answer was on screen while the second ran.
  const messages = await page.evaluate(() => (window as unknown as { toolMessages: string[] }).toolMessages);
  expect(messages.some((m) => m.includes('first proposal for click 1, refining'))).toBe(true);
  // A second click, in another view, refines the proposal (the first answer is its previous mask).
  const coronal = await screenOf(page, ui.view('coronal'), liverCoronal, 0, 2);
  await page.mouse.click(coronal.x, coronal.y);
  await expect(message).toContainText(/\d+ ms for click 2 /);
  // The proposal is shown before it is accepted, and is not yet part of the structure.
  await expect(structure).toContainText('0.0 cc');

  await page.keyboard.press('Enter');
  // Voxels and provenance (the model, its prompts and time) land as one edit: one history entry, one Ctrl+Z.
  await expect(page.locator('.history-list li').last()).toHaveText('AI click LiverAI (delineate.click3d-ct)');
  expect((await page.locator('.history-list li').allInnerTexts()).slice(-2)).toEqual(['Create LiverAI', 'AI click LiverAI (delineate.click3d-ct)']);
  const cc = Number((await structure.locator('.volume').innerText()).replace(' cc', ''));
  // The liver in this 40 mm thick sample is about 700 cc; one click at its centre gives most of it.
  expect(cc).toBeGreaterThan(100);
  expect(cc).toBeLessThan(1000);
  await expect(provider).toHaveText('cpu');

  await page.keyboard.press('Control+z');
  await expect(structure).toContainText('0.0 cc');
});

test('a model in the folder chosen in the model panel is listed and answers clicks, with no code change', async () => {
  const { app, ui } = session;
  const page = app.page;
  // A user's own interactive model (an ONNX graph the test writes: it marks the tissue of its prompt box).
  const folder = mkdtempSync(join(tmpdir(), 'e2e-user-models-'));
  writeTissueClickModel(folder, 'tissue', 1);
  try {
    const input = page.getByLabel('Your models folder');
    await input.fill('my-models');
    await page.getByRole('button', { name: 'Use folder' }).click();
    await expect(page.getByRole('alert')).toContainText('models folder "my-models": give the full path');
    await input.fill(folder);
    await page.getByRole('button', { name: 'Use folder' }).click();
    await expect(page.locator('[data-field="models-dir"]')).toHaveText(`Your models: ${folder}`);
    await expect(page.locator('[data-model="test.tissue-click-1"]')).toContainText('Tissue click test model');
    await page.getByLabel('Click model').selectOption('test.tissue-click-1');

    const structure = await addStructure(page, 'TissueAI');
    await page.keyboard.press('a');
    await expect(page.locator('[data-tool="ai-click"]')).toHaveAttribute('aria-pressed', 'true');
    const axial = ui.view('axial');
    const target = await screenOf(page, axial, liverCentre, 0, 1);
    await page.mouse.click(target.x, target.y);
    await expect(page.locator('[data-field="tool-message"]')).toContainText(/test\.tissue-click-1: \d+ ms for click 1 /);
    await page.keyboard.press('Enter');
    await expect(page.locator('.history-list li').last()).toHaveText('AI click TissueAI (test.tissue-click-1)');
    // The tissue inside its 24 mm first box, whose voxels are at most 25 x 25 x 12 of 0.977 x 0.977 x 2 mm
    // (14.3 cc); deep in the liver it is all tissue.
    const cc = Number((await structure.locator('.volume').innerText()).replace(' cc', ''));
    expect(cc).toBeGreaterThan(10);
    expect(cc).toBeLessThanOrEqual(14.3);

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.locator('[data-field="models-dir"]')).toHaveText('No folder of your own models');
    await expect(page.locator('[data-model="test.tissue-click-1"]')).toHaveCount(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a model that takes a box and scribbles gets them by dragging in the view, as the model panel says', async () => {
  const { app, ui } = session;
  const page = app.page;
  const folder = mkdtempSync(join(tmpdir(), 'e2e-user-models-'));
  const modelId = writeTissueClickModel(folder, 'tissue-prompts', 1, { box: true, scribbles: true });
  try {
    await page.getByLabel('Your models folder').fill(folder);
    await page.getByRole('button', { name: 'Use folder' }).click();
    await page.getByLabel('Click model').selectOption(modelId);
    const axial = ui.view('axial');
    const message = page.locator('[data-field="tool-message"]');
    const drag = async (from: readonly number[], to: readonly number[], button: 'left' | 'right' = 'left') => {
      const a = await screenOf(page, axial, from, 0, 1);
      const b = await screenOf(page, axial, to, 0, 1);
      await page.mouse.move(a.x, a.y);
      await page.mouse.down({ button });
      await page.mouse.move(b.x, b.y, { steps: 8 });
      await page.mouse.up({ button });
    };
    const volumeOf = async (name: string) => Number((await page.locator(`[data-structure="${name}"] .volume`).innerText()).replace(' cc', ''));
    // A box 30 x 30 voxels (29 mm) in the liver: the patch box is fitted to it (29 + 8 mm margin in plane),
    // larger than a click's 24 mm first box (at most 14.3 cc here), and the model marks the liver in it.
    await page.getByLabel('a box').check();
    await addStructure(page, 'BoxAI');
    await page.keyboard.press('a');
    await drag([liverCentre[0]! - 15, liverCentre[1]! - 15, 10], [liverCentre[0]! + 15, liverCentre[1]! + 15, 10]);
    await expect(message).toContainText(new RegExp(`${modelId.replaceAll('.', '\\.')}: \\d+ ms for the box `));
    await page.keyboard.press('Enter');
    await expect(page.locator('.history-list li').last()).toHaveText(`AI click BoxAI (${modelId})`);
    expect(await volumeOf('BoxAI')).toBeGreaterThan(20);

    // A positive scribble, 25 voxels long: the patch box holds all of it.
    await page.getByLabel('a scribble').check();
    await addStructure(page, 'ScribbleAI');
    await drag([liverCentre[0]! - 12, liverCentre[1]!, 10], [liverCentre[0]! + 12, liverCentre[1]!, 10]);
    await expect(message).toContainText(new RegExp(`ms for a scribble \\(\\d+ voxels\\)`));
    await page.keyboard.press('Enter');
    await expect(page.locator('.history-list li').last()).toHaveText(`AI click ScribbleAI (${modelId})`);
    expect(await volumeOf('ScribbleAI')).toBeGreaterThan(10);

    // A press without a drag is still a click, whatever the mode.
    await addStructure(page, 'ClickAI');
    const target = await screenOf(page, axial, liverCentre, 0, 1);
    await page.mouse.click(target.x, target.y);
    await expect(message).toContainText(/ms for click 1 /);
    await page.keyboard.press('Escape');
  } finally {
    await page.getByRole('button', { name: 'Clear' }).click();
    rmSync(folder, { recursive: true, force: true });
  }
});
