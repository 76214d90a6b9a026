import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName = 'axial' | 'coronal' | 'sagittal' | '3d';

export interface PixelStats {
  mean: number;
  stdDev: number;
  distinct: number;
}

/** What #installDecoder leaves in the page. */
interface DecoderHost {
  decodePngForTest(data: string): Promise<{ rgba: Uint8ClampedArray; width: number }>;
}

/** Keyboard shortcuts of the editing tools (renderer/src/tools). */
const toolKeys = { brush: 'b', eraser: 'e', polygon: 'p', scissors: 's', 'region-grow': 'g' } as const;

/** The app as a user sees it; waits on the app's own signals (data-state), never on time. */
export class AppPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(error.message));
  }

  root(): Locator {
    return this.page.locator('.app');
  }

  view(name: ViewName): Locator {
    return this.page.locator(`[data-view="${name}"]`);
  }

  async waitReady(): Promise<void> {
    await expect(this.root()).toHaveAttribute('data-state', 'ready');
    for (const name of ['axial', 'coronal', 'sagittal'] as const) {
      await expect(this.view(name)).toHaveAttribute('data-state', 'ready');
    }
  }

  /** Gives the page one PNG decoder (its own image decoder and a canvas) that the pixel probes below share. */
  async #installDecoder(): Promise<void> {
    await this.page.evaluate(() => {
      const host = globalThis as unknown as Partial<DecoderHost>;
      host.decodePngForTest ??= async (data: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return { rgba: context.getImageData(0, 0, image.width, image.height).data, width: image.width };
      };
    });
  }

  /** Grey-level statistics of what a view shows on screen, decoded by the page's own image decoder. */
  async viewPixels(name: ViewName): Promise<PixelStats> {
    const png = (await this.view(name).screenshot()).toString('base64');
    await this.#installDecoder();
    return this.page.evaluate(async (data) => {
      const { rgba } = await (globalThis as unknown as DecoderHost).decodePngForTest(data);
      let sum = 0;
      let sumSq = 0;
      const levels = new Set<number>();
      const count = rgba.length / 4;
      for (let n = 0; n < rgba.length; n += 4) {
        const grey = (rgba[n]! + rgba[n + 1]! + rgba[n + 2]!) / 3;
        sum += grey;
        sumSq += grey * grey;
        levels.add(Math.round(grey));
      }
      const mean = sum / count;
      return { mean, stdDev: Math.sqrt(sumSq / count - mean * mean), distinct: levels.size };
    }, png);
  }

  /**
   * Centroid (as a fraction of the view's width and height) of the neutral grey pixels of a view whose
   * level lies in [minGrey, maxGrey]: finds where a bead of known intensity is drawn on screen.
   */
  async greyCentroid(name: ViewName, minGrey: number, maxGrey: number): Promise<{ x: number; y: number; count: number }> {
    const png = (await this.page.locator(`[data-view="${name}"] .canvas`).screenshot()).toString('base64');
    await this.#installDecoder();
    return this.page.evaluate(
      async ({ data, minGrey, maxGrey }) => {
        const { rgba, width } = await (globalThis as unknown as DecoderHost).decodePngForTest(data);
        let sx = 0;
        let sy = 0;
        let count = 0;
        for (let n = 0; n < rgba.length; n += 4) {
          const [r, g, b] = [rgba[n]!, rgba[n + 1]!, rgba[n + 2]!];
          if (Math.abs(r - g) > 6 || Math.abs(g - b) > 6) continue;
          const grey = (r + g + b) / 3;
          if (grey < minGrey || grey > maxGrey) continue;
          const pixel = n / 4;
          sx += pixel % width;
          sy += Math.floor(pixel / width);
          count++;
        }
        const height = rgba.length / 4 / width;
        return { x: sx / count / width, y: sy / count / height, count };
      },
      { data: png, minGrey, maxGrey },
    );
  }

  /** Orientation letters shown at the four edges of a 2D view. */
  async letters(name: Exclude<ViewName, '3d'>): Promise<Record<'top' | 'bottom' | 'left' | 'right', string>> {
    const view = this.view(name);
    const read = (edge: string) => view.locator(`[data-letter="${edge}"]`).innerText();
    return { top: await read('top'), bottom: await read('bottom'), left: await read('left'), right: await read('right') };
  }

  async slice(name: ViewName): Promise<number> {
    return Number(await this.view(name).getAttribute('data-slice'));
  }

  /** A view's pixels as a PNG, to compare with another moment's. */
  async snapshot(name: ViewName): Promise<string> {
    return (await this.view(name).screenshot()).toString('base64');
  }

  /** A snapshot of a view once it has stopped changing (two in a row alike), e.g. after a resize. */
  async stillSnapshot(name: ViewName): Promise<string> {
    let last = await this.snapshot(name);
    await expect
      .poll(async () => {
        const next = await this.snapshot(name);
        const change = await this.difference(last, next);
        last = next;
        return change;
      })
      .toBeLessThan(0.01);
    return last;
  }

  /** Mean absolute difference (0-255) of the grey levels of two snapshots of the same view. */
  async difference(before: string, after: string): Promise<number> {
    await this.#installDecoder();
    return this.page.evaluate(
      async ([a, b]) => {
        const { decodePngForTest } = globalThis as unknown as DecoderHost;
        const [x, y] = [(await decodePngForTest(a!)).rgba, (await decodePngForTest(b!)).rgba];
        let sum = 0;
        for (let n = 0; n < x.length; n += 4) sum += Math.abs(x[n]! + x[n + 1]! + x[n + 2]! - y[n]! - y[n + 1]! - y[n + 2]!) / 3;
        return sum / (x.length / 4);
      },
      [before, after],
    );
  }

  /**
   * The screen point of voxel (i, j) of the slice the axial view shows. The status bar's voxel readout at two
   * points fixes the linear map, which holds until the view is panned, zoomed or resized (not when it scrolls).
   */
  async axialVoxelToScreen(): Promise<(i: number, j: number) => { x: number; y: number }> {
    const box = (await this.view('axial').boundingBox())!;
    const read = async (fx: number, fy: number) => {
      const [x, y] = [box.x + box.width * fx, box.y + box.height * fy];
      await this.page.mouse.move(x, y);
      const [vi, vj] = (await this.page.locator('[data-field="voxel"]').innerText()).replace('voxel ', '').split(', ').map(Number) as [number, number];
      return { x, y, vi, vj };
    };
    const [a, b] = [await read(0.25, 0.25), await read(0.75, 0.75)];
    return (i, j) => ({ x: a.x + ((i - a.vi) * (b.x - a.x)) / (b.vi - a.vi), y: a.y + ((j - a.vj) * (b.y - a.y)) / (b.vj - a.vj) });
  }

  /** Maximises a view (M with the pointer over it): the others, the 3D view too, stop drawing. */
  async maximise(name: ViewName): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.view(name).hover();
    await this.page.keyboard.press('m');
    await expect(this.view(name)).toHaveClass(/maximised/);
  }

  /** Takes up an editing tool by its key, wherever the focus was left (keys typed into a field are not shortcuts). */
  async pickTool(id: keyof typeof toolKeys): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const button = this.page.locator(`[data-tool="${id}"]`);
    if ((await button.getAttribute('aria-pressed')) !== 'true') await this.page.keyboard.press(toolKeys[id]);
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** Back to navigation (Esc). */
  async putToolDown(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('button', { name: 'Navigate' })).toHaveAttribute('aria-pressed', 'true');
  }

  /** One click of the brush or eraser, `radiusMm` wide, at a screen point; then back to navigation. */
  async dab(tool: 'brush' | 'eraser', radiusMm: number, at: { x: number; y: number }): Promise<void> {
    await this.page.getByLabel('Brush radius (mm)').fill(String(radiusMm));
    await this.pickTool(tool);
    await this.page.mouse.click(at.x, at.y);
    await this.putToolDown();
  }

  /** A structure's row in the structure list. */
  structure(name: string): Locator {
    return this.page.locator(`[data-structure="${name}"]`);
  }

  /** A structure's volume as the structure list shows it (cc, one decimal). */
  async cc(name: string): Promise<number> {
    return Number((await this.structure(name).locator('.volume').innerText()).replace(' cc', ''));
  }

  /** A structure's exact voxel count, from the structure list. */
  async voxels(name: string): Promise<number> {
    return Number(await this.structure(name).getAttribute('data-voxels'));
  }

  /** Scans a folder in the study browser and waits until the listing (or its error) is shown. */
  async scan(path: string): Promise<void> {
    await this.page.getByLabel('DICOM folder, file or DICOMDIR').fill(path);
    await this.page.getByRole('button', { name: 'Scan' }).click();
    await expect(this.page.getByRole('button', { name: 'Scan' })).toBeEnabled();
  }

  async scroll(name: ViewName, steps: number): Promise<void> {
    await this.view(name).hover();
    for (let n = 0; n < Math.abs(steps); n++) await this.page.mouse.wheel(0, Math.sign(steps) * 100);
  }

  /**
   * Sends a raw IPC request the way a compromised or buggy page could: through window.api in Electron,
   * through the browser host's WebSocket otherwise. Returns the wire result.
   */
  async sendRawIpc(channel: string, input: unknown): Promise<unknown> {
    return this.page.evaluate(
      async ({ channel, input }) => {
        const api = (globalThis as { api?: Record<string, Record<string, (i: unknown) => Promise<unknown>>> }).api;
        if (api) {
          const [ns, name] = channel.split('.') as [string, string];
          return api[ns]![name]!(input);
        }
        const socket = new WebSocket(`ws://${location.host}/ws`);
        await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
        const reply = new Promise((resolve) => socket.addEventListener('message', (m) => resolve(JSON.parse(String(m.data))), { once: true }));
        socket.send(JSON.stringify({ id: 99, channel, input }));
        const result = await reply;
        socket.close();
        return result;
      },
      { channel, input },
    );
  }
}
