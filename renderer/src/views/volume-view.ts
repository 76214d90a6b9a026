import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Volume';
import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Geometry';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkSphereSource from '@kitware/vtk.js/Filters/Sources/SphereSource';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import vtkRenderWindowInteractor from '@kitware/vtk.js/Rendering/Core/RenderWindowInteractor';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper';
import { BlendMode } from '@kitware/vtk.js/Rendering/Core/VolumeMapper/Constants';
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import vtkInteractorStyleTrackballCamera from '@kitware/vtk.js/Interaction/Style/InteractorStyleTrackballCamera';
import type { Vec3 } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { downsampleFactor, downsampleVolume } from './downsample.ts';
import { toImageData } from './image-data.ts';
import { volumePresets, type VolumePresetId } from './volume-presets.ts';

export type VolumeQuality = 'preview' | 'full';

/** Voxels per axis of the preview: about 16 M voxels at most, quick to upload even to a software GPU. */
const previewVoxelsPerAxis = 256;

export interface VolumeRenderer {
  /** 1 when the volume is rendered at full resolution, else the stride of the preview. */
  readonly downsampled: number;
  setPreset(id: VolumePresetId, shiftHu: number): void;
  setCrosshair(point: Vec3): void;
  addActor(actor: vtkActor): void;
  removeActor(actor: vtkActor): void;
  resize(width: number, height: number): void;
  render(): void;
  destroy(): void;
}

/** The largest 3D texture this browser's WebGL2 takes (2048 on most GPUs, less on some). */
function max3dTextureSize(): number {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 0;
  const size = gl.getParameter(gl.MAX_3D_TEXTURE_SIZE) as number;
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return size;
}

/**
 * vtk.js stores 16-bit CT as 32-bit float textures whenever float textures filter linearly, which software
 * and most desktop GPUs allow; it uses half floats (exact to +-2048 HU, 2 HU steps above) only when they do
 * not. Telling it so for this view's context halves the 3D texture. EXT_texture_norm16, when present, is
 * used first either way.
 */
function preferHalfFloatTextures(gl: WebGL2RenderingContext | null): void {
  if (!gl) return;
  const getExtension = gl.getExtension.bind(gl);
  gl.getExtension = ((name: string) => (name === 'OES_texture_float_linear' ? null : getExtension(name))) as typeof gl.getExtension;
}

/**
 * Ray-cast volume rendering of the CT (one 3D texture, 16-bit where the GPU takes it: half floats or
 * norm16 instead of 32-bit floats), with the crosshair point as a small sphere. A volume larger than the
 * GPU's 3D texture limit is rendered as a strided preview rather than not at all.
 */
export function createVolumeRenderer(container: HTMLElement, volume: Volume, quality: VolumeQuality): VolumeRenderer {
  const gpuLimit = max3dTextureSize();
  const factor = downsampleFactor(volume.dims, quality === 'full' ? gpuLimit : Math.min(gpuLimit || previewVoxelsPerAxis, previewVoxelsPerAxis));
  const shown = factor === 1 ? volume : downsampleVolume(volume, factor);
  const image = toImageData(shown);

  const mapper = vtkVolumeMapper.newInstance();
  mapper.setInputData(image);
  mapper.setSampleDistance(Math.min(...shown.spacing) * 1.5);
  const actor = vtkVolume.newInstance();
  actor.setMapper(mapper);
  const property = actor.getProperty();
  property.setInterpolationTypeToLinear();
  // 16-bit textures (norm16, else half float) for the CT: half the memory of 32-bit floats. The typings lack it.
  (property as unknown as { setPreferSizeOverAccuracy(prefer: boolean): void }).setPreferSizeOverAccuracy(true);
  property.setShade(true);
  property.setAmbient(0.25);
  property.setDiffuse(0.7);
  property.setSpecular(0.2);
  const colours = vtkColorTransferFunction.newInstance();
  const opacity = vtkPiecewiseFunction.newInstance();
  property.setRGBTransferFunction(0, colours);
  property.setScalarOpacity(0, opacity);

  const sphere = vtkSphereSource.newInstance({ radius: Math.max(2, 3 * Math.max(...shown.spacing)), thetaResolution: 16, phiResolution: 16 });
  const sphereMapper = vtkMapper.newInstance();
  sphereMapper.setInputConnection(sphere.getOutputPort());
  const sphereActor = vtkActor.newInstance();
  sphereActor.setMapper(sphereMapper);
  sphereActor.getProperty().setColor(1, 0.85, 0.2);

  const renderer = vtkRenderer.newInstance({ background: [0.02, 0.02, 0.03] });
  renderer.addVolume(actor);
  renderer.addActor(sphereActor);
  const renderWindow = vtkRenderWindow.newInstance();
  renderWindow.addRenderer(renderer);
  const glWindow = vtkOpenGLRenderWindow.newInstance();
  renderWindow.addView(glWindow);
  glWindow.setContainer(container);
  glWindow.initialize();
  preferHalfFloatTextures((glWindow as unknown as { getContext(): WebGL2RenderingContext | null }).getContext());
  // The interactor draws as soon as it is initialised: set it up after the first deferred draw, so that
  // creating this view never holds up the 2D views' first images.
  let interactor: vtkRenderWindowInteractor | null = null;
  const interact = () => {
    interactor = vtkRenderWindowInteractor.newInstance();
    interactor.setView(glWindow);
    interactor.initialize();
    interactor.bindEvents(container);
    interactor.setInteractorStyle(vtkInteractorStyleTrackballCamera.newInstance());
  };

  // Seen from the front (anterior), head up: the view a clinician expects first.
  const camera = renderer.getActiveCamera();
  camera.setPosition(0, -1, 0);
  camera.setFocalPoint(0, 0, 0);
  camera.setViewUp(0, 0, 1);
  renderer.resetCamera();

  return {
    downsampled: factor,
    setPreset(id, shiftHu) {
      const preset = volumePresets[id];
      colours.removeAllPoints();
      for (const [hu, r, g, b] of preset.colour) colours.addRGBPoint(hu + shiftHu, r, g, b);
      opacity.removeAllPoints();
      for (const [hu, o] of preset.opacity) opacity.addPoint(hu + shiftHu, o);
      mapper.setBlendMode(preset.maximumIntensity ? BlendMode.MAXIMUM_INTENSITY_BLEND : BlendMode.COMPOSITE_BLEND);
      property.setShade(!preset.maximumIntensity);
    },
    setCrosshair(point) {
      sphere.setCenter(point[0], point[1], point[2]);
    },
    addActor(surface) {
      renderer.addActor(surface);
    },
    removeActor(surface) {
      renderer.removeActor(surface);
    },
    resize(width, height) {
      const scale = globalThis.devicePixelRatio || 1;
      const size: [number, number] = [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
      const [oldWidth, oldHeight] = glWindow.getSize();
      if (size[0] === oldWidth && size[1] === oldHeight) return;
      glWindow.setSize(...size);
      // Fit the volume to the view's new shape.
      renderer.resetCamera();
    },
    render() {
      if (interactor) renderWindow.render();
      else interact();
    },
    destroy() {
      interactor?.unbindEvents();
      interactor?.delete();
      glWindow.setContainer(undefined as unknown as HTMLElement);
      glWindow.delete();
      renderWindow.delete();
      renderer.delete();
      sphereActor.delete();
      sphereMapper.delete();
      sphere.delete();
      actor.delete();
      mapper.delete();
      colours.delete();
      opacity.delete();
      image.delete();
    },
  };
}
