#!/usr/bin/python3
"""dcm2niix as a second, independent reader: its NIfTI outputs re-expressed as LPS volumes.

    dcm2niix_reference.py read <path> [--series UID] --out DIR

runs `dcm2niix` on <path> (a folder, or one file with `-s y`) into a temporary folder, keeps the outputs
of the requested series (matched on the sidecar's SeriesInstanceUID; a folder whose UIDs are empty, such as
totalsegmentator/example_ct_dicom, has one output series) and writes for each NIfTI it made
DIR/<name>.json + DIR/<name>.npy, plus DIR/dcm2niix.json naming them and the one selected.

Orientation: dcm2niix writes i along the DICOM rows but reverses j (its NIfTI rows run the other way) and
stores an sform in RAS. Nothing here undoes that by hand: the sform (RAS) is turned into an LPS affine
(negate x and y) that maps voxel (i,j,k) of the stored array to the world, and the array is transposed to
[k][j][i]. Compared in world coordinates, its flips and ours cancel.

Which output: for a plain series dcm2niix writes one NIfTI. For a gantry-tilted and/or unevenly spaced
series (dcm_qa_ct/GE, pydicom/CT2) it writes the raw stack (<name>.nii) AND a corrected copy with a
suffix: `_Tilt_1` (tilt removed), `_Eq_1` (slices made equidistant) or `_Tilt_Eq_1` (both). The raw stack
carries ONE affine for all slices (mean spacing along the stack), so every slice away from the ends is put
at the wrong place in the world when gaps vary: it is not a valid reference. The corrected copy is the one
whose every voxel sits where its sform says, so it is selected (most corrected first). Its values are
dcm2niix's own linear interpolation, so it is compared with an interpolation tolerance, not for equality.

Trap (dcm2niix v1.0.20220720, dcm_qa_ct/GE): the sform of a `_Tilt` output is WRONG in world coordinates.
Its voxels are right - an orthogonal grid: i along the DICOM row direction, j along the (reversed) column
direction, k along the slice normal, origin at the sform origin, spacings in pixdim[1..3] - but the sform
columns j and k carry a shear (row (i,j,0) of slice 0 lands up to 27 mm off in z; the qform is wrong too).
For `_Tilt` outputs the affine is therefore rebuilt from pixdim and the DICOM orientation (IOP of the series,
signs taken from dcm2niix's own sform columns); `affineRepaired` says so. With the repaired affine dcm2niix
and the pydicom slices agree to a median 0.2 HU, 99th percentile < 1 HU; with dcm2niix's sform, median 23 HU.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

import nibabel as nib
import numpy as np

RAS_TO_LPS = np.diag([-1.0, -1.0, 1.0, 1.0])
SUFFIX_PREFERENCE = ['_Tilt_Eq_1', '_Eq_1', '_Tilt_1', '']


def nifti_volume(path: str) -> tuple[dict, np.ndarray]:
    """Any NIfTI as {affine (LPS, 4x4), dims, spacing, origin, direction} + values [k][j][i] (float64, scaled)."""
    img = nib.load(path)
    data = np.asarray(img.get_fdata(dtype=np.float64))
    while data.ndim < 3:
        data = data[..., np.newaxis]
    if data.ndim > 3:
        if any(s != 1 for s in data.shape[3:]):
            raise SystemExit(f'{path}: {data.shape} is not a single 3D volume')
        data = data.reshape(data.shape[:3])
    hdr = img.header
    affine = RAS_TO_LPS @ img.affine  # nibabel: sform when sform_code > 0, else qform
    cols = affine[:3, :3]
    spacing = np.linalg.norm(cols, axis=0)
    direction = cols / spacing
    geometry = {
        'path': os.path.abspath(path),
        'affine': affine.tolist(),
        'dims': list(data.shape),
        'spacing': spacing.tolist(),
        'origin': affine[:3, 3].tolist(),
        'direction': direction.T.reshape(-1).tolist(),  # [ix,iy,iz, jx,jy,jz, kx,ky,kz]
        'sformCode': int(hdr['sform_code']),
        'qformCode': int(hdr['qform_code']),
        'storedDtype': str(hdr.get_data_dtype()),
        'orthogonal': bool(abs(direction[:, 0] @ direction[:, 1]) < 1e-4 and abs(direction[:, 0] @ direction[:, 2]) < 1e-4
                           and abs(direction[:, 1] @ direction[:, 2]) < 1e-4),
    }
    return geometry, np.ascontiguousarray(np.transpose(data, (2, 1, 0)))


def _repair_tilt_affine(geom: dict, zooms, iop: list[float]) -> None:
    """Rebuild a `_Tilt` output's affine: i/j/k along row/column/normal of the DICOM, pixdim spacings, sform origin."""
    row, col = np.array(iop[:3], dtype=np.float64), np.array(iop[3:], dtype=np.float64)
    row, col = row / np.linalg.norm(row), col / np.linalg.norm(col)
    normal = np.cross(row, col)
    normal /= np.linalg.norm(normal)
    a = np.array(geom['affine'])
    for axis, unit in enumerate((row, col, normal)):
        sign = 1.0 if a[:3, axis] @ unit >= 0 else -1.0
        a[:3, axis] = sign * unit * float(zooms[axis])
    geom['sformAffine'] = geom['affine']
    geom['affine'] = a.tolist()
    cols = a[:3, :3]
    geom['spacing'] = np.linalg.norm(cols, axis=0).tolist()
    geom['direction'] = (cols / np.linalg.norm(cols, axis=0)).T.reshape(-1).tolist()
    geom['affineRepaired'] = 'dcm2niix _Tilt sform is sheared; affine rebuilt from pixdim + DICOM IOP (see module doc)'


def _series_iop(path: str, series: str | None) -> list[float]:
    import pydicom
    files = [path] if os.path.isfile(path) else sorted(os.path.join(r, f) for r, _, fs in os.walk(path) for f in fs)
    for f in files:
        try:
            ds = pydicom.dcmread(f, stop_before_pixels=True, force=True)
        except Exception:  # noqa: BLE001
            continue
        if 'ImageOrientationPatient' in ds and (series is None or str(ds.get('SeriesInstanceUID', '')) == series):
            return [float(v) for v in ds.ImageOrientationPatient]
    raise SystemExit(f'no ImageOrientationPatient for series {series} in {path}')


def run_dcm2niix(path: str, series: str | None, out_dir: str) -> dict:
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='d2n-') as tmp:
        cmd = ['dcm2niix', '-z', 'n', '-b', 'y', '-ba', 'n', '-f', 'v_%s_%p', '-o', tmp]
        if os.path.isfile(path):
            cmd += ['-s', 'y']
        r = subprocess.run([*cmd, path], capture_output=True, text=True)
        log = r.stdout + r.stderr
        if r.returncode != 0:  # e.g. 12-bit lossy JPEG, J2K split over fragments: this dcm2niix cannot decode them
            first_error = next((line for line in log.splitlines() if line.startswith('Error')), f'exit code {r.returncode}')
            index = {'path': os.path.abspath(path), 'outputs': [], 'selected': None, 'corrected': False,
                     'unsupported': f'dcm2niix failed: {first_error}', 'log': log}
            json.dump(index, open(os.path.join(out_dir, 'dcm2niix.json'), 'w'), indent=1)
            return index
        sidecars = sorted(glob.glob(os.path.join(tmp, '*.json')))
        chosen = []
        for sc in sidecars:
            meta = json.load(open(sc))
            uid = meta.get('SeriesInstanceUID', '')
            if series is None or uid == series:
                chosen.append((sc, meta))
        if not chosen:
            # e.g. Deflated Explicit VR LE: this dcm2niix writes a 1x1x1 image without the series UID
            index = {'path': os.path.abspath(path), 'outputs': [], 'selected': None, 'corrected': False,
                     'unsupported': f'dcm2niix wrote no usable output for series {series}', 'log': log}
            json.dump(index, open(os.path.join(out_dir, 'dcm2niix.json'), 'w'), indent=1)
            return index
        if len(chosen) > 1:
            raise SystemExit(f'dcm2niix wrote {len(chosen)} series for {path}; pass --series:\n{log}')
        sc, meta = chosen[0]
        base = sc[:-len('.json')]
        outputs = []
        for suffix in SUFFIX_PREFERENCE:
            nii = base + suffix + '.nii'
            if not os.path.exists(nii):
                continue
            name = 'dcm2niix' + (suffix or '_raw')
            geom, values = nifti_volume(nii)
            if '_Tilt' in suffix:
                _repair_tilt_affine(geom, nib.load(nii).header.get_zooms(), _series_iop(path, series))
            np.save(os.path.join(out_dir, name + '.npy'), values)
            geom.update({'reader': 'dcm2niix ' + meta.get('ConversionSoftwareVersion', ''), 'name': name,
                         'npy': os.path.join(os.path.abspath(out_dir), name + '.npy'), 'suffix': suffix,
                         'seriesInstanceUid': meta.get('SeriesInstanceUID', ''),
                         'valueRange': [float(values.min()), float(values.max())]})
            json.dump(geom, open(os.path.join(out_dir, name + '.json'), 'w'), indent=1)
            outputs.append(name)
        index = {
            'path': os.path.abspath(path), 'outputs': outputs, 'selected': outputs[0],
            'corrected': outputs[0] != 'dcm2niix_raw',
            'why': ('raw stack only: dcm2niix saw an untilted, evenly spaced series' if outputs[0] == 'dcm2niix_raw' else
                    f'{outputs[0]}: the raw stack has one affine for unevenly spaced or tilted slices, so only the corrected copy is right in world coordinates'),
            'log': log,
        }
        json.dump(index, open(os.path.join(out_dir, 'dcm2niix.json'), 'w'), indent=1)
        return index


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    rp = sub.add_parser('read')
    rp.add_argument('path')
    rp.add_argument('--series')
    rp.add_argument('--out', required=True)
    a = ap.parse_args(argv)
    index = run_dcm2niix(a.path, a.series, a.out)
    print(json.dumps({k: v for k, v in index.items() if k != 'log'}))


if __name__ == '__main__':
    main(sys.argv[1:])
