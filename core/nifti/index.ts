export type { NiftiDatatype } from './datatype.ts';
export type { NiftiImage, NiftiIntent } from './read.ts';
export { readNifti } from './read.ts';
export type { NiftiWriteOptions } from './write.ts';
export { writeNifti } from './write.ts';
