import { expect, test, type Page } from '@playwright/test';
import { onSampleApp } from './pages/sample-session.ts';

// One launch for the file: each test goes on from the structures the one before left.
const session = onSampleApp({ perFile: true });

/** Left of the body on the middle axial slice (app voxel indices): far from the liver, its margin and the stomach. */
const air = { i: 40, j: 256 };

const history = (page: Page) => page.locator('.history-list');

const booleans = [
  ['union', 'Liver+10mm+Stomach', 'Union Liver+10mm ∪ Stomach'],
  ['intersect', 'Liver+10mm&Stomach', 'Intersect Liver+10mm ∩ Stomach'],
  ['subtract', 'Liver+10mm-Stomach', 'Subtract Liver+10mm − Stomach'],
  ['xor', 'Liver+10mm^Stomach', 'Xor Liver+10mm ⊕ Stomach'],
] as const;

test('a hidden structure leaves the view; booleans of a 10 mm liver margin and the stomach and per-direction and limited margins, each right by voxel count; out of date after an input is edited, updated in one click', async () => {
  const { app, ui } = session;
  const page = app.page;
  await expect(page.locator('[data-structure]')).toHaveCount(31);
  // Only the axial view is used: maximised, the other views (the 3D one above all) spend no time drawing.
  await ui.maximise('axial');
  // Hiding the liver (much of the axial view) changes what the view shows; showing it brings it back.
  await ui.structure('Liver').hover(); // the view shows the HU under the pointer: keep it out of the view
  const shown = await ui.stillSnapshot('axial');
  await ui.structure('Liver').getByLabel('Show Liver').uncheck();
  await expect.poll(async () => ui.difference(shown, await ui.snapshot('axial'))).toBeGreaterThan(0.2);
  await ui.structure('Liver').getByLabel('Show Liver').check();
  await expect.poll(async () => ui.difference(shown, await ui.snapshot('axial'))).toBeLessThan(0.05);
  await ui.structure('Liver').click();
  await page.getByLabel('Margin (mm)').fill('10');
  await page.getByRole('button', { name: 'Create margin' }).click();
  await expect(history(page)).toContainText('Margin 10 mm Liver');
  await expect(ui.structure('Liver+10mm')).toHaveAttribute('aria-selected', 'true');

  for (const [operation, name, label] of booleans) {
    await page.getByLabel('Boolean first structure').selectOption({ label: 'Liver+10mm' });
    await page.getByLabel('Boolean operation').selectOption(operation);
    await page.getByLabel('Boolean second structure').selectOption({ label: 'Stomach' });
    await page.getByRole('button', { name: 'Create boolean' }).click();
    await expect(history(page)).toContainText(label);
    await expect(ui.structure(name)).toHaveAttribute('aria-selected', 'true');
  }
  const [margin, stomach] = [await ui.voxels('Liver+10mm'), await ui.voxels('Stomach')];
  const [union, intersect, subtract, xor] = (await Promise.all(booleans.map(([, name]) => ui.voxels(name)))) as [number, number, number, number];
  // The margin reaches into the stomach (about 6900 voxels by scipy's exact EDT), so no operation is trivial.
  expect(intersect).toBeGreaterThan(3000);
  expect(union + intersect).toBe(margin + stomach);
  expect(subtract + intersect).toBe(margin);
  expect(xor).toBe(union - intersect);
  expect(union).toBeGreaterThan(margin);

  // Per direction: 10 mm to the patient's right only, so more than the liver and less than all round.
  await page.getByLabel('Margin input structure').selectOption({ label: 'Liver' });
  await page.getByLabel('Per direction').check();
  for (const [direction, mm] of [['right', '10'], ['left', '0'], ['anterior', '0'], ['posterior', '0'], ['superior', '0'], ['inferior', '0']]) {
    await page.getByLabel(`Margin ${direction} (mm)`).fill(mm!);
  }
  await page.getByRole('button', { name: 'Create margin' }).click();
  await expect(history(page)).toContainText('Margin R10 L0 A0 P0 S0 I0 mm Liver');
  const right = await ui.voxels('Liver_margin');
  expect(right).toBeGreaterThan((await ui.voxels('Liver')) * 1.02);
  expect(right).toBeLessThan(margin * 0.9);
  // Limited to the stomach: the 10 mm margin inside the stomach is, voxel for voxel, their intersection.
  await page.getByLabel('Per direction').uncheck();
  await page.getByLabel('Margin limit structure').selectOption({ label: 'within Stomach' });
  await page.getByRole('button', { name: 'Create margin' }).click();
  await expect(history(page)).toContainText('Margin 10 mm Liver within Stomach');
  await expect.poll(() => ui.voxels('Liver+10mm_in_Stomach')).toBe(intersect);

  // A dab on the stomach, outside the margin: every boolean is out of date (the margin is not: its input is
  // the liver), and Update brings the union up to date with exactly the dab added.
  await ui.structure('Stomach').click();
  await ui.dab('brush', 10, (await ui.axialVoxelToScreen())(air.i, air.j));
  await expect(history(page)).toContainText('Brush Stomach');
  const added = (await ui.voxels('Stomach')) - stomach;
  expect(added).toBeGreaterThan(250);
  for (const [, name] of booleans) await expect(ui.structure(name).locator('.out-of-date')).toHaveText('out of date');
  await expect(ui.structure('Liver+10mm').locator('.out-of-date')).toHaveCount(0);

  await ui.structure(booleans[0][1]).getByRole('button', { name: 'Update' }).click();
  await expect(history(page)).toContainText(`Update ${booleans[0][1]}: ${booleans[0][2]}`);
  await expect(ui.structure(booleans[0][1]).locator('.out-of-date')).toHaveCount(0);
  await expect.poll(() => ui.voxels(booleans[0][1])).toBe(union + added);
  await expect(ui.structure(booleans[1][1]).locator('.out-of-date')).toHaveText('out of date');
});

test('a template adds its named, typed, coloured empty structures once; a TG-263 near miss offers the name to use', async () => {
  const { app, ui } = session;
  const page = app.page;
  const before = await page.locator('[data-structure]').count();
  await page.getByLabel('Structure template').selectOption({ label: 'Prostate' });
  await page.getByRole('button', { name: 'Add template' }).click();
  await expect(page.locator('[data-structure]')).toHaveCount(before + 14);
  await expect(history(page)).toContainText('Prostate template: Urethra');
  for (const [name, type, colour] of [
    ['PTV', 'PTV', '#0080ff'],
    ['Bladder', 'ORGAN', '#ffff00'],
    ['Femur_Head_L', 'ORGAN', '#78c8ff'],
  ] as const) {
    await expect(ui.structure(name)).toHaveAttribute('data-type', type);
    await expect(ui.structure(name).getByLabel(`Colour of ${name}`)).toHaveValue(colour);
    await expect(ui.structure(name)).toHaveAttribute('data-voxels', '0');
  }
  // Again: nothing to add.
  await page.getByRole('button', { name: 'Add template' }).click();
  await expect(page.locator('[data-field="tool-message"]')).toContainText('every structure of the template is already there');
  await expect(page.locator('[data-structure]')).toHaveCount(before + 14);

  const name = page.getByLabel('New structure name');
  const check = page.getByLabel('TG-263 name check');
  await name.fill('small bowel');
  await expect(check).toContainText('small bowel is not a TG-263 name');
  await check.getByRole('button', { name: 'Bowel_Small' }).click();
  await expect(name).toHaveValue('Bowel_Small');
  await expect(check).toContainText('Bowel_Small is a TG-263 name');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(ui.structure('Bowel_Small')).toHaveAttribute('aria-selected', 'true');
});

test('the effort record counts edits and clicks; a locked structure refuses the brush; type, colour and opacity apply', async () => {
  const { app, ui } = session;
  const page = app.page;
  const effort = page.locator('.structure-details .effort');
  await expect(effort).toContainText('0 edits · 0 clicks');
  const screenOf = await ui.axialVoxelToScreen();
  await ui.dab('brush', 10, screenOf(air.i, air.j));
  await expect(effort).toContainText('1 edits · 1 clicks');
  const painted = await ui.voxels('Bowel_Small');
  expect(painted).toBeGreaterThan(250);

  const details = page.locator('.structure-details');
  await details.getByLabel('Locked').check();
  await expect(ui.structure('Bowel_Small').locator('.lock')).toBeVisible();
  await ui.dab('brush', 10, screenOf(air.i, air.j + 40));
  await expect(page.locator('[data-field="tool-message"]')).toHaveText('Bowel_Small is locked.');
  expect(await ui.voxels('Bowel_Small')).toBe(painted);
  await details.getByLabel('Locked').uncheck();

  await details.getByLabel('Type').selectOption('AVOIDANCE');
  await expect(ui.structure('Bowel_Small')).toHaveAttribute('data-type', 'AVOIDANCE');
  await ui.structure('Bowel_Small').getByLabel('Colour of Bowel_Small').fill('#00ff00');
  await expect(ui.structure('Bowel_Small').getByLabel('Colour of Bowel_Small')).toHaveValue('#00ff00');

  // Opacity 0 leaves only the spleen's outline (no other structure lies over it): its fill goes from the view.
  await ui.structure('Spleen').click();
  const filled = await ui.stillSnapshot('axial');
  await details.getByLabel('Opacity').fill('0');
  await expect.poll(async () => ui.difference(filled, await ui.snapshot('axial'))).toBeGreaterThan(0.1);
});
