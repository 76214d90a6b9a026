import type { DataSet } from 'dicom-parser';
import { attributeReader, toOrientation, toVec3, type SliceHeader } from './header.ts';
import { Tag } from './tags.ts';

/**
 * One SliceHeader per frame of a multi-frame image. Enhanced CT/MR put each frame's position (and
 * possibly orientation, spacing and rescale) in the per-frame functional groups, falling back to the shared
 * groups (PS3.3 C.7.6.16). Legacy multi-frame files without positions give frames with none, which
 * planStack then reports.
 */
export function framesOf(ds: DataSet, first: SliceHeader): SliceHeader[] {
  if (first.numberOfFrames <= 1) return [first];
  const shared = ds.elements[Tag.SharedFunctionalGroupsSequence]?.items?.[0]?.dataSet;
  const perFrame = ds.elements[Tag.PerFrameFunctionalGroupsSequence]?.items ?? [];
  return Array.from({ length: first.numberOfFrames }, (_, frameIndex) => {
    const groups = [perFrame[frameIndex]?.dataSet, shared].filter((g): g is DataSet => g !== undefined);
    const fromGroups = <T>(sequence: string, read: (item: DataSet) => T | undefined): T | undefined => {
      for (const group of groups) {
        const item = group.elements[sequence]?.items?.[0]?.dataSet;
        const value = item && read(item);
        if (value !== undefined) return value;
      }
      return undefined;
    };
    const position = fromGroups(Tag.PlanePositionSequence, (item) => toVec3(attributeReader(item).numbers(Tag.ImagePositionPatient, 3)));
    const orientation = fromGroups(Tag.PlaneOrientationSequence, (item) =>
      toOrientation(attributeReader(item).numbers(Tag.ImageOrientationPatient, 6)),
    );
    const spacing = fromGroups(Tag.PixelMeasuresSequence, (item) => attributeReader(item).numbers(Tag.PixelSpacing, 2));
    const thickness = fromGroups(Tag.PixelMeasuresSequence, (item) => attributeReader(item).num(Tag.SliceThickness));
    const slope = fromGroups(Tag.PixelValueTransformationSequence, (item) => attributeReader(item).num(Tag.RescaleSlope));
    const intercept = fromGroups(Tag.PixelValueTransformationSequence, (item) => attributeReader(item).num(Tag.RescaleIntercept));
    return {
      ...first,
      frameIndex,
      imagePosition: position ?? (frameIndex === 0 ? first.imagePosition : undefined),
      imageOrientation: orientation ?? first.imageOrientation,
      pixelSpacing: spacing ? [spacing[0]!, spacing[1]!] : first.pixelSpacing,
      sliceThickness: thickness ?? first.sliceThickness,
      rescaleSlope: slope ?? first.rescaleSlope,
      rescaleIntercept: intercept ?? first.rescaleIntercept,
    };
  });
}
