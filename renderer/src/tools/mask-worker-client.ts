import { DelineateError } from '../../../core/errors.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { busy } from '../state/busy.svelte.ts';
import { runMaskStep, type MaskStepName, type MaskStepReply, type MaskSteps } from './mask-steps.ts';

interface Job {
  readonly step: MaskStepName;
  readonly args: unknown[];
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

const jobs = new Map<number, Job>();
let nextId = 1;
let worker: Worker | null = null;
/** The worker could not start (no Worker, or its script failed): steps run on the page, after a frame. */
let unavailable = typeof Worker === 'undefined';
/** The volume the worker holds for region grow. */
let heldVolume: Volume | null = null;

function runOnPage(job: Job): void {
  // Let the status bar show the busy label first: on the page, the step blocks drawing until it ends.
  requestAnimationFrame(() =>
    setTimeout(() => {
      try {
        job.resolve(runMaskStep(job.step, job.args as never));
      } catch (error) {
        job.reject(error);
      }
    }),
  );
}

function started(): Worker | null {
  if (worker || unavailable) return worker;
  worker = new Worker(new URL('./mask-steps.worker.ts', import.meta.url), { type: 'module', name: 'mask-steps' });
  worker.onmessage = ({ data }: MessageEvent<MaskStepReply>) => {
    const job = jobs.get(data.id);
    jobs.delete(data.id);
    if (!job) return;
    if ('error' in data) job.reject(DelineateError.fromWire(data.error));
    else job.resolve(data.result);
  };
  // Only a worker that cannot run at all gets here (each step's own errors come back as replies).
  worker.onerror = (event) => {
    event.preventDefault();
    console.warn(`Mask worker unavailable (${event.message}): heavy steps run on the page`);
    worker?.terminate();
    worker = null;
    unavailable = true;
    heldVolume = null;
    const pending = [...jobs.values()];
    jobs.clear();
    pending.forEach(runOnPage);
  };
  return worker;
}

function post<K extends MaskStepName>(step: K, args: Parameters<MaskSteps[K]>): Promise<ReturnType<MaskSteps[K]>> {
  return new Promise((resolve, reject) => {
    const job: Job = { step, args, resolve: resolve as (result: unknown) => void, reject };
    const target = started();
    if (!target) return runOnPage(job);
    const id = nextId++;
    jobs.set(id, job);
    target.postMessage({ id, step, args });
  });
}

/**
 * Runs a core/mask step off the page's thread while the status bar says `label`. Arguments are copied to the
 * worker (the caller keeps its own); results come back without a copy.
 */
export function runStep<K extends Exclude<MaskStepName, 'holdVolume' | 'regionGrow'>>(label: string, step: K, ...args: Parameters<MaskSteps[K]>): Promise<ReturnType<MaskSteps[K]>> {
  return busy.during(label, () => post(step, args));
}

/** Region grow through the study volume, which the worker receives once (not with every click). */
export function growInVolume(label: string, volume: Volume, ...args: Parameters<MaskSteps['regionGrow']>): Promise<ReturnType<MaskSteps['regionGrow']>> {
  return busy.during(label, async () => {
    if (heldVolume !== volume) {
      heldVolume = volume;
      await post('holdVolume', [volume]);
    }
    return post('regionGrow', args);
  });
}
