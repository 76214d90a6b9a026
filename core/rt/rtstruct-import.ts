import { DelineateError } from '../errors.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import type { Mask } from '../mask/mask.ts';
import { placeContours, rasterizeContours } from './rasterize.ts';
import type { Rgb, RtStructureSet } from './rtstruct-read.ts';

/** The image an RTSTRUCT is put on: its grid and the identity that must match. */
export interface TargetImage {
  readonly source: string;
  readonly grid: VolumeGeometry;
  readonly patientId: string;
  readonly frameOfReferenceUid: string;
}

export interface ImportedRoi {
  readonly number: number;
  readonly name: string;
  readonly type: string;
  readonly colour: Rgb | undefined;
  readonly contourCount: number;
  readonly mask: Mask;
  readonly warnings: string[];
}

/**
 * Rasterises every ROI of a structure set onto the image grid (even-odd rule, see rasterize.ts). Refuses a
 * structure set drawn on another patient or another frame of reference: those contours must never be shown
 * on this image. Anything else odd is kept and reported in words.
 */
export function importRtStruct(rs: RtStructureSet, image: TargetImage): { rois: ImportedRoi[]; warnings: string[] } {
  checkSameSubject(rs, image, 'contours');
  const warnings = [...rs.warnings];
  if (!rs.frameOfReferenceUid) warnings.push('The structure set names no frame of reference: it is assumed to share the image\'s');
  const rois = rs.rois.map((roi): ImportedRoi => {
    const placed = placeContours(image.grid, roi.contours);
    const roiWarnings: string[] = [];
    if (roi.contours.length === 0) roiWarnings.push('No contours: the structure is empty');
    if (placed.offPlane > 0) roiWarnings.push(`${placed.offPlane} of ${roi.contours.length} contour(s) lie on planes that are not slices of this image and were left out`);
    if (placed.nonPlanar > 0) roiWarnings.push(`${placed.nonPlanar} contour(s) are not flat (their points spread over more than half a slice)`);
    if (placed.notClosed > 0) roiWarnings.push(`${placed.notClosed} contour(s) are points or open lines, which enclose no voxels`);
    return {
      number: roi.number,
      name: roi.name,
      type: roi.type,
      colour: roi.colour,
      contourCount: roi.contours.length,
      mask: rasterizeContours(image.grid, placed.planar),
      warnings: roiWarnings,
    };
  });
  return { rois, warnings };
}

/** Whose image and which coordinate system a structure set or segmentation says it was drawn on. */
export interface DrawnOn {
  readonly source: string;
  readonly patientId: string;
  readonly frameOfReferenceUid: string;
}

/**
 * Refuses an object drawn on another patient (checked first: that is the error that must never pass) or in
 * another frame of reference. An attribute the file or the image leaves empty is not evidence either way.
 */
export function checkSameSubject(drawn: DrawnOn, image: TargetImage, what: 'contours' | 'segments'): void {
  if (drawn.patientId && image.patientId && drawn.patientId !== image.patientId) {
    throw new DelineateError(
      'bad-data',
      `${drawn.source}: belongs to patient ID "${drawn.patientId}", but ${image.source} is patient ID "${image.patientId}"; another patient's ${what} are never imported`,
    );
  }
  if (drawn.frameOfReferenceUid && image.frameOfReferenceUid && drawn.frameOfReferenceUid !== image.frameOfReferenceUid) {
    throw new DelineateError(
      'bad-data',
      `${drawn.source}: drawn in frame of reference ${drawn.frameOfReferenceUid}, but ${image.source} is in ${image.frameOfReferenceUid}; ` +
        `the ${what} would not line up with this image, so they were not imported`,
    );
  }
}
