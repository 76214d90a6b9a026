import { SettingsStore } from '../services/settings.ts';
import { dataRoot } from '../services/workspace/data-root.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

/** The user models folder for a command: `--models-dir`, else the one chosen in the app's model panel (settings). */
export async function userModelsFolder(args: ParsedArgs | null): Promise<string | null> {
  return (args && stringFlag(args, 'models-dir')) ?? (await new SettingsStore(dataRoot()).get()).modelsDir ?? null;
}
