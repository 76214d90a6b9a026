// vtk.js ships this filter without typings: the part of its API the surfaces use.
declare module '@kitware/vtk.js/Filters/General/ImageMarchingCubes' {
  import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
  import type vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';

  interface vtkImageMarchingCubes {
    setInputData(image: vtkImageData): void;
    getOutputData(): vtkPolyData;
    delete(): void;
  }
  const vtkImageMarchingCubes: {
    newInstance(options: { contourValue: number; computeNormals?: boolean; mergePoints?: boolean }): vtkImageMarchingCubes;
  };
  export default vtkImageMarchingCubes;
}
