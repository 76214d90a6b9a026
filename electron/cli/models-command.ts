import { InferenceClient } from '../services/inference-client.ts';
import { AiService } from '../services/inference/ai-service.ts';
import { bundledModelsDir, ModelRegistry } from '../services/inference/registry.ts';
import type { ParsedArgs } from './args.ts';
import { userModelsFolder } from './models-folder.ts';

/**
 * `delineate models [--models-dir <folder>] [--check] [--json]`: the models the app can run, rejected ones
 * with why; --check also verifies each file's sha256, makes its session and reports the provider it runs on.
 */
export async function modelsCommand(args: ParsedArgs): Promise<void> {
  const client = new InferenceClient();
  const ai = new AiService(new ModelRegistry({ bundled: bundledModelsDir(), user: await userModelsFolder(args) }), client);
  const problems: Record<string, string> = {};
  try {
    if (args.flags.has('check')) {
      const { models } = await ai.models();
      for (const m of models) await ai.session(m.id).catch((error: Error) => (problems[m.id] = error.message));
    }
    const listing = await ai.models();
    const report = { ...listing, models: listing.models.map((m) => ({ ...m, problem: problems[m.id] ?? null })) };
    if (args.flags.has('json')) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    for (const m of report.models) {
      const where = m.provider ? ` on ${m.provider}${m.skippedProviders.length ? ` (${m.skippedProviders.map((s) => `${s.provider}: ${s.reason}`).join('; ')})` : ''}` : '';
      console.log(`${m.id} ${m.version} [${m.source}, ${m.task}, ${m.modality}]${where}${m.problem ? `\n  refused: ${m.problem}` : ''}`);
    }
    for (const r of report.rejected) console.log(`rejected ${r.dir}: ${r.reason}`);
    console.log(`classic tools: ${report.classic.join(', ')}, classic.body, classic.lungs`);
  } finally {
    client.close();
  }
}
