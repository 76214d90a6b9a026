export type { NiftiDatatype } from './datatype.ts';
export type { NiftiImage, NiftiIntent, NiftiReadOptions } from './read.ts';
export { readNifti } from './read.ts';
export type { NiftiWriteOptions } from './write.ts';
export { niftiHeader, writeNifti } from './write.ts';
