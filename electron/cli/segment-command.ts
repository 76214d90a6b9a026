import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { bodyOutline } from '../../core/inference/classic/body.ts';
import { lungContour } from '../../core/inference/classic/lungs.ts';
import { applyPatch } from '../../core/mask/patch.ts';
import { writeNifti } from '../../core/nifti/index.ts';
import { InferenceClient } from '../services/inference-client.ts';
import { writeNewFile } from '../services/rt/output-file.ts';
import { AiService } from '../services/inference/ai-service.ts';
import { loadImage } from '../services/inference/load-image.ts';
import { bundledModelsDir, ModelRegistry } from '../services/inference/registry.ts';
import { stringFlag, type ParsedArgs } from './args.ts';
import { userModelsFolder } from './models-folder.ts';

const usage = 'usage: delineate segment --model <auto model id|classic.body|classic.lungs> --image <DICOM folder|NIfTI> --out <labels.nii.gz> [--models-dir <folder>] [--json]';

/** `delineate segment`: whole-volume auto-contouring to a label map on the image's grid. */
export async function segmentCommand(args: ParsedArgs): Promise<void> {
  const modelId = stringFlag(args, 'model');
  const imagePath = stringFlag(args, 'image');
  const out = stringFlag(args, 'out');
  if (!modelId || !imagePath || !out || !/\.nii(\.gz)?$/.test(out)) throw new DelineateError('invalid-input', usage);
  const volume = await loadImage(resolve(imagePath));
  const labels = new Uint8Array(volume.scalars.length);
  const started = performance.now();
  let structures: { value: number; name: string; voxels: number }[];
  let provenance: object;
  if (modelId === 'classic.body' || modelId === 'classic.lungs') {
    const mask = modelId === 'classic.body' ? bodyOutline(volume) : lungContour(volume);
    labels.set(mask.voxels);
    structures = [{ value: 1, name: modelId === 'classic.body' ? 'External' : 'Lungs', voxels: mask.voxels.reduce((a, b) => a + b, 0) }];
    provenance = { modelId, provider: 'classic', ms: { total: Math.round(performance.now() - started) } };
  } else {
    const client = new InferenceClient();
    try {
      const ai = new AiService(new ModelRegistry({ bundled: bundledModelsDir(), user: await userModelsFolder(args) }), client);
      let last = -1;
      const result = await ai.autoContour(volume, modelId, {
        onProgress: ({ done, total }) => {
          const percent = Math.floor((100 * done) / total);
          if (args.flags.has('json') || percent < last + 10) return;
          console.error(`${percent}% (${done}/${total} tiles)`);
          last = percent;
        },
      });
      structures = result.structures.map((s) => {
        const bits = new Uint8Array(labels.length);
        if (s.patch) applyPatch(bits, volume.dims, s.patch);
        let voxels = 0;
        for (let n = 0; n < bits.length; n++) {
          if (!bits[n]) continue;
          labels[n] = s.value;
          voxels++;
        }
        return { value: s.value, name: s.name, voxels };
      });
      provenance = result.provenance;
    } finally {
      client.close();
    }
  }
  const target = resolve(out);
  // Replaces an existing file as it always has (force); fsynced and renamed into place, with no temporary
  // file left beside the target when the write fails.
  await writeNewFile(target, writeNifti({ ...volume, scalars: labels }, { gzip: target.endsWith('.gz'), description: `Delineate ${modelId}` }), true);
  const voxelCc = (volume.spacing[0] * volume.spacing[1] * volume.spacing[2]) / 1000;
  const report = { out: target, structures: structures.map((s) => ({ ...s, cc: Math.round(s.voxels * voxelCc * 10) / 10 })), provenance };
  if (args.flags.has('json')) console.log(JSON.stringify(report));
  else for (const s of report.structures) console.log(`${s.value} ${s.name}: ${s.cc} cc`);
}
