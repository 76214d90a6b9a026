import { gzipSync } from 'fflate';
import { duplicateChunk, flipBytes, randomBytes, truncate } from './bytes.ts';
import * as dicom from './dicom-mutations.ts';
import { elementSites } from './dicom-sites.ts';
import * as nifti from './nifti-mutations.ts';
import { inputSeed, seededRandom, type Random } from './random.ts';

/** The readers a fuzz input is fed to: image files and series, NIfTI, RTSTRUCT and DICOM SEG import. */
export const fuzzReaders = ['dicom', 'nifti', 'rtstruct', 'seg'] as const;
export type FuzzReader = (typeof fuzzReaders)[number];

/** A real file a reader accepts, prepared once for mutating. */
export interface FuzzSeed {
  /** Where it came from (relative to the data folder), for reports. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly dicom?: dicom.DicomSeed;
  readonly nifti?: nifti.NiftiSeed;
}

export function prepareSeed(reader: FuzzReader, name: string, bytes: Uint8Array): FuzzSeed {
  return reader === 'nifti' ? { name, bytes, nifti: nifti.niftiSeed(bytes) } : { name, bytes, dicom: { bytes, sites: elementSites(bytes) } };
}

type Mutation = (seed: FuzzSeed, random: Random) => Uint8Array;
const onDicom = (mutate: (seed: dicom.DicomSeed, random: Random) => Uint8Array): Mutation => (seed, random) => mutate(seed.dicom!, random);
const onNifti = (mutate: (seed: nifti.NiftiSeed, random: Random) => Uint8Array): Mutation => (seed, random) => mutate(seed.nifti!, random);

const dicomMutations: Record<string, Mutation> = {
  truncate: (seed, random) => truncate(seed.bytes, random),
  'truncate-at-element': onDicom(dicom.truncateAtElement),
  'byte-flips': (seed, random) => flipBytes(seed.bytes, random),
  'random-bytes': (seed, random) => randomBytes(seed.bytes, random, 132),
  'duplicate-chunk': (seed, random) => duplicateChunk(seed.bytes, random),
  'absurd-length': onDicom(dicom.absurdLength),
  'length-past-eof': onDicom(dicom.lengthPastEnd),
  'wrong-vr': onDicom(dicom.wrongVr),
  'absurd-value': onDicom(dicom.absurdValueOf),
  'huge-dimensions': onDicom(dicom.hugeDimensions),
  'deep-sequence': onDicom((seed, random) => dicom.deepSequence(seed, random)),
  'wrong-transfer-syntax': onDicom(dicom.wrongTransferSyntax),
  'drop-element': onDicom(dicom.dropElement),
};

const niftiMutations: Record<string, Mutation> = {
  truncate: (seed, random) => truncate(seed.bytes, random),
  'byte-flips': onNifti(nifti.flipRaw),
  'random-bytes': onNifti((seed, random) => {
    const bytes = randomBytes(seed.raw, random, 352);
    return seed.gzipped && random.chance(0.5) ? gzipSync(bytes, { level: 1, mtime: 0 }) : bytes;
  }),
  'duplicate-chunk': (seed, random) => duplicateChunk(seed.bytes, random),
  'absurd-header-field': onNifti(nifti.absurdHeaderField),
  'absurd-dimensions': onNifti(nifti.absurdDimensions),
  'bad-gzip': onNifti(nifti.badGzip),
};

export const mutations: Record<FuzzReader, Record<string, Mutation>> = {
  dicom: dicomMutations,
  nifti: niftiMutations,
  rtstruct: { ...dicomMutations, 'absurd-coordinates': onDicom(dicom.absurdCoordinates) },
  seg: dicomMutations,
};

export interface FuzzInput {
  readonly index: number;
  readonly reader: FuzzReader;
  readonly seed: FuzzSeed;
  readonly mutation: string;
  readonly bytes: Uint8Array;
}

/**
 * Input `index` of a run: its reader (round robin, so each gets a quarter), seed file and mutation, all
 * drawn from one generator seeded by (runSeed, index), so any input can be made again alone.
 */
export function makeInput(seeds: Record<FuzzReader, readonly FuzzSeed[]>, runSeed: number, index: number): FuzzInput {
  const random = seededRandom(inputSeed(runSeed, index));
  const reader = fuzzReaders[index % fuzzReaders.length]!;
  const seed = random.pick(seeds[reader]);
  const mutation = random.pick(Object.keys(mutations[reader]));
  return { index, reader, seed, mutation, bytes: mutate(reader, seed, mutation, random) };
}

/** One mutation of a seed; now and then a few byte flips on top, so damage combines. */
export function mutate(reader: FuzzReader, seed: FuzzSeed, mutation: string, random: Random): Uint8Array {
  const bytes = mutations[reader][mutation]!(seed, random);
  return random.chance(0.1) ? flipBytes(bytes, random) : bytes;
}
