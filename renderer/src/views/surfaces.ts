import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';
import vtkImageMarchingCubes from '@kitware/vtk.js/Filters/General/ImageMarchingCubes';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import type { VoxelBox } from '../../../core/mask/patch.ts';
import type { Structure } from '../../../core/structures/structure-set.ts';

/** Edge of the cubes a surface is cut into; an edit recomputes only the blocks it touched. */
export const blockSize = 32;

/** Block coordinates (each a multiple of blockSize along i, j, k) of every block a box reaches into. */
export function blocksOf(box: VoxelBox, dims: VolumeGeometry['dims']): [number, number, number][] {
  const out: [number, number, number][] = [];
  // A voxel on a block's low face also shapes the previous block's surface (blocks share that face).
  const first = box.lo.map((v) => Math.max(0, Math.floor((v - 1) / blockSize))) as [number, number, number];
  const last = box.hi.map((v, a) => Math.min(Math.ceil(dims[a]! / blockSize) - 1, Math.floor(v / blockSize))) as [number, number, number];
  for (let k = first[2]; k <= last[2]; k++) for (let j = first[1]; j <= last[1]; j++) for (let i = first[0]; i <= last[0]; i++) out.push([i, j, k]);
  return out;
}

/**
 * The surface of a structure inside one block: marching cubes at 0.5 over the mask lightly blurred (a
 * 3-voxel box filter per axis), so the surface is smooth rather than a staircase of voxel faces. Neighbouring
 * blocks share their face plane and read the same voxels around it, so their pieces meet without seams.
 * Points come out in LPS mm.
 */
export function blockSurface(structure: Structure, geometry: VolumeGeometry, block: readonly [number, number, number]): vtkPolyData | null {
  const dims = geometry.dims;
  // Points lo..hi inclusive (hi is the next block's lo), read with a 2-voxel border for the blur.
  const lo = block.map((b) => b * blockSize) as [number, number, number];
  const hi = lo.map((v, a) => Math.min(dims[a]! - 1, v + blockSize)) as [number, number, number];
  const readLo = lo.map((v) => Math.max(0, v - 2)) as [number, number, number];
  const readHi = hi.map((v, a) => Math.min(dims[a]!, v + 3)) as [number, number, number];
  const bits = structure.mask.readBox({ lo: readLo, hi: readHi });
  const size = readHi.map((v, a) => v - readLo[a]!) as [number, number, number];
  if (!bits.some((v) => v !== 0)) return null;
  const blurred = blur3(bits, size);
  // Cut out the points of this block from the blurred read.
  const n = hi.map((v, a) => v - lo[a]! + 1) as [number, number, number];
  const values = new Float32Array(n[0] * n[1] * n[2]);
  let at = 0;
  for (let k = 0; k < n[2]; k++) {
    for (let j = 0; j < n[1]; j++) {
      const row = lo[0] - readLo[0] + (j + lo[1] - readLo[1]) * size[0] + (k + lo[2] - readLo[2]) * size[0] * size[1];
      for (let i = 0; i < n[0]; i++) values[at++] = blurred[row + i]!;
    }
  }
  const image = vtkImageData.newInstance();
  image.setDimensions(n);
  image.setSpacing([...geometry.spacing]);
  image.setOrigin([lo[0] * geometry.spacing[0], lo[1] * geometry.spacing[1], lo[2] * geometry.spacing[2]]);
  image.getPointData().setScalars(vtkDataArray.newInstance({ numberOfComponents: 1, values }));
  const cubes = vtkImageMarchingCubes.newInstance({ contourValue: 0.5, computeNormals: true, mergePoints: true });
  cubes.setInputData(image);
  const surface = cubes.getOutputData() as vtkPolyData;
  cubes.delete();
  image.delete();
  if (surface.getPoints().getNumberOfPoints() === 0) return null;
  toPatientSpace(surface, geometry);
  return surface;
}

/** Marching cubes works on an axis-aligned grid: rotate its points (and normals) by the volume's direction. */
function toPatientSpace(surface: vtkPolyData, geometry: VolumeGeometry): void {
  const d = geometry.direction;
  const o = geometry.origin;
  const rotate = (values: Float32Array | Float64Array, offset: boolean) => {
    for (let n = 0; n < values.length; n += 3) {
      const [x, y, z] = [values[n]!, values[n + 1]!, values[n + 2]!];
      values[n] = d[0] * x + d[3] * y + d[6] * z + (offset ? o[0] : 0);
      values[n + 1] = d[1] * x + d[4] * y + d[7] * z + (offset ? o[1] : 0);
      values[n + 2] = d[2] * x + d[5] * y + d[8] * z + (offset ? o[2] : 0);
    }
  };
  rotate(surface.getPoints().getData() as Float32Array, true);
  const normals = surface.getPointData().getNormals();
  if (normals) rotate(normals.getData() as Float32Array, false);
  surface.getPoints().modified();
}

/** Separable 3-voxel box blur of a 0/1 volume. */
function blur3(bits: Uint8Array, size: readonly [number, number, number]): Float32Array {
  let current = Float32Array.from(bits);
  const strides = [1, size[0], size[0] * size[1]];
  for (let axis = 0; axis < 3; axis++) {
    const next = new Float32Array(current.length);
    const stride = strides[axis]!;
    const extent = size[axis]!;
    for (let n = 0; n < current.length; n++) {
      const position = Math.floor(n / stride) % extent;
      const before = position > 0 ? current[n - stride]! : current[n]!;
      const after = position < extent - 1 ? current[n + stride]! : current[n]!;
      next[n] = (before + current[n]! + after) / 3;
    }
    current = next;
  }
  return current;
}

/** One actor per (structure, block), kept until that block changes again. */
export class SurfaceActors {
  readonly #actors = new Map<string, Map<string, vtkActor>>();

  constructor(
    readonly add: (actor: vtkActor) => void,
    readonly remove: (actor: vtkActor) => void,
  ) {}

  /** Recomputes the given blocks of a structure; returns how many actors changed. */
  update(structure: Structure, geometry: VolumeGeometry, blocks: readonly (readonly [number, number, number])[]): void {
    const id = structure.meta.id;
    let byBlock = this.#actors.get(id);
    if (!byBlock) this.#actors.set(id, (byBlock = new Map()));
    for (const block of blocks) {
      const key = block.join(',');
      const old = byBlock.get(key);
      if (old) {
        this.remove(old);
        old.getMapper()?.delete();
        old.delete();
        byBlock.delete(key);
      }
      const surface = blockSurface(structure, geometry, block);
      if (!surface) continue;
      const mapper = vtkMapper.newInstance();
      mapper.setInputData(surface);
      const actor = vtkActor.newInstance();
      actor.setMapper(mapper);
      byBlock.set(key, actor);
      this.add(actor);
    }
    this.style(structure);
  }

  /** Colour, opacity and visibility follow the structure's display settings. */
  style(structure: Structure): void {
    const meta = structure.meta;
    for (const actor of this.#actors.get(meta.id)?.values() ?? []) {
      actor.getProperty().setColor(meta.color[0] / 255, meta.color[1] / 255, meta.color[2] / 255);
      actor.setVisibility(meta.visible);
    }
  }

  drop(id: string): void {
    for (const actor of this.#actors.get(id)?.values() ?? []) {
      this.remove(actor);
      actor.getMapper()?.delete();
      actor.delete();
    }
    this.#actors.delete(id);
  }

  ids(): string[] {
    return [...this.#actors.keys()];
  }
}
