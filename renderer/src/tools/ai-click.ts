import { ijk } from '../../../core/geometry/space.ts';
import { indexToWorld, type Volume } from '../../../core/geometry/volume.ts';
import type { VoxelBox } from '../../../core/mask/patch.ts';
import type { Structure } from '../../../core/structures/structure-set.ts';
import { api, onEvent } from '../api.ts';
import { structures } from '../state/structures.svelte.ts';
import { study } from '../state/study.svelte.ts';
import { viewer } from '../state/viewer.svelte.ts';
import { indexAxisAlong, viewFrame, worldToScreen, type ViewAxis, type ViewCamera } from '../views/view-camera.ts';
import { currentMask, withPatch, type Proposal } from './ai-proposal.ts';
import type { Tool, ToolEvent } from './tool.ts';

export interface AiClickSettings {
  /** The interactive model (or classic tool) clicks go to; null until the model panel has listed them. */
  modelId: string | null;
  /** Clicks answered so far: the model panel lists the models again after each (the provider shows once used). */
  answered: number;
  /** What a drag gives, for models that take more than clicks (chosen in the model panel): a press alone is a click. */
  promptMode: 'click' | 'box' | 'scribble';
}

type Voxel = [number, number, number];
type Click = { voxel: Voxel; positive: boolean };
/** One prompt the user adds to the interaction. */
type Prompt = { kind: 'click'; click: Click } | { kind: 'box'; box: VoxelBox } | { kind: 'scribble'; voxels: Voxel[]; positive: boolean };

/** Everything one interaction on one structure has gathered: its clicks and what the model said last. */
interface Interaction {
  readonly id: string;
  readonly modelId: string;
  readonly clicks: Click[];
  /** The box prompt (the latest drawn replaces the one before) and the scribbled voxels, for models that take them. */
  readonly box: VoxelBox | null;
  readonly scribbles: { readonly positive: Voxel[]; readonly negative: Voxel[] };
  readonly volume: Volume;
  model: { version: string; sha256: string | null } | null;
  /** Click-to-answer time of the interaction's clicks, summed (the edit records it). */
  ms: number;
}

/**
 * The AI click tool: on the selected structure, a left click adds a positive point, a right click (or
 * Ctrl+click) a negative one. Every click sends all clicks so far and the current mask (the pending
 * proposal, else the structure) to `ai.interact`; the answer is shown as a proposal over the structure in
 * every view. Enter lands it as one undoable edit with the model's provenance; Esc, or putting the tool
 * down, discards it.
 */
export function createAiClick(settings: AiClickSettings): Tool & { putDown(): void } {
  let interaction: Interaction | null = null;
  let busy = false;
  // Bumped whenever the interaction is dropped, so an answer that arrives after Esc or Enter is ignored.
  let generation = 0;
  // The click being answered, so a draft (a first run's answer while the next run goes) can show meanwhile.
  let waiting: { structure: Structure; modelId: string; clicks: number; generation: number; base: Proposal | null } | null = null;
  onEvent('ai.draft', (draft) => {
    const w = waiting;
    if (!w || w.generation !== generation || draft.modelId !== w.modelId || draft.clicks !== w.clicks || !structures.set?.has(w.structure.meta.id)) return;
    structures.proposal = withPatch(w.structure.meta.id, w.structure.mask, w.base, draft.patch);
    structures.notify(`${w.modelId}: first proposal for click ${w.clicks}, refining...`);
  });

  function discard(): void {
    interaction = null;
    generation++;
    structures.proposal = null;
  }

  /** A press (and any drag) in progress, for box and scribble prompts. */
  let pressed: { start: ToolEvent; last: ToolEvent; dragged: boolean; voxels: Voxel[] } | null = null;
  const voxelOf = (event: ToolEvent) => event.index.map((v) => Math.round(v)) as Voxel;
  const inside = (voxel: Voxel, volume: Volume) => voxel.every((v, a) => v >= 0 && v < volume.dims[a]!);

  function promptOf(start: ToolEvent, end: ToolEvent, voxels: Voxel[], dragged: boolean): Prompt {
    const positive = start.button === 0 && !start.ctrlKey;
    if (dragged && settings.promptMode === 'box') {
      const [a, b] = [voxelOf(start), voxelOf(end)].map((v) => v.map((x, axis) => Math.min(Math.max(x, 0), start.volume.dims[axis]! - 1)));
      const lo = a!.map((x, axis) => Math.min(x, b![axis]!)) as Voxel;
      const hi = a!.map((x, axis) => Math.max(x, b![axis]!) + 1) as Voxel;
      return { kind: 'box', box: { lo, hi } };
    }
    if (dragged && settings.promptMode === 'scribble') return { kind: 'scribble', voxels, positive };
    return { kind: 'click', click: { voxel: voxelOf(start), positive } };
  }

  async function click(event: ToolEvent): Promise<void> {
    return ask(event, { kind: 'click', click: { voxel: voxelOf(event), positive: event.button === 0 && !event.ctrlKey } });
  }

  async function ask(event: ToolEvent, prompt: Prompt): Promise<void> {
    const structure = structures.selected();
    const volumeId = study.info?.id;
    if (!structure || !volumeId) return structures.notify('Select or add a structure first.');
    if (structure.meta.locked) return structures.notify(`${structure.meta.name} is locked.`);
    const modelId = settings.modelId;
    if (!modelId) return structures.notify('No click model: choose one in the model panel.');
    if (busy) return structures.notify('The model is still answering the last click.');
    const voxel = voxelOf(event);
    if (prompt.kind === 'click' && !inside(prompt.click.voxel, event.volume)) return structures.notify('Click inside the image.');
    if (prompt.kind === 'scribble' && prompt.voxels.length === 0) return structures.notify('Scribble inside the image.');
    // A new structure or model starts a new interaction; what the old one proposed is dropped.
    if (interaction && (interaction.id !== structure.meta.id || interaction.modelId !== modelId)) discard();
    const current = interaction ?? { id: structure.meta.id, modelId, clicks: [], box: null, scribbles: { positive: [], negative: [] }, volume: event.volume, model: null, ms: 0 };
    const clicks = prompt.kind === 'click' ? [...current.clicks, prompt.click] : current.clicks;
    const box = prompt.kind === 'box' ? prompt.box : current.box;
    const scribbles =
      prompt.kind === 'scribble'
        ? {
            positive: prompt.positive ? [...current.scribbles.positive, ...prompt.voxels] : current.scribbles.positive,
            negative: prompt.positive ? current.scribbles.negative : [...current.scribbles.negative, ...prompt.voxels],
          }
        : current.scribbles;
    const what = prompt.kind === 'click' ? `click ${clicks.length}` : prompt.kind === 'box' ? 'the box' : `a scribble (${prompt.voxels.length} voxels)`;
    const hasScribbles = scribbles.positive.length + scribbles.negative.length > 0;
    busy = true;
    const asked = generation;
    const started = performance.now();
    const proposal = structures.proposal?.id === structure.meta.id ? structures.proposal : null;
    waiting = { structure, modelId, clicks: clicks.length, generation: asked, base: proposal };
    try {
      const result = await api.ai.interact({
        volumeId,
        modelId,
        previous: currentMask(structure.mask, proposal),
        clicks,
        ...(box ? { box } : {}),
        ...(hasScribbles ? { scribbles } : {}),
      });
      const ms = Math.round(performance.now() - started);
      // The proposal may have been discarded, or the structure undone away, while the model ran.
      if (asked !== generation || !structures.set?.has(structure.meta.id)) return;
      const { provenance } = result;
      interaction = { ...current, clicks, box, scribbles, model: { version: provenance.version, sha256: provenance.sha256 }, ms: current.ms + ms };
      settings.answered++;
      // On what was proposed before this click (not on a draft shown meanwhile: the answer holds all of it).
      structures.proposal = result.patch ? withPatch(structure.meta.id, structure.mask, proposal, result.patch) : (proposal ?? unchanged(structure, voxel));
      structures.notify(
        // Round trip as the user waits for it; in brackets the main side's part and the network's part of that.
        `${modelId}: ${ms} ms for ${what} (main ${Math.round(provenance.ms.total)} ms, model ${Math.round(provenance.ms.run)} ms on ${provenance.provider}). Enter accepts, Esc discards.`,
      );
    } catch (error) {
      structures.notify(`AI click failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
      waiting = null;
    }
  }

  function accept(): void {
    const proposal = structures.proposal;
    const done = interaction;
    discard();
    if (!proposal || !done || !structures.set?.has(proposal.id)) return;
    const meta = structures.set.get(proposal.id).meta;
    // One edit, one undo step: the voxels, and the model as the structure's provenance (core does that when
    // the model has weights; the classic tool's sha256 is null and leaves provenance as it is).
    const scribbled = done.scribbles.positive.length + done.scribbles.negative.length > 0;
    const ai = {
      modelId: done.modelId,
      modelVersion: done.model?.version ?? '',
      sha256: done.model?.sha256 ?? null,
      prompts: done.clicks,
      ...(done.box ? { box: done.box } : {}),
      ...(scribbled ? { scribbles: { positive: done.scribbles.positive.length, negative: done.scribbles.negative.length } } : {}),
      ms: Math.round(done.ms),
    };
    structures.edit(proposal.id, proposal.box, proposal.values, `AI click ${meta.name} (${done.modelId})`, done.clicks.length, ai);
    structures.notify(`${meta.name}: AI proposal accepted (${done.clicks.length} click${done.clicks.length === 1 ? '' : 's'}).`);
  }

  /** The clicks on the slice a view shows: green + for positive, red − for negative. */
  function drawClicks(context: CanvasRenderingContext2D, camera: ViewCamera, axis: ViewAxis): void {
    if (!interaction || !structures.proposal) return;
    const { volume } = interaction;
    const indexAxis = indexAxisAlong(volume.direction, viewFrame(axis, viewer.convention).worldAxis);
    const slice = viewer.sliceIndex(volume, axis);
    context.lineWidth = 2;
    for (const c of interaction.clicks) {
      if (c.voxel[indexAxis] !== slice) continue;
      const [x, y] = worldToScreen(camera, indexToWorld(volume, ijk(...c.voxel)));
      context.strokeStyle = c.positive ? 'rgb(80,230,110)' : 'rgb(255,90,90)';
      context.beginPath();
      context.moveTo(x - 5, y);
      context.lineTo(x + 5, y);
      if (c.positive) {
        context.moveTo(x, y - 5);
        context.lineTo(x, y + 5);
      }
      context.stroke();
    }
    context.lineWidth = 1;
  }

  /** The box being dragged or the one given, and the scribbles: outlined on the slice each lies on. */
  function drawBoxesAndScribbles(context: CanvasRenderingContext2D, camera: ViewCamera, axis: ViewAxis): void {
    context.lineWidth = 1.5;
    if (pressed?.dragged && pressed.start.axis === axis) {
      context.strokeStyle = settings.promptMode === 'box' ? 'rgb(250,210,60)' : pressed.start.button === 0 && !pressed.start.ctrlKey ? 'rgb(80,230,110)' : 'rgb(255,90,90)';
      if (settings.promptMode === 'box') context.strokeRect(pressed.start.x, pressed.start.y, pressed.last.x - pressed.start.x, pressed.last.y - pressed.start.y);
      else drawVoxels(context, camera, pressed.start.volume, pressed.voxels);
    }
    if (interaction && structures.proposal) {
      const { volume, box, scribbles } = interaction;
      const indexAxis = indexAxisAlong(volume.direction, viewFrame(axis, viewer.convention).worldAxis);
      const slice = viewer.sliceIndex(volume, axis);
      const onSlice = (voxels: Voxel[]) => voxels.filter((v) => v[indexAxis] === slice);
      context.strokeStyle = 'rgb(80,230,110)';
      drawVoxels(context, camera, volume, onSlice(scribbles.positive));
      context.strokeStyle = 'rgb(255,90,90)';
      drawVoxels(context, camera, volume, onSlice(scribbles.negative));
      if (box && slice >= box.lo[indexAxis] && slice < box.hi[indexAxis]) {
        const [x0, y0] = worldToScreen(camera, indexToWorld(volume, ijk(...(box.lo as Voxel))));
        const [x1, y1] = worldToScreen(camera, indexToWorld(volume, ijk(box.hi[0] - 1, box.hi[1] - 1, box.hi[2] - 1)));
        context.strokeStyle = 'rgb(250,210,60)';
        context.strokeRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
      }
    }
    context.lineWidth = 1;
  }

  function drawVoxels(context: CanvasRenderingContext2D, camera: ViewCamera, volume: Volume, voxels: Voxel[]): void {
    context.beginPath();
    voxels.forEach((v, n) => {
      const [x, y] = worldToScreen(camera, indexToWorld(volume, ijk(...v)));
      if (n === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.stroke();
  }

  return {
    id: 'ai-click',
    label: 'AI click',
    key: 'a',
    tooltip: 'AI click (A): left click adds, right click or Ctrl+click removes; for models that take them, drag a box or scribble (model panel); Enter accepts, Esc discards',
    usesSecondaryButton: true,
    down(event) {
      if (settings.promptMode === 'click') return void click(event);
      const voxel = voxelOf(event);
      pressed = { start: event, last: event, dragged: false, voxels: inside(voxel, event.volume) ? [voxel] : [] };
    },
    move(event) {
      if (!pressed) return;
      pressed.last = event;
      pressed.dragged ||= Math.hypot(event.x - pressed.start.x, event.y - pressed.start.y) >= 4;
      const voxel = voxelOf(event);
      const previous = pressed.voxels.at(-1);
      if (inside(voxel, event.volume) && (!previous || voxel.some((v, a) => v !== previous[a]))) pressed.voxels.push(voxel);
    },
    up(event) {
      const done = pressed;
      pressed = null;
      if (done) void ask(done.start, promptOf(done.start, event, done.voxels, done.dragged));
    },
    drawHover: (context, camera, axis) => {
      drawClicks(context, camera, axis);
      drawBoxesAndScribbles(context, camera, axis);
    },
    putDown: discard,
    cancel() {
      // A box or scribble being dragged is dropped, so its release asks nothing; a click still being answered is
      // dropped with its interaction (its answer, and any draft, then go unshown). A proposal on screen alone is
      // left to onKey: Esc discards it there.
      const had = pressed !== null || waiting !== null;
      pressed = null;
      if (waiting) {
        discard();
        structures.notify('AI click cancelled: its answer will not be shown.');
      }
      return had;
    },
    onKey(key) {
      if (!structures.proposal) return false;
      // A draft is on screen while the model refines it: Enter waits for the answer rather than dropping both.
      if (key === 'Enter' && busy) structures.notify('The model is still refining this proposal: press Enter when it is done.');
      else if (key === 'Enter') accept();
      else if (key === 'Escape') {
        discard();
        structures.notify('AI proposal discarded.');
      } else return false;
      return true;
    },
  };
}

/** An answer that changed nothing is still a proposal (the structure as it is), so Enter and Esc behave alike. */
function unchanged(structure: Structure, voxel: readonly [number, number, number]): Proposal {
  const box: VoxelBox = { lo: voxel, hi: [voxel[0] + 1, voxel[1] + 1, voxel[2] + 1] };
  return { id: structure.meta.id, box, values: structure.mask.readBox(box) };
}
