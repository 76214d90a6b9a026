import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { Volume } from '../../../core/geometry/volume.ts';

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
