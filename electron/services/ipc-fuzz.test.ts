import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { errorCodes } from '../../core/errors.ts';
import { channelDef, channelIds, type ChannelId, type Handlers } from '../../core/ipc/contract.ts';
import { dispatch, type WireResult } from '../../core/ipc/dispatch.ts';
import { damage, sampleOf, type LeafPool } from '../../core/testing/fuzz/payloads.ts';
import { seededRandom } from '../../core/testing/fuzz/random.ts';
import { appRoot } from './app-meta.ts';
import { createHandlers, type CallContext } from './handlers.ts';
import { VolumeStore, type StoredVolume } from './volume-store.ts';

/**
 * Random and damaged payloads (seeded) to every channel of the contract, through the real dispatch and the
 * real handlers (a real CT loaded, workspaces in a temporary data folder). Each must come back as a
 * validation error or another typed error, never as 'internal' (an unexpected exception) and never as a
 * rejected promise; a handler may only ever see an input its channel's schema accepts.
 */
const data = resolve(appRoot(), '..', 'shared', 'data');
const payloadsPerChannel = 160;
const dataDir = mkdtempSync(join(tmpdir(), 'delineate-ipc-fuzz-'));
const previousDataDir = process.env.DELINEATE_DATA_DIR;
process.env.DELINEATE_DATA_DIR = dataDir;
// No chdir needed: every channel that writes (rt exports, worklist export and report) takes an absolute path
// only, so a string such as 'GTV' or '1.2.3' in a path field is refused and never written in the checkout.
afterAll(() => {
  if (previousDataDir === undefined) delete process.env.DELINEATE_DATA_DIR;
  else process.env.DELINEATE_DATA_DIR = previousDataDir;
  rmSync(dataDir, { recursive: true, force: true });
});

const store = new VolumeStore();
const real = createHandlers({ store, host: 'browser', initialStudyPath: null });
const calls: { channel: ChannelId; input: unknown }[] = [];
/** The real handlers, each recording the input it was called with. */
const spied = Object.fromEntries(
  Object.entries(real).map(([ns, channels]) => [
    ns,
    Object.fromEntries(
      Object.entries(channels as Record<string, (input: unknown, context: CallContext) => Promise<unknown>>).map(([name, handler]) => [
        name,
        (input: unknown, context: CallContext) => {
          calls.push({ channel: `${ns}.${name}` as ChannelId, input });
          return handler(input, context);
        },
      ]),
    ),
  ]),
) as unknown as Handlers<CallContext>;
const context: CallContext = { emit: () => {} };
let pool: LeafPool;
let loaded: StoredVolume;
let worklistId: string;
let existedBefore: Set<string>;

/** Where a write to each relative string of the pool would land (with a label map's sidecar), in the working folder. */
function relativeTargets(): string[] {
  return pool.strings.filter((s) => !isAbsolute(s)).flatMap((s) => [resolve(s), resolve(`${s}.json`), resolve(s.replace(/(\.nii\.gz|\.dcm)?$/, '.json'))]);
}

beforeAll(async () => {
  // Real ids, so damaged payloads get past the id checks and reach the handlers' own checks. Every path is
  // a copy in the test's folder: valid export and report payloads with `force` overwrite what they name.
  const copy = (from: string) => {
    const to = join(dataDir, 'inputs', from);
    cpSync(join(data, from), to, { recursive: true });
    return to;
  };
  const ct2 = copy('pydicom/CT2');
  const volume = await real.study.open({ path: ct2 }, context);
  const scan = await real.study.scan({ path: ct2 }, context);
  const workspace = await real.workspace.open({ volumeId: volume.id }, context);
  loaded = store.get(volume.id)!;
  // A folder of three small cases (dcmqi's 23x38x3, 24x38x3 and ct-3slice), for the worklist channels.
  const worklist = await real.worklist.open({ path: copy('dcmqi/segmentations') }, context);
  worklistId = worklist.worklistId;
  pool = {
    strings: [
      worklist.worklistId, 'wl-0123456789abcdef', ...worklist.cases.map((c) => c.id).slice(0, 2), 'no-such-case',
      volume.id, 'vol-0123456789abcdef', scan.scanId, 'scan-0123456789abcdef', scan.series[0]!.key, workspace.workspaceId, 'case-0123456789abcdef',
      ct2, copy('pydicom/rtstruct.dcm'), copy('highdicom/seg_image_ct_binary.dcm'), join(dataDir, 'out.dcm'), join(dataDir, 'labels.nii.gz'),
      join(dataDir, 'cases'), join(dataDir, 'missing', 'x'), 'Liver', 'GTV', 'ORGAN', 'MANUAL', 'structure-1', 'annotator', 'x', '1.2.3',
    ],
    numbers: [0, 1, 2, 3, 7, 16, 100, 255, 1000, -1, 0.5],
  };
  existedBefore = new Set(relativeTargets().filter((path) => existsSync(path)));
}, 60_000);

/** Every channel, in the contract's order. */
describe.each(channelIds.map((id) => [id]))('%s', (channel) => {
  it(`answers ${payloadsPerChannel} random and damaged payloads with typed errors, and calls its handler only with valid input`, async () => {
    const random = seededRandom(channelIds.indexOf(channel) + 1);
    const schema = channelDef(channel).input;
    let rejected = 0;
    for (let n = 0; n < payloadsPerChannel; n++) {
      const sample = sampleOf(schema, random, pool);
      // A quarter stay as sampled (most are valid and reach the handler); the rest are damaged.
      const payload = random.chance(0.25) ? sample : damage(sample, random);
      const valid = acceptedBy(schema, payload ?? {});
      const before = calls.length;
      const result: WireResult = await dispatch(spied, channel, payload, context);
      const called = calls.slice(before);
      // A valid study.release may take the test's volume: put it back, so later payloads still reach handlers.
      if (!store.get(loaded.info.id)) store.add(loaded);
      const what = `${channel} payload ${n}: ${shown(payload)} -> ${JSON.stringify(result).slice(0, 300)}`;
      if (!result.ok) {
        expect(errorCodes, what).toContain(result.error.code);
        expect(result.error.code, what).not.toBe('internal');
        expect(result.error.message.length, what).toBeGreaterThan(0);
      }
      if (!valid) {
        rejected++;
        expect(called, what).toEqual([]);
        expect(result, what).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
      for (const call of called) expect(acceptedBy(channelDef(call.channel).input, call.input), what).toBe(true);
    }
    // The damage really reached the validation (a good part of the payloads were invalid: fewer where every key
    // is optional, as in settings.update, since a dropped key leaves a valid payload), and valid ones the handler.
    expect(rejected).toBeGreaterThan(payloadsPerChannel / 3);
    expect(calls.filter((c) => c.channel === channel).length).toBeGreaterThan(payloadsPerChannel / 10);
    // No payload polluted Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});

/** Whether the schema accepts a value; a value zod throws on (see dispatch.ts) is not accepted. */
function acceptedBy(schema: ZodType, value: unknown): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}

function shown(payload: unknown): string {
  try {
    return (JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? typeof payload).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(payload);
  }
}

describe('the working folder', () => {
  it('got nothing from the payloads above: relative strings in path fields were refused, not written (no chdir needed)', () => {
    expect(relativeTargets().length).toBeGreaterThan(0);
    expect(relativeTargets().filter((path) => existsSync(path) && !existedBefore.has(path))).toEqual([]);
  });
});

describe('paths that never end', () => {
  it.each(['rt.importFile', 'rt.lint'] as const)('%s refuses a device such as /dev/zero instead of reading it forever', async (channel) => {
    const result = await dispatch(spied, channel, { path: '/dev/zero', volumeId: loaded.info.id }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: '/dev/zero: not a regular file (a folder, device or pipe), so it is not read' } });
  });

  it('a report to a folder that can never be made (under /proc) fails, where mkdir -p would loop forever', async () => {
    const result = await dispatch(spied, 'worklist.report', { worklistId, path: '/proc/nonexistent/delineate/report.csv' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'io', message: '/proc/nonexistent/delineate/report.csv: cannot be written (ENOENT)' } });
  });
});
