import { DelineateError } from '../../core/errors.ts';
import type { Volume } from '../../core/geometry/volume.ts';
import { meanDiceAt, simulateClicks, type ClickCurve, type ClickTool } from '../../core/inference/click-eval.ts';
import { applyPatch, boundingBox, patchFromMask } from '../../core/mask/patch.ts';
import { InferenceClient } from '../services/inference-client.ts';
import { AiService, classicModelId } from '../services/inference/ai-service.ts';
import { loadImage, loadLabelsOnGrid } from '../services/inference/load-image.ts';
import { ModelRegistry, bundledModelsDir } from '../services/inference/registry.ts';
import { stringFlag, type ParsedArgs } from './args.ts';
import { userModelsFolder } from './models-folder.ts';

const usage = 'usage: delineate eval-clicks --model <id|classic> --image <DICOM folder|NIfTI> --labels <labels.nii.gz> [--label 5,1,10+11] [--clicks 10] [--models-dir <folder>] [--json]';

/** `--label 5,1,10+11`: structures to evaluate, each one label value or a union joined by '+'. */
export function parseLabelList(text: string): number[][] {
  return text.split(',').map((part) => {
    const values = part.split('+').map((v) => Number(v.trim()));
    if (values.some((v) => !Number.isInteger(v) || v <= 0)) throw new DelineateError('invalid-input', `--label ${text}: "${part}" is not a label value (or values joined by +)`);
    return values;
  });
}

/** The tool the simulated user drives: the same ai.interact path the app takes (crop, run, paste as a patch). */
function interactiveTool(ai: AiService, volume: Volume, modelId: string, seen: { provider?: string }): ClickTool {
  return async (mask, clicks) => {
    const box = boundingBox(mask, volume.dims);
    const previous = box ? patchFromMask(mask, volume.dims, box) : null;
    const started = performance.now();
    const result = await ai.interact(volume, modelId, previous, { clicks });
    if (result.patch) applyPatch(mask, volume.dims, result.patch);
    seen.provider ??= result.provenance.provider;
    return performance.now() - started;
  };
}

export async function evalClicksCommand(args: ParsedArgs): Promise<void> {
  const modelFlag = stringFlag(args, 'model');
  const imagePath = stringFlag(args, 'image');
  const labelsPath = stringFlag(args, 'labels');
  if (!modelFlag || !imagePath || !labelsPath) throw new DelineateError('invalid-input', usage);
  const clickCount = Number(stringFlag(args, 'clicks') ?? 10);
  if (!Number.isInteger(clickCount) || clickCount < 1 || clickCount > 100) throw new DelineateError('invalid-input', `--clicks ${stringFlag(args, 'clicks')}: a whole number from 1 to 100`);
  const modelId = modelFlag === 'classic' ? classicModelId : modelFlag;

  const volume = await loadImage(imagePath);
  const labels = await loadLabelsOnGrid(labelsPath, volume);
  const labelFlag = stringFlag(args, 'label');
  const present = [...new Set(labels)].filter((v) => v > 0).sort((a, b) => a - b);
  const structures = labelFlag ? parseLabelList(labelFlag) : present.map((v) => [v]);

  const client = new InferenceClient();
  const ai = new AiService(new ModelRegistry({ bundled: bundledModelsDir(), user: await userModelsFolder(args) }), client);
  const seen: { provider?: string } = {};
  const results: { label: number | string; voxels: number; dice: number[]; latencyMs: number[] }[] = [];
  try {
    const tool = interactiveTool(ai, volume, modelId, seen);
    for (const values of structures) {
      const truth = new Uint8Array(labels.length);
      let voxels = 0;
      for (let n = 0; n < labels.length; n++) {
        if (!values.includes(labels[n]!)) continue;
        truth[n] = 1;
        voxels++;
      }
      const label = values.length === 1 ? values[0]! : values.join('+');
      if (voxels === 0) {
        console.error(`warning: label ${label} has no voxels on the image grid; skipped`);
        continue;
      }
      const curve: ClickCurve = await simulateClicks(truth, volume, tool, clickCount);
      results.push({ label, voxels, ...curve });
      if (!args.flags.has('json')) console.error(`label ${label} (${voxels} voxels): Dice ${curve.dice.map((d) => d.toFixed(3)).join(' ')}`);
    }
  } finally {
    client.close();
  }
  const report = { model: modelId, provider: seen.provider ?? 'none', results, meanDiceAt: meanDiceAt(results) };
  if (args.flags.has('json')) console.log(JSON.stringify(report));
  else {
    console.log(`${report.model} on ${report.provider}: mean Dice ${Object.entries(report.meanDiceAt).map(([k, v]) => `@${k} ${v.toFixed(3)}`).join(', ')}`);
    const latencies = results.flatMap((r) => r.latencyMs.filter((l) => l > 0)).sort((a, b) => a - b);
    if (latencies.length) console.log(`latency per click: median ${latencies[Math.floor(latencies.length / 2)]!.toFixed(0)} ms`);
  }
}
