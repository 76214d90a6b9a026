import { expect, test } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintDicom } from '../core/rt/lint.ts';
import { imageReferenceOf, lintImageOf } from '../electron/services/rt/image-reference.ts';
import { importRtStructFile } from '../electron/services/rt/rtstruct-service.ts';
import { scanPath } from '../electron/services/scan/scan.ts';
import { launchApp, root, sampleStudy, sharedData, type LaunchedApp } from './launch.ts';
import { WorklistPage } from './pages/worklist-page.ts';

/**
 * An annotator works through a worklist of three real cases: the sample abdomen CT with its label map to
 * correct, the Philips head phantom with nothing drawn, and a 3-slice liver CT with its DICOM SEG to correct.
 * Next-case key, an edit in each, mark done; then every finished case exported as RTSTRUCT (checked by the
 * conformance lint against its image) and the CSV report, which the command line writes the same.
 */
// A path only: the folder is made in beforeAll (Playwright also loads spec files in its runner to list tests).
const scratch = join(tmpdir(), `delineate-e2e-worklist-${process.pid}`);
const cases = join(scratch, 'cases');
const ids = ['01-abdomen', '02-head', '03-liver'] as const;
const images = { '01-abdomen': join(cases, '01-abdomen', 'ct'), '02-head': join(cases, '02-head'), '03-liver': join(cases, '03-liver', 'ct') };
const annotator = 'O\'Brien, "QA"';

let app: LaunchedApp | null = null;
test.beforeAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  cpSync(sampleStudy, images['01-abdomen'], { recursive: true });
  for (const file of ['labels.nii.gz', 'labels.json']) cpSync(join(sampleStudy, '..', file), join(cases, '01-abdomen', file));
  cpSync(join(sharedData, 'dcm_qa_ct', 'Philips_untilted'), images['02-head'], { recursive: true });
  cpSync(join(sharedData, 'dcmqi', 'segmentations', 'ct-3slice'), images['03-liver'], { recursive: true });
  cpSync(join(sharedData, 'dcmqi', 'segmentations', 'liver.dcm'), join(cases, '03-liver', 'liver-seg.dcm'));
});
test.afterAll(async () => {
  await app?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Python's csv module reads the report (an independent reader for the quoting). */
function csvRows(path: string): Record<string, string>[] {
  const script = 'import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline="")))))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' })) as Record<string, string>[];
}

test('three cases worked through with the next-case key, exported as RTSTRUCT, and reported as CSV', async () => {
  // Launched on the small liver CT (the sample would cost a JPEG 2000 decode and 31 structures more).
  app = await launchApp({ open: images['03-liver'] });
  const page = app.page;
  const worklist = new WorklistPage(page);
  await worklist.ui.waitReady();

  await worklist.open(cases);
  await expect(page.locator('[data-case]')).toHaveCount(3);
  for (const id of ids) await expect(worklist.row(id)).toHaveAttribute('data-status', 'todo');
  await worklist.setAnnotator(annotator);

  // Case 1: its label map's 31 structures come in on first open; one new structure drawn.
  await worklist.next('01-abdomen');
  await expect(page.locator('[data-structure]')).toHaveCount(31);
  await expect(worklist.row('01-abdomen')).toHaveAttribute('data-status', 'in-progress');
  await worklist.paint('GTVp');
  await worklist.markDone('01-abdomen');

  // Case 2: nothing to correct, so it starts empty (not with the first case's structures).
  await worklist.next('02-head');
  await expect(page.locator('[data-structure]')).toHaveCount(0);
  await worklist.paint('Brain');
  await worklist.markDone('02-head');

  // Case 3: the SEG's liver comes in; drawn on.
  await worklist.next('03-liver');
  await expect(page.locator('[data-structure]')).not.toHaveCount(0);
  const imported = await page.locator('[data-structure]').count();
  await worklist.paint('GTVp');
  await worklist.markDone('03-liver');
  for (const id of ids) await expect(worklist.row(id).locator('[data-field="annotator"]')).toHaveText(annotator);

  // Back to the first case: its work is restored from its workspace, not imported again.
  await worklist.key(',');
  await expect(worklist.row('02-head')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[data-structure="Brain"]')).toHaveCount(1);

  // Every finished case as RTSTRUCT, in one action.
  const out = join(scratch, 'export');
  await page.getByLabel('Export folder').fill(out);
  await page.getByRole('button', { name: 'Export 3 case(s)' }).click();
  await expect(page.locator('[data-field="export-result"]')).toHaveText('Exported 3 case(s).');
  // Each file passes the conformance lint against its case's image and imports back onto it, edit included.
  for (const id of ids) {
    const file = join(out, `${id}_RTSTRUCT.dcm`);
    expect(existsSync(file), file).toBe(true);
    const series = (await scanPath(images[id])).series[0]!;
    if ('error' in series.plan) throw new Error(series.plan.error);
    const ref = await imageReferenceOf({ plan: series.plan });
    expect(lintDicom(readFileSync(file), file, lintImageOf(ref))).toMatchObject({ kind: 'RTSTRUCT', errors: [] });
    const back = await importRtStructFile(file, ref, images[id]);
    const drawn = back.rois.find((roi) => roi.name === (id === '02-head' ? 'Brain' : 'GTVp'))!;
    expect(drawn.mask.voxels.some((v) => v !== 0), `${id}: the stroke came back`).toBe(true);
  }
  // A second export never overwrites silently: it names the files in the way.
  await page.getByRole('button', { name: 'Export 3 case(s)' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'exist already' })).toContainText('3 file(s) exist already');

  // The CSV report from the app, and the same from the command line.
  const report = join(scratch, 'report.csv');
  await page.getByLabel('Report file').fill(report);
  await page.getByRole('button', { name: 'Save report' }).click();
  await expect(page.locator('[data-field="report-result"]')).toContainText(`written to ${report}`);
  const rows = csvRows(report);
  const caseRows = rows.filter((r) => r.level === 'case');
  expect(caseRows.map((r) => [r.case, r.status, r.annotator])).toEqual(ids.map((id) => [id, 'done', annotator]));
  for (const r of caseRows) expect(Number(r.edits), r.case).toBeGreaterThanOrEqual(1);
  const structureRows = (id: string) => rows.filter((r) => r.level === 'structure' && r.case === id);
  expect(structureRows('01-abdomen')).toHaveLength(32);
  expect(structureRows('02-head').map((r) => [r.structure, r.edits])).toEqual([['Brain', '1']]);
  expect(structureRows('03-liver')).toHaveLength(imported + 1);
  expect(structureRows('03-liver').find((r) => r.structure === 'GTVp')).toMatchObject({ type: 'ORGAN', edits: '1' });

  const cliReport = join(scratch, 'report-cli.csv');
  const cli = spawnSync(process.execPath, [join(root, 'electron', 'cli', 'bin.mjs'), 'worklist', 'report', cases, '--out', cliReport], {
    encoding: 'utf8',
    env: { ...process.env, DELINEATE_DATA_DIR: app.dataDir },
  });
  expect(cli.status, cli.stderr).toBe(0);
  expect(readFileSync(cliReport, 'utf8')).toBe(readFileSync(report, 'utf8'));
  expect(worklist.ui.consoleErrors).toEqual([]);
});
