import { describe, expect, it } from 'vitest';
import { lps } from '../../../core/geometry/space.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { makeCamera, orientationLabel, resetPanZoom, scaleBar, screenToWorld, viewFrame, worldToScreen, zoomAbout } from './view-camera.ts';

const volume: VolumeGeometry = { dims: [100, 100, 50], spacing: [1, 1, 2], origin: lps(-50, -50, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

describe('view frames', () => {
  it('puts the patient left on screen right in radiological axial and coronal views, on the left in neurological', () => {
    expect(orientationLabel(viewFrame('axial', 'radiological').right)).toBe('L');
    expect(orientationLabel(viewFrame('axial', 'radiological').up)).toBe('A');
    expect(orientationLabel(viewFrame('coronal', 'radiological').right)).toBe('L');
    expect(orientationLabel(viewFrame('coronal', 'radiological').up)).toBe('S');
    expect(orientationLabel(viewFrame('axial', 'neurological').right)).toBe('R');
    expect(orientationLabel(viewFrame('coronal', 'neurological').right)).toBe('R');
    expect(orientationLabel(viewFrame('sagittal', 'radiological').right)).toBe('P');
  });

  it('names oblique directions strongest first', () => {
    expect(orientationLabel([0.5, -0.86, 0])).toBe('AL');
    expect(orientationLabel([-1, 0, 0])).toBe('R');
  });
});

describe('view camera', () => {
  const camera = makeCamera(volume, viewFrame('axial', 'radiological'), resetPanZoom, 200, 100);

  it('fits the volume and maps the patient left to screen right', () => {
    const centre = worldToScreen(camera, [-0.5, -0.5, 49]);
    expect(centre[0]).toBeCloseTo(100, 6);
    expect(centre[1]).toBeCloseTo(50, 6);
    const left = worldToScreen(camera, [40, -0.5, 0]);
    expect(left[0]).toBeGreaterThan(100);
    const anterior = worldToScreen(camera, [-0.5, -40, 0]);
    expect(anterior[1]).toBeLessThan(50);
    // 101 mm (100 voxels, edges included) fit the 100 pixel height with 2% margin.
    expect(camera.mmPerPixel).toBeCloseTo((101 / 100) * 1.02, 6);
  });

  it('maps screen to world on the plane shown and back', () => {
    const world = screenToWorld(camera, 30, 70, [0, 0, 12]);
    expect(world[2]).toBeCloseTo(12, 9);
    const [x, y] = worldToScreen(camera, world);
    expect(x).toBeCloseTo(30, 9);
    expect(y).toBeCloseTo(70, 9);
  });

  it('keeps the point under the cursor fixed while zooming', () => {
    const before = screenToWorld(camera, 150, 20, [0, 0, 0]);
    const zoomed = zoomAbout(camera, resetPanZoom, 3, 150, 20);
    const after = makeCamera(volume, camera.frame, zoomed, 200, 100);
    const [x, y] = worldToScreen(after, before);
    expect(x).toBeCloseTo(150, 6);
    expect(y).toBeCloseTo(20, 6);
  });

  it('chooses a round scale bar length', () => {
    const bar = scaleBar(camera);
    expect([1, 2, 5, 10, 20, 50, 100]).toContain(bar.mm);
    expect(bar.pixels).toBeLessThanOrEqual(200 / 5 + 1e-9);
    expect(bar.pixels).toBeGreaterThan(200 / 5 / 2.5);
  });
});
