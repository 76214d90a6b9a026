import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { Volume } from '../../../core/geometry/volume.ts';
import { planeToWorld, slicePlane, type SlicePlane } from './slice-plane.ts';

/**
 * Wraps a volume's typed array in vtkImageData without copying. vtk.js stores direction as a column-major
 * 3x3 whose columns are the i, j, k axes: the same nine numbers, in the same order, as Volume.direction.
 */
export function toImageData(volume: Volume): vtkImageData {
  const image = vtkImageData.newInstance();
  image.setDimensions([volume.dims[0], volume.dims[1], volume.dims[2]]);
  image.setSpacing([volume.spacing[0], volume.spacing[1], volume.spacing[2]]);
  image.setOrigin([volume.origin[0], volume.origin[1], volume.origin[2]]);
  image.setDirection([...volume.direction]);
  image.getPointData().setScalars(vtkDataArray.newInstance({ name: 'scalars', numberOfComponents: 1, values: volume.scalars }));
  return image;
}

/** One slice of a volume as its own one-slice vtkImageData, moved and refilled as the slice changes. */
export interface SliceImage {
  readonly image: vtkImageData;
  /** Shows slice `index`: copies its values in as floats and moves the image to where the slice lies. */
  show(index: number): void;
}

/**
 * Copies one slice of the volume into `out` as 32-bit floats (u fastest). vtk.js would otherwise cut the
 * slice out of the whole volume and convert it to floats itself on every slice change, several times slower.
 */
export function copySliceAsFloat(volume: Volume, plane: SlicePlane, out: Float32Array): void {
  const [ni, nj] = volume.dims;
  const strides = [1, ni, ni * nj];
  const base = plane.index * strides[plane.axis]!;
  const su = strides[plane.uAxis]!;
  const sv = strides[plane.vAxis]!;
  const scalars = volume.scalars;
  let n = 0;
  for (let v = 0; v < plane.height; v++) {
    for (let u = 0, at = base + v * sv; u < plane.width; u++, at += su) out[n++] = scalars[at]!;
  }
}

/**
 * The slice image keeps the volume's spacing and direction, with its axes reordered (u, v, then the slice
 * axis), so vtk.js uploads one small 2D texture per slice change instead of slicing the whole volume.
 */
export function sliceImage(volume: Volume, axis: 0 | 1 | 2): SliceImage {
  const shape = slicePlane(volume, axis, 0);
  const pixels = new Float32Array(shape.width * shape.height);
  const image = vtkImageData.newInstance();
  image.setDimensions([shape.width, shape.height, 1]);
  image.setSpacing([volume.spacing[shape.uAxis], volume.spacing[shape.vAxis], volume.spacing[axis]]);
  const d = volume.direction;
  const column = (a: number) => [d[a * 3]!, d[a * 3 + 1]!, d[a * 3 + 2]!];
  image.setDirection(Float32Array.from([...column(shape.uAxis), ...column(shape.vAxis), ...column(axis)]));
  const scalars = vtkDataArray.newInstance({ name: 'scalars', numberOfComponents: 1, values: pixels });
  image.getPointData().setScalars(scalars);
  // A fixed range so that vtk.js does not scan every new slice for one: 32-bit float textures need none.
  scalars.setRange({ min: -32768, max: 65535 }, 0);
  return {
    image,
    show(index) {
      const plane = slicePlane(volume, axis, index);
      copySliceAsFloat(volume, plane, pixels);
      const origin = planeToWorld(volume, plane, 0, 0);
      image.setOrigin([origin[0], origin[1], origin[2]]);
      // The values changed in place: say so, so that the texture is uploaded again.
      scalars.modified();
      image.modified();
    },
  };
}
