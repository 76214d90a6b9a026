#!/usr/bin/python3
"""Compare two volumes in world (LPS) coordinates, whatever their axis order, flips or slice layout.

    compare_volumes.py nifti <file.nii[.gz]> --out DIR          any NIfTI (ours) -> DIR/volume.json + .npy (nibabel)
    compare_volumes.py exact --test T.json --ref R.json         same grid expected: geometry + value equality
    compare_volumes.py resampled --test T.json --ref R.json     T is a regular grid resampled from R's slices
    compare_volumes.py geometry --test T.json --ref R.json      geometry only (e.g. `scan --json` vs the NIfTI)

A volume file is one of (all LPS, mm; values .npy are [k][j][i]):
  - dicom_reference.py output: slicePositions[k] + i*dx*row + j*dy*col (exact for tilted/irregular stacks);
  - an affine volume ({"affine": 4x4 voxel->world}, from a NIfTI via nifti_volume);
  - a `delineate scan --json` series entry (rows, columns, slices, spacing, origin, direction), geometry only.
Results are JSON on stdout; the vitest test asserts on them, so every number is named for what it measures.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
from scipy.ndimage import map_coordinates

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dcm2niix_reference import nifti_volume  # noqa: E402

ON_GRID = 1e-3  # a position within this many voxels of a grid node is that node


class Volume:
    def __init__(self, meta: dict, load_values: bool = True):
        self.meta = meta
        self.values = np.load(meta['npy']).astype(np.float64) if load_values and meta.get('npy') else None
        self.padding = np.load(meta['paddingNpy']) if load_values and meta.get('paddingNpy') else None
        self.gap_limit = None
        if 'slicePositions' in meta:  # dicom_reference.py: raw slices
            d = np.array(meta['direction'], dtype=np.float64).reshape(3, 3)
            self.u, self.v, self.n = d[0], d[1], d[2]
            self.dx, self.dy = meta['pixelSpacing']
            self.positions = np.array(meta['slicePositions'], dtype=np.float64)
            self.dims = (meta['columns'], meta['rows'], meta['slices'])
            self.offsets = self.positions @ self.n
            gaps = np.diff(self.offsets)
            if len(gaps):
                # A gap wider than twice the usual one (or the slice thickness) is missing data, not spacing:
                # there is no truth to interpolate (pydicom/CT2: one 202.5 mm gap among 1.25 mm slices).
                self.gap_limit = 2 * max(float(np.median(gaps)), meta.get('sliceThickness') or 0.0)
            self.single = self.dims[2] == 1
            if (meta['regular'] and not meta['tilted']) or self.single:
                sz = meta['spacing'][2] if not self.single else 1.0
                self.affine = self._affine(self.u * self.dx, self.v * self.dy, self.n * sz, self.positions[0])
            else:
                self.affine = None
        else:
            if 'affine' in meta:
                self.affine = np.array(meta['affine'], dtype=np.float64)
                self.dims = tuple(meta['dims'])
            else:  # a scan --json series entry
                if meta.get('spacing') is None or meta.get('direction') is None or meta.get('origin') is None or meta.get('slices') is None:
                    raise SystemExit(f'scan entry has no grid: {json.dumps(meta)[:400]}')
                d = np.array(meta['direction'], dtype=np.float64).reshape(3, 3)
                sp = meta['spacing']
                self.affine = self._affine(d[0] * sp[0], d[1] * sp[1], d[2] * sp[2], np.array(meta['origin'], dtype=np.float64))
                self.dims = (meta['columns'], meta['rows'], meta['slices'])
            self.single = self.dims[2] == 1
            self.positions = None
        if self.values is not None and self.values.shape != (self.dims[2], self.dims[1], self.dims[0]):
            raise SystemExit(f'values {self.values.shape} do not match dims {self.dims} in {meta.get("npy")}')

    @staticmethod
    def _affine(a, b, c, o):
        m = np.eye(4)
        m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = a, b, c, o
        return m

    def spacing(self) -> np.ndarray:
        return np.linalg.norm(self.affine[:3, :3], axis=0)

    def directions(self) -> np.ndarray:
        """3x3, column a = unit vector of axis a."""
        return self.affine[:3, :3] / self.spacing()

    def world(self, idx: np.ndarray) -> np.ndarray:
        """idx: N x 3 (i,j,k) -> N x 3 world."""
        if self.affine is not None:
            return idx @ self.affine[:3, :3].T + self.affine[:3, 3]
        k = np.rint(idx[:, 2]).astype(int)
        return self.positions[k] + np.outer(idx[:, 0] * self.dx, self.u) + np.outer(idx[:, 1] * self.dy, self.v)

    def all_indices(self, max_points: int) -> np.ndarray:
        """Voxel indices on a regular stride so that at most ~max_points are taken (all slices always kept)."""
        ni, nj, nk = self.dims
        stride = 1
        while (ni // stride + 1) * (nj // stride + 1) * nk > max_points:
            stride += 1
        ii, jj, kk = np.meshgrid(np.arange(0, ni, stride), np.arange(0, nj, stride), np.arange(nk), indexing='ij')
        return np.stack([ii.ravel(), jj.ravel(), kk.ravel()], axis=1).astype(np.float64)

    def sample(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Linear interpolation at world points: (values, inside mask). Raw slices interpolate in-plane
        bilinearly in each of the two slices that bracket the point along the normal, then linearly along it."""
        ni, nj, nk = self.dims
        if self.affine is not None:
            idx = (points - self.affine[:3, 3]) @ np.linalg.inv(self.affine[:3, :3]).T
            inside = np.all((idx >= -ON_GRID) & (idx <= np.array([ni, nj, nk]) - 1 + ON_GRID), axis=1)
            idx = np.clip(idx, 0, np.array([ni, nj, nk]) - 1)
            vals = map_coordinates(self.values, [idx[:, 2], idx[:, 1], idx[:, 0]], order=1, mode='nearest')
            if self.padding is not None:
                inside &= map_coordinates(self.padding.astype(np.float64), [idx[:, 2], idx[:, 1], idx[:, 0]], order=1, mode='nearest') == 0
            return vals, inside
        t = points @ self.n
        plane = 1e-3  # mm: a point this close to a slice plane is on it (float32 NIfTI affines)
        inside = (t >= self.offsets[0] - plane) & (t <= self.offsets[-1] + plane)
        k1 = np.clip(np.searchsorted(self.offsets, t), 1, nk - 1)
        k0 = k1 - 1
        if self.gap_limit is not None:
            on_plane = (np.abs(t - self.offsets[k0]) <= plane) | (np.abs(t - self.offsets[k1]) <= plane)
            inside &= on_plane | ((self.offsets[k1] - self.offsets[k0]) <= self.gap_limit)
        w = np.clip((t - self.offsets[k0]) / (self.offsets[k1] - self.offsets[k0]), 0, 1)
        out = np.zeros(len(points))
        for k, weight in ((k0, 1 - w), (k1, w)):
            rel = points - self.positions[k]
            ci, cj = rel @ self.u / self.dx, rel @ self.v / self.dy
            inside &= (ci >= -ON_GRID) & (ci <= ni - 1 + ON_GRID) & (cj >= -ON_GRID) & (cj <= nj - 1 + ON_GRID)
            coords = [k.astype(np.float64), np.clip(cj, 0, nj - 1), np.clip(ci, 0, ni - 1)]
            out += weight * map_coordinates(self.values, coords, order=1, mode='nearest')
            if self.padding is not None:  # any padded pixel among the neighbours: no data here
                inside &= map_coordinates(self.padding.astype(np.float64), coords, order=1, mode='nearest') == 0
        return out, inside


def _axis_match(test: Volume, ref: Volume) -> dict:
    """How test's axes map onto ref's: permutation, signs, and the errors the tolerances are about."""
    dt, dr = test.directions(), ref.directions()
    st, sr = test.spacing(), ref.spacing()
    perm, signs = [], []
    for a in range(3):
        dots = dr.T @ dt[:, a]
        b = int(np.argmax(np.abs(dots)))
        perm.append(b)
        signs.append(1 if dots[b] > 0 else -1)
    ok = sorted(perm) == [0, 1, 2]
    direction_error = max(float(np.max(np.abs(dt[:, a] - signs[a] * dr[:, perm[a]]))) for a in range(3)) if ok else None
    spacing_rel = []
    for a in range(3):
        if a == 2 and (test.single or ref.single):
            continue  # one slice: the slice spacing is a convention (thickness, 1 mm...), not a position
        spacing_rel.append(abs(st[a] - sr[perm[a]]) / sr[perm[a]])
    dims_equal = ok and all(test.dims[a] == ref.dims[perm[a]] for a in range(3))
    return {'permutation': perm, 'signs': signs, 'isPermutation': ok, 'directionError': direction_error,
            'spacingRelError': max(spacing_rel) if ok else None, 'dimsEqual': dims_equal,
            'testDims': list(test.dims), 'refDims': list(ref.dims),
            'testSpacing': st.tolist(), 'refSpacing': sr.tolist()}


def _corner_error(test: Volume, ref: Volume, m: dict) -> tuple[float, float]:
    """World distance between each test corner voxel centre and the ref voxel the axis match pairs it with."""
    errs = []
    for corner in range(8):
        ti = np.array([(test.dims[a] - 1) if corner >> a & 1 else 0 for a in range(3)], dtype=np.float64)
        ri = np.zeros(3)
        for a in range(3):
            b = m['permutation'][a]
            at_end = bool(corner >> a & 1) == (m['signs'][a] > 0)
            ri[b] = (ref.dims[b] - 1) if at_end else 0
        errs.append(float(np.linalg.norm(test.world(ti[None])[0] - ref.world(ri[None])[0])))
    return errs[0], max(errs)


def geometry(test: Volume, ref: Volume) -> dict:
    m = _axis_match(test, ref)
    if m['isPermutation'] and m['dimsEqual']:
        m['originErrorMm'], m['cornerErrorMm'] = _corner_error(test, ref, m)
    else:
        m['originErrorMm'] = m['cornerErrorMm'] = None
    m['testOrigin'] = test.world(np.zeros((1, 3)))[0].tolist()
    return m


def _arrange(a: np.ndarray, m: dict) -> np.ndarray:
    """An array in ref's [k][j][i] order rearranged into test's, given geometry(test, ref) = m."""
    for ax in range(3):
        if m['signs'][ax] < 0:
            a = np.flip(a, axis=2 - m['permutation'][ax])
    return np.transpose(a, [2 - m['permutation'][2 - ax] for ax in range(3)])


def exact(test: Volume, ref: Volume, padding_from: Volume | None = None) -> dict:
    """padding_from: a dicom_reference.py volume on the same grid as ref, whose PixelPaddingValue mask to use
    (dcm2niix keeps no such mask)."""
    if padding_from is not None and padding_from.padding is not None and ref.padding is None:
        m = geometry(ref, padding_from)
        if m['cornerErrorMm'] is None or m['cornerErrorMm'] > 0.01:
            raise SystemExit('padding_from is not on the grid of ref')
        ref.padding = np.ascontiguousarray(_arrange(padding_from.padding, m))
    r = geometry(test, ref)
    if r['cornerErrorMm'] is None:
        return r

    def arrange(a):
        return _arrange(a, r)
    rv = arrange(ref.values)
    pad = arrange(ref.padding) if ref.padding is not None else np.zeros(rv.shape, dtype=bool)
    diff = np.where(pad, 0.0, test.values - rv)
    r.update({'maxAbsDiff': float(np.max(np.abs(diff))), 'countDiff': int(np.count_nonzero(np.abs(diff) > 1e-3)),
              'voxels': int(diff.size), 'testRange': [float(test.values.min()), float(test.values.max())],
              'refRange': [float(rv.min()), float(rv.max())],
              # padded voxels (PixelPaddingValue) are left out above; what each reader put there:
              'paddedVoxels': int(pad.sum()),
              'testValuesAtPadding': np.unique(test.values[pad])[:5].tolist(),
              'refValuesAtPadding': np.unique(rv[pad])[:5].tolist()})
    return r


def _stats(d: np.ndarray) -> dict:
    if d.size == 0:
        return {'n': 0}
    a = np.abs(d)
    return {'n': int(d.size), 'median': float(np.median(a)), 'p99': float(np.percentile(a, 99)), 'max': float(a.max()),
            'meanSigned': float(d.mean())}


def resampled(test: Volume, ref: Volume, within: Volume | None = None, max_points: int = 1_500_000) -> dict:
    """test: a regular grid (the app's, or dcm2niix's corrected copy); ref: raw slices or another grid.
    within: the raw slices; when given, only world points inside the scanned slab count (a resampled grid is
    padded where no slice has data, and each reader pads its own way)."""
    out: dict = {'testDims': list(test.dims), 'refDims': list(ref.dims), 'testSpacing': test.spacing().tolist(),
                 'testDirection': test.directions().T.reshape(-1).tolist()}
    # 1. ref interpolated at every (strided) test voxel centre
    ti = test.all_indices(max_points)
    tw = test.world(ti)
    rvals, inside = ref.sample(tw)
    if within is not None:
        inside &= within.sample(tw)[1]
    tvals = test.values[ti[:, 2].astype(int), ti[:, 1].astype(int), ti[:, 0].astype(int)]
    out['refAtTestVoxels'] = _stats((tvals - rvals)[inside])
    out['refAtTestVoxels']['insideFraction'] = float(inside.mean())
    # 2. test interpolated at ref's own voxel centres (the original slice positions for raw slices)
    ri = ref.all_indices(max_points)
    rw = ref.world(ri)
    rv = ref.values[ri[:, 2].astype(int), ri[:, 1].astype(int), ri[:, 0].astype(int)]
    tv, tin = test.sample(rw)
    out['coverage'] = float(tin.mean())  # share of ref voxel centres that lie inside the test grid
    if ref.padding is not None:
        tin &= ~ref.padding[ri[:, 2].astype(int), ri[:, 1].astype(int), ri[:, 0].astype(int)]
        out['coverageOfData'] = float(tin.sum() / max(1, np.count_nonzero(~ref.padding[ri[:, 2].astype(int), ri[:, 1].astype(int), ri[:, 0].astype(int)])))
    if within is not None:
        tin &= within.sample(rw)[1]
    out['testAtRefVoxels'] = _stats((tv - rv)[tin])
    # 3. where a ref voxel centre is a test grid node, interpolation is the identity: values must be equal
    tidx = (rw - test.affine[:3, 3]) @ np.linalg.inv(test.affine[:3, :3]).T
    node = tin & np.all(np.abs(tidx - np.rint(tidx)) < ON_GRID, axis=1)
    out['onTestGridNodes'] = _stats((tv - rv)[node])
    # Interpolating the coarser grid adds its own error; the fair figure samples the finer grid at the
    # coarser grid's voxel centres. Raw slices are the truth, so against them the ref is always the one sampled.
    ref_k = min(np.diff(ref.offsets)) if ref.affine is None and len(ref.offsets) > 1 else ref.spacing()[2]
    out['gapLimitMm'] = ref.gap_limit if ref.affine is None else (within.gap_limit if within is not None else None)
    out['fair'] = 'refAtTestVoxels' if ref.affine is None or ref_k <= test.spacing()[2] else 'testAtRefVoxels'
    return out


def load(path: str, values: bool = True) -> Volume:
    return Volume(json.load(open(path)), values)


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    np_ = sub.add_parser('nifti')
    np_.add_argument('file')
    np_.add_argument('--out', required=True)
    for name in ('exact', 'resampled', 'geometry'):
        p = sub.add_parser(name)
        p.add_argument('--test', required=True)
        p.add_argument('--ref', required=True)
        if name == 'resampled':
            p.add_argument('--within', help='raw-slice volume (dicom_reference.py) bounding the points that count')
        if name == 'exact':
            p.add_argument('--padding-from', help='dicom_reference.py volume on the ref grid whose padding mask to use')
    a = ap.parse_args(argv)
    if a.cmd == 'nifti':
        os.makedirs(a.out, exist_ok=True)
        geom, values = nifti_volume(a.file)
        geom['npy'] = os.path.join(os.path.abspath(a.out), 'volume.npy')
        geom['valueRange'] = [float(values.min()), float(values.max())]
        np.save(geom['npy'], values)
        json.dump(geom, open(os.path.join(a.out, 'volume.json'), 'w'), indent=1)
        print(json.dumps(geom))
    elif a.cmd == 'geometry':
        print(json.dumps(geometry(load(a.test, False), load(a.ref, False))))
    elif a.cmd == 'exact':
        print(json.dumps(exact(load(a.test), load(a.ref), load(a.padding_from) if a.padding_from else None)))
    else:
        print(json.dumps(resampled(load(a.test), load(a.ref), load(a.within) if a.within else None)))


if __name__ == '__main__':
    main(sys.argv[1:])
