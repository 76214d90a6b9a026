import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyMask } from '../core/mask/mask.ts';
import { writeLabelMap } from '../electron/services/rt/labelmap-service.ts';
import { loadSeries } from '../electron/services/study-loader.ts';
import { generatedSeries } from './generated-series.ts';

/** The generated CT in a case folder with 20 ellipsoid structures beside it (a companion label map). */
export async function renderCase(): Promise<{ folder: string; rawBytes: number }> {
  const ct = generatedSeries('ct-512x400', 400, 512, 1);
  const folder = join(tmpdir(), 'delineate-bench', 'render-case');
  const { volume } = await loadSeries(ct);
  if (!existsSync(join(folder, 'labels.nii.gz'))) {
    mkdirSync(folder, { recursive: true });
    if (!existsSync(join(folder, 'ct'))) symlinkSync(ct, join(folder, 'ct'));
    const [ni, nj, nk] = volume.dims;
    const masks = Array.from({ length: 20 }, (_, n) => {
      const mask = emptyMask(volume);
      // Organ-sized ellipsoids spread over the body, each through many slices, some overlapping.
      const angle = (n / 20) * 2 * Math.PI;
      const ci = ni / 2 + Math.cos(angle) * ni * 0.2;
      const cj = nj / 2 + Math.sin(angle) * nj * 0.12;
      const ck = nk * (0.2 + 0.6 * ((n * 7) % 20) / 20);
      const [ri, rj, rk] = [20 + (n % 5) * 8, 16 + (n % 3) * 8, 25 + (n % 4) * 15];
      for (let k = Math.max(0, Math.floor(ck - rk)); k < Math.min(nk, ck + rk); k++) {
        for (let j = Math.max(0, Math.floor(cj - rj)); j < Math.min(nj, cj + rj); j++) {
          for (let i = Math.max(0, Math.floor(ci - ri)); i < Math.min(ni, ci + ri); i++) {
            if (((i - ci) / ri) ** 2 + ((j - cj) / rj) ** 2 + ((k - ck) / rk) ** 2 <= 1) mask.voxels[i + j * ni + k * ni * nj] = 1;
          }
        }
      }
      return { name: `Structure_${String(n + 1).padStart(2, '0')}`, colour: [(n * 53) % 256, (n * 97) % 256, (n * 151) % 256] as const, type: 'ORGAN', mask };
    });
    await writeLabelMap(join(folder, 'labels.nii.gz'), volume, masks, { force: true });
  }
  return { folder: join(folder, 'ct'), rawBytes: volume.scalars.byteLength };
}

