import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { appRoot } from './services/app-meta.ts';

/**
 * Proves the layer rule of eslint.config.js (the one `npm test` runs): each forbidden import, fed to the
 * real linter as if it were a file in that folder, is an error; the allowed ones are not.
 */
const eslint = new ESLint({ cwd: appRoot() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

const forbidden: [folder: string, code: string][] = [
  ['core/dicom/x.ts', "import { app } from 'electron';"],
  ['core/dicom/x.ts', "import { readFile } from 'node:fs/promises';"],
  ['core/dicom/x.ts', "import { join } from 'path';"],
  ['core/mask/x.ts', "import { mount } from 'svelte';"],
  ['core/mask/x.ts', "import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';"],
  ['core/inference/x.ts', "import ort from 'onnxruntime-node';"],
  ['core/ipc/x.ts', "import { VolumeStore } from '../../electron/services/volume-store.ts';"],
  ['core/ipc/x.ts', 'export const w = window.innerWidth;'],
  ['electron/services/x.ts', "import { BrowserWindow } from 'electron';"],
  ['electron/services/x.ts', "import ort from 'onnxruntime-node';"],
  ['electron/services/x.ts', "import { study } from '../../renderer/src/state/study.svelte.ts';"],
  ['electron/cli/x.ts', "import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';"],
  ['electron/main/x.ts', "import { ipcMain } from 'electron';"],
  ['electron/main/x.ts', "import { ipcRenderer } from 'electron';"],
  ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer/src/x.ts', "import ort from 'onnxruntime-node';"],
  ['renderer/src/x.ts', "import { openStudy } from '../../electron/services/study-service.ts';"],
];

const allowed: [folder: string, code: string][] = [
  ['core/dicom/x.ts', "import dicomParser from 'dicom-parser';\nimport { z } from 'zod';\nexport { dicomParser, z };"],
  ['electron/services/x.ts', "import { readFile } from 'node:fs/promises';\nimport { planStack } from '../../core/dicom/stack.ts';\nexport { readFile, planStack };"],
  ['electron/inference-host/x.ts', "import ort from 'onnxruntime-node';\nexport { ort };"],
  ['electron/main/register.ts', "import { ipcMain } from 'electron';\nexport { ipcMain };"],
  ['electron/main/x.ts', "import { app } from 'electron';\nimport { VolumeStore } from '../services/volume-store.ts';\nexport { app, VolumeStore };"],
  ['electron/preload/x.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };"],
  ['renderer/src/x.ts', "import { mount } from 'svelte';\nimport { lps } from '../../core/geometry/space.ts';\nexport { mount, lps };"],
];

describe('layer rule', () => {
  it.each(forbidden)('rejects in %s: %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toEqual([]);
  });

  it.each(allowed)('accepts in %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
