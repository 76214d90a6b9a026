import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../core/ipc/dispatch.ts';
import { createHandlers, type CallContext } from '../handlers.ts';
import { InferenceClient } from '../inference-client.ts';
import { SettingsStore } from '../settings.ts';
import { VolumeStore } from '../volume-store.ts';
import { AiService } from './ai-service.ts';
import { bundledModelsDir, ModelRegistry } from './registry.ts';
import { writeTissueClickModel } from './testing/user-models.ts';

/** The user models folder chosen in settings (the model panel's "Your models folder"), through the handlers. */
describe('the user models folder in settings', () => {
  const work = mkdtempSync(join(tmpdir(), 'models-folder-'));
  const dataDir = join(work, 'data');
  const modelsDir = join(work, 'my models');
  const saved = process.env.DELINEATE_DATA_DIR;
  process.env.DELINEATE_DATA_DIR = dataDir;
  const client = new InferenceClient();
  const handlers = createHandlers({ store: new VolumeStore(), host: 'browser', initialStudyPath: null, ai: new AiService(new ModelRegistry({ bundled: bundledModelsDir() }), client) });
  const context: CallContext = { emit: () => {} };

  afterAll(() => {
    client.close();
    if (saved === undefined) delete process.env.DELINEATE_DATA_DIR;
    else process.env.DELINEATE_DATA_DIR = saved;
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses a path that is not the full path of a folder, naming it', async () => {
    writeFileSync(join(work, 'a-file'), 'x');
    const refused = async (path: string) => dispatch(handlers, 'settings.update', { modelsDir: path }, context);
    expect(await refused('models')).toMatchObject({ ok: false, error: { message: 'models folder "models": give the full path' } });
    expect(await refused(join(work, 'missing'))).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining(`${join(work, 'missing')}: no such folder`) } });
    expect(await refused(join(work, 'a-file'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a folder') } });
    expect((await handlers.settings.get({}, context)).modelsDir).toBeNull();
  });

  it('lists the models of the folder once chosen, with the prompts each takes, and none once cleared', async () => {
    writeTissueClickModel(modelsDir, 'tissue', 1);
    const before = await handlers.ai.models({}, context);
    expect(before.userModelsDir).toBeNull();
    expect(before.models.map((m) => m.source)).toEqual(['bundled']);

    expect((await handlers.settings.update({ modelsDir }, context)).modelsDir).toBe(modelsDir);
    const after = await handlers.ai.models({}, context);
    expect(after.userModelsDir).toBe(modelsDir);
    expect(after.models.map((m) => `${m.source}:${m.id}:${JSON.stringify(m.prompts)}`)).toEqual([
      'bundled:delineate.click3d-ct:{"box":false,"scribbles":false}',
      'user:test.tissue-click-1:{"box":false,"scribbles":false}',
    ]);
    // Kept in the data root's settings.json for the next launch.
    expect((await new SettingsStore(dataDir).get()).modelsDir).toBe(modelsDir);

    await handlers.settings.update({ modelsDir: null }, context);
    const cleared = await handlers.ai.models({}, context);
    expect(cleared.userModelsDir).toBeNull();
    expect(cleared.models.map((m) => m.source)).toEqual(['bundled']);
  });
});
