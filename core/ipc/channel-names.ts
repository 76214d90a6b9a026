/**
 * Channel and event names alone, free of zod, for the sandboxed preload (which must stay small).
 * contract.ts fails to compile if its channels ever differ from this list.
 */
export const channelNames = {
  app: ['info'],
  study: ['initial', 'open', 'scan', 'load', 'thumbnail', 'release', 'companionStructures', 'cancel'],
  ai: ['models', 'interact', 'autoContour', 'cancel'],
  workspace: ['open', 'apply', 'status', 'close', 'recoverable', 'audit'],
  worklist: ['open', 'view', 'openCase', 'setStatus', 'exportFinished', 'report'],
  settings: ['get', 'update'],
  dialog: ['chooseFolder'],
  rt: ['importFile', 'exportRtstruct', 'exportSeg', 'exportLabelMap', 'lint'],
} as const;

export const eventNames = ['study.progress', 'ai.progress', 'ai.draft', 'worklist.progress'] as const;

type Names = typeof channelNames;
export type ListedChannelId = { [N in keyof Names]: `${N & string}.${Names[N][number]}` }[keyof Names];
export type ListedEventName = (typeof eventNames)[number];

export const listedChannelIds: readonly ListedChannelId[] = Object.entries(channelNames).flatMap(([ns, names]) =>
  names.map((name) => `${ns}.${name}` as ListedChannelId),
);
