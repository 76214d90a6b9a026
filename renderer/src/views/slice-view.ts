import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Volume';
import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkImageMapper from '@kitware/vtk.js/Rendering/Core/ImageMapper';
import vtkImageSlice from '@kitware/vtk.js/Rendering/Core/ImageSlice';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import type { Direction } from '../../../core/geometry/space.ts';
import { indexAxisAlong, viewFrames, type ViewAxis } from './orientation.ts';

export interface DisplayWindow {
  center: number;
  width: number;
}

export interface SliceView {
  readonly sliceCount: number;
  setSlice(index: number): void;
  setWindow(window: DisplayWindow): void;
  resize(): void;
  destroy(): void;
}

/** A 2D view of one image in one of the three planes, drawn with vtk.js into `container`. */
export function createSliceView(container: HTMLElement, image: vtkImageData, axis: ViewAxis, window: DisplayWindow): SliceView {
  const frame = viewFrames[axis];
  const indexAxis = indexAxisAlong(image.getDirection() as unknown as Direction, frame.worldAxis);
  const sliceCount = image.getDimensions()[indexAxis]!;

  const mapper = vtkImageMapper.newInstance();
  mapper.setInputData(image);
  mapper.setSlicingMode([vtkImageMapper.SlicingMode.I, vtkImageMapper.SlicingMode.J, vtkImageMapper.SlicingMode.K][indexAxis]!);
  const actor = vtkImageSlice.newInstance();
  actor.setMapper(mapper);
  actor.getProperty().setInterpolationTypeToLinear();
  const renderer = vtkRenderer.newInstance({ background: [0, 0, 0] });
  renderer.addActor(actor);
  const renderWindow = vtkRenderWindow.newInstance();
  renderWindow.addRenderer(renderer);
  const glWindow = vtkOpenGLRenderWindow.newInstance();
  renderWindow.addView(glWindow);
  glWindow.setContainer(container);

  const camera = renderer.getActiveCamera();
  camera.setParallelProjection(true);
  const bounds = image.getBounds();
  const centre = [(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2];
  camera.setFocalPoint(centre[0]!, centre[1]!, centre[2]!);
  camera.setPosition(centre[0]! - frame.look[0] * 1000, centre[1]! - frame.look[1] * 1000, centre[2]! - frame.look[2] * 1000);
  camera.setViewUp(frame.up[0], frame.up[1], frame.up[2]);

  const view: SliceView = {
    sliceCount,
    setSlice(index) {
      mapper.setSlice(Math.max(0, Math.min(sliceCount - 1, Math.round(index))));
      renderWindow.render();
    },
    setWindow({ center, width }) {
      actor.getProperty().setColorLevel(center);
      actor.getProperty().setColorWindow(width);
      renderWindow.render();
    },
    resize() {
      const { width, height } = container.getBoundingClientRect();
      const scale = globalThis.devicePixelRatio || 1;
      glWindow.setSize(Math.max(1, Math.floor(width * scale)), Math.max(1, Math.floor(height * scale)));
      renderer.resetCamera();
      renderWindow.render();
    },
    destroy() {
      // Reverse order of creation: the GL view holds the context the others' resources live in.
      glWindow.setContainer(undefined as unknown as HTMLElement);
      glWindow.delete();
      renderWindow.delete();
      renderer.delete();
      actor.delete();
      mapper.delete();
    },
  };
  mapper.setSlice(Math.floor(sliceCount / 2));
  view.setWindow(window);
  view.resize();
  return view;
}
