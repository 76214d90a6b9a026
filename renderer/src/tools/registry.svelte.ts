import { createAiClick, type AiClickSettings } from './ai-click.ts';
import { createBrush, type BrushSettings } from './brush.ts';
import type { Tool } from './tool.ts';

/** Settings the tool bar edits and the tools read when they act. */
export const brushSettings: BrushSettings = $state({ radiusMm: 5, huRange: null });
/** The click model, chosen in the model panel. */
export const aiClickSettings: AiClickSettings = $state({ modelId: null, answered: 0 });

/** Every editing tool, in tool-bar order. The views navigate when none is active. */
export const tools: readonly Tool[] = [createBrush('paint', brushSettings), createBrush('erase', brushSettings), createAiClick(aiClickSettings)];

export class ToolState {
  activeId = $state<string | null>(null);

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
