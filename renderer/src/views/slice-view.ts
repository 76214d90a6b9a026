import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Volume';
import vtkImageMapper from '@kitware/vtk.js/Rendering/Core/ImageMapper';
import vtkImageSlice from '@kitware/vtk.js/Rendering/Core/ImageSlice';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import type { Volume } from '../../../core/geometry/volume.ts';
import type { DisplayWindow } from '../state/presets.ts';
import { sliceImage } from './image-data.ts';
import type { ViewCamera } from './view-camera.ts';

/** The vtk.js half of a 2D view: one image slice along one index axis, drawn into `container`. */
export interface SliceRenderer {
  readonly sliceCount: number;
  setSlice(index: number): void;
  setWindow(window: DisplayWindow): void;
  setCamera(camera: ViewCamera): void;
  /** Draws now if anything changed since the last draw; returns whether it drew. */
  render(): boolean;
  destroy(): void;
}

/** The GL half of a 2D view, made before any volume is loaded so that its context and shaders are ready. */
interface GlView {
  readonly mapper: vtkImageMapper;
  readonly actor: vtkImageSlice;
  readonly renderer: vtkRenderer;
  readonly renderWindow: vtkRenderWindow;
  readonly glWindow: vtkOpenGLRenderWindow;
}

function makeGlView(): GlView {
  const mapper = vtkImageMapper.newInstance();
  mapper.setSlicingMode(vtkImageMapper.SlicingMode.K);
  const actor = vtkImageSlice.newInstance();
  actor.setMapper(mapper);
  actor.getProperty().setInterpolationTypeToLinear();
  const renderer = vtkRenderer.newInstance({ background: [0, 0, 0] });
  renderer.addActor(actor);
  const renderWindow = vtkRenderWindow.newInstance();
  renderWindow.addRenderer(renderer);
  const glWindow = vtkOpenGLRenderWindow.newInstance();
  renderWindow.addView(glWindow);
  renderer.getActiveCamera().setParallelProjection(true);
  return { mapper, actor, renderer, renderWindow, glWindow };
}

const warmViews: GlView[] = [];

/**
 * Creates `count` 2D views off screen, `width` x `height` CSS pixels, and draws a tiny float image in each:
 * WebGL contexts, canvas buffers and image shaders cost a few hundred milliseconds in software GL, paid here
 * while the volume is still loading rather than between the voxels arriving and the first slice on screen.
 */
export function prewarmSliceViews(count: number, width: number, height: number): void {
  while (warmViews.length < count) {
    const view = makeGlView();
    const host = document.createElement('div');
    view.glWindow.setContainer(host);
    // The size the views will most likely get: resizing a canvas costs as much as creating it.
    const scale = globalThis.devicePixelRatio || 1;
    view.glWindow.setSize(Math.max(4, Math.round(width * scale)), Math.max(4, Math.round(height * scale)));
    const dummy = sliceImage({ dims: [2, 2, 1], spacing: [1, 1, 1], origin: [0, 0, 0] as never, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], scalars: new Int16Array(4) }, 2);
    dummy.show(0);
    view.mapper.setInputData(dummy.image);
    view.renderWindow.render();
    warmViews.push(view);
  }
}

/**
 * Draws slices of `volume` along index axis `axis`. The slice is a one-slice vtkImageData placed in the
 * world where that slice of the volume lies (origin moves with the slice, direction and spacing are the
 * volume's), so vtk.js uploads one small 2D texture per slice change.
 */
export function createSliceRenderer(container: HTMLElement, volume: Volume, axis: 0 | 1 | 2): SliceRenderer {
  const sliceCount = volume.dims[axis];
  const slice = sliceImage(volume, axis);
  const { mapper, actor, renderer, renderWindow, glWindow } = warmViews.pop() ?? makeGlView();
  // A pooled view keeps its last size: make the next setCamera set it again.
  mapper.setInputData(slice.image);
  glWindow.setContainer(container);
  const vtkCamera = renderer.getActiveCamera();

  let current = -1;
  let dirty = true;
  let size: [number, number] = [0, 0];
  return {
    sliceCount,
    setSlice(index) {
      const clamped = Math.max(0, Math.min(sliceCount - 1, Math.round(index)));
      if (clamped === current) return;
      current = clamped;
      slice.show(clamped);
      dirty = true;
    },
    setWindow({ center, width }) {
      const property = actor.getProperty();
      if (property.getColorLevel() === center && property.getColorWindow() === width) return;
      property.setColorLevel(center);
      property.setColorWindow(width);
      dirty = true;
    },
    setCamera(camera) {
      const scale = globalThis.devicePixelRatio || 1;
      const device: [number, number] = [Math.max(1, Math.round(camera.width * scale)), Math.max(1, Math.round(camera.height * scale))];
      if (device[0] !== size[0] || device[1] !== size[1]) {
        size = device;
        glWindow.setSize(...device);
      }
      const { focal, frame } = camera;
      vtkCamera.setFocalPoint(focal[0], focal[1], focal[2]);
      vtkCamera.setPosition(focal[0] - frame.look[0] * 1000, focal[1] - frame.look[1] * 1000, focal[2] - frame.look[2] * 1000);
      vtkCamera.setViewUp(frame.up[0], frame.up[1], frame.up[2]);
      vtkCamera.setParallelScale((camera.mmPerPixel * camera.height) / 2);
      // The clipping range must hold the slice wherever it lies: the volume's whole depth and then some.
      vtkCamera.setClippingRange(1, 1e5);
      dirty = true;
    },
    render() {
      if (!dirty || size[0] === 0) return false;
      renderWindow.render();
      dirty = false;
      return true;
    },
    destroy() {
      // The GL view goes back to the pool (contexts are costly, and browsers cap how many a page has).
      glWindow.setContainer(document.createElement('div'));
      warmViews.push({ mapper, actor, renderer, renderWindow, glWindow });
      slice.image.delete();
    },
  };
}
