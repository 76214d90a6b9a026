/**
 * `npm run bench -- click [--model delineate.click3d-ct] [--labels 5,1,52] [--clicks 5] [--image <dicom dir|nii> --label-map <nii>]`
 *
 * Click-to-mask latency with the bundled model on this machine's provider: the simulated user clicks each
 * structure of the sample case (TotalSegmentator CT, 512x512x20) and every interaction goes through the app's
 * path (crop and resample, network in the inference host, paste back as a patch). The first interaction
 * (session creation, sha256 check) is reported apart. Prints figures; asserts nothing.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { simulateClicks } from '../core/inference/click-eval.ts';
import { applyPatch, boundingBox, patchFromMask } from '../core/mask/patch.ts';
import { appRoot } from '../electron/services/app-meta.ts';
import { InferenceClient } from '../electron/services/inference-client.ts';
import { AiService, type Provenance } from '../electron/services/inference/ai-service.ts';
import { loadImage, loadLabelsOnGrid } from '../electron/services/inference/load-image.ts';
import { ModelRegistry } from '../electron/services/inference/registry.ts';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function run(args: string[]): Promise<void> {
  const modelId = option(args, 'model', 'delineate.click3d-ct');
  const labelValues = option(args, 'labels', '5,1,52').split(',').map(Number);
  const clicks = Number(option(args, 'clicks', '5'));
  const sample = join(appRoot(), 'resources', 'sample', 'totalsegmentator');
  // Another case (a NIfTI copy of the sample, say) for machines where the DICOM codecs are not installed.
  const volume = await loadImage(option(args, 'image', join(sample, 'ct')));
  const labels = await loadLabelsOnGrid(option(args, 'label-map', join(sample, 'labels.nii.gz')), volume);
  const client = new InferenceClient();
  const ai = new AiService(new ModelRegistry(), client);
  const records: { provenance: Provenance; firstOnStructure: boolean }[] = [];
  /** Click to the first run's proposal on a first click the model runs more than once (ai.draft). */
  const drafts: number[] = [];
  try {
    for (const value of labelValues) {
      const truth = Uint8Array.from(labels, (v) => (v === value ? 1 : 0));
      await simulateClicks(truth, volume, async (mask, prompts) => {
        const box = boundingBox(mask, volume.dims);
        const asked = performance.now();
        const onDraft = () => drafts.push(performance.now() - asked);
        const result = await ai.interact(volume, modelId, box ? patchFromMask(mask, volume.dims, box) : null, { clicks: prompts }, { onDraft });
        if (result.patch) applyPatch(mask, volume.dims, result.patch);
        records.push({ provenance: result.provenance, firstOnStructure: box === null });
        return result.provenance.ms.total;
      }, clicks);
    }
  } finally {
    client.close();
  }
  const [first, ...rest] = records;
  console.log(`click latency, ${modelId} on ${first?.provenance.provider} (${cpus().length} cores, ${cpus()[0]?.model}), volume ${volume.dims.join('x')}`);
  console.log(`first interaction (session creation + sha256 included): ${first?.provenance.ms.total.toFixed(0)} ms`);
  // A first click on a structure may run the network more than once (the manifest's interaction.firstPromptPasses).
  printTable(`next ${rest.length} interactions, all`, rest.map((r) => r.provenance));
  printTable('first click on a structure', rest.filter((r) => r.firstOnStructure).map((r) => r.provenance));
  printTable('further clicks', rest.filter((r) => !r.firstOnStructure).map((r) => r.provenance));
  if (drafts.length > 1) {
    const sorted = drafts.slice(1).sort((a, b) => a - b);
    console.log(`first click, its first proposal (draft, n=${sorted.length}): p50 ${percentile(sorted, 50).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
  }
}

function printTable(title: string, records: Provenance[]): void {
  if (records.length === 0) return;
  console.log(`${title} (n=${records.length})`.padEnd(34) + 'p50      p95');
  for (const [name, pick] of [
    ['crop + resample', (p: Provenance) => p.ms.prepare],
    ['to the host and back', (p: Provenance) => p.ms.run],
    ['  of which onnxruntime run', (p: Provenance) => p.ms.network],
    ['paste back', (p: Provenance) => p.ms.paste],
    ['click to mask', (p: Provenance) => p.ms.total],
  ] as const) {
    const sorted = records.map(pick).sort((a, b) => a - b);
    console.log(`  ${name.padEnd(26)} ${percentile(sorted, 50).toFixed(0).padStart(6)} ${percentile(sorted, 95).toFixed(0).padStart(8)} ms`);
  }
}
