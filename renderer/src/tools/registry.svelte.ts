import { createAiClick, type AiClickSettings } from './ai-click.ts';
import { createBrush, type BrushSettings } from './brush.ts';
import { contourSettings } from './contour-settings.svelte.ts';
import { createPolygonTool } from './polygon.ts';
import { createRegionGrow } from './region-grow.ts';
import { createScissors } from './scissors.ts';
import type { Tool } from './tool.ts';

/** Settings the tool bar edits and the tools read when they act. */
export const brushSettings: BrushSettings = $state({ radiusMm: 5, sphere: false, huLimited: false, huRange: { min: -100, max: 300 } });
/** The click model, chosen in the model panel. */
export const aiClickSettings: AiClickSettings = $state({ modelId: null, answered: 0, promptMode: 'click' });
const aiClick = createAiClick(aiClickSettings);

/** Every editing tool, in tool-bar order. The views navigate when none is active. */
export const tools: readonly Tool[] = [
  createBrush('paint', brushSettings),
  createBrush('erase', brushSettings),
  aiClick,
  createRegionGrow(contourSettings),
  createScissors(contourSettings),
  createPolygonTool(),
];

export class ToolState {
  #activeId = $state<string | null>(null);
  /** Bumped when a tool drops what it drew (Esc): the views redraw their overlays. */
  drawn = $state(0);

  get activeId(): string | null {
    return this.#activeId;
  }

  /** Putting a tool down (or taking up another) drops what it had in progress: nothing of it stays on screen. */
  set activeId(id: string | null) {
    if (id !== this.#activeId) this.cancel();
    this.#activeId = id;
  }

  /** Esc: the active tool drops what it has in progress, landing none of it; true when there was something. */
  cancel(): boolean {
    const dropped = this.active()?.cancel?.() ?? false;
    if (dropped) this.drawn++;
    return dropped;
  }

  active(): Tool | null {
    return tools.find((t) => t.id === this.activeId) ?? null;
  }

  toggle(id: string): void {
    this.activeId = this.activeId === id ? null : id;
  }

  forKey(key: string): Tool | undefined {
    return tools.find((t) => t.key === key.toLowerCase());
  }
}

export const toolState = new ToolState();

// Putting the AI tool down drops its proposal: left on screen, it would hide edits made with other tools.
$effect.root(() => {
  $effect(() => {
    if (toolState.activeId !== aiClick.id) aiClick.putDown();
  });
});
