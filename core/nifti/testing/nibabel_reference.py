#!/usr/bin/env python3
"""nibabel as an independent NIfTI reader and writer for the core/nifti tests.

  nibabel_reference.py summary FILE RAW_OUT [FILE RAW_OUT ...]
      prints a JSON list, one entry per FILE (shape, dtype, affine, qform, codes), and writes the first 3D
      volume's values, scaled as nibabel scales them, to RAW_OUT as little-endian float64 with i fastest
  nibabel_reference.py make KIND FILE         writes a fixture that nibabel builds (see FIXTURES)
"""
import json
import struct
import sys

import nibabel as nib
import numpy as np

# Orthonormal axes of an oblique, left-handed (det < 0) voxel grid with a different spacing per axis, so
# that any transposed or mis-signed term in a reader shows up: u0 x u1 = -u2.
_U0, _U1, _U2 = (0.0, 0.6, 0.8), (-0.8, 0.48, -0.36), (0.6, 0.64, -0.48)
ROTATED_AFFINE = np.eye(4)
ROTATED_AFFINE[:3, :3] = np.column_stack([np.multiply(_U0, 1.2), np.multiply(_U1, 0.7), np.multiply(_U2, 2.5)])
ROTATED_AFFINE[:3, 3] = [10.0, -20.5, 30.25]

def summary(path, raw_out):
    """One file's entry; one python process serves many files, as starting nibabel takes a while."""
    img = nib.load(path)
    data = np.asanyarray(img.dataobj)
    if data.ndim > 3:
        data = data.reshape(data.shape[:3] + (-1,), order='F')[..., 0]
    while data.ndim < 3:
        data = data[..., np.newaxis]
    np.asarray(data, dtype='<f8').ravel(order='F').tofile(raw_out)
    header = img.header
    return {
        'shape': [int(n) for n in img.shape],
        'dtype': str(header.get_data_dtype().newbyteorder('=')),
        'endianness': header.endianness,
        'affine': img.affine.tolist(),
        'qform': header.get_qform().tolist(),
        'sformCode': int(header['sform_code']),
        'qformCode': int(header['qform_code']),
        'description': header['descrip'].item().decode('latin-1'),
    }


def patch_scaling(path, slope, inter):
    """Sets scl_slope/scl_inter of an uncompressed little-endian NIfTI-1 file in place."""
    with open(path, 'r+b') as f:
        f.seek(112)
        f.write(struct.pack('<ff', slope, inter))


def make(kind, path):
    rng = np.random.default_rng(7)
    ints = rng.integers(-1000, 2000, (5, 4, 3)).astype(np.int16)
    if kind == 'nifti2':
        nib.Nifti2Image(ints, ROTATED_AFFINE).to_filename(path)
    elif kind == 'big-endian':
        header = nib.Nifti1Header(endianness='>')
        nib.Nifti1Image(ints.astype('>f4') / 4, ROTATED_AFFINE, header=header).to_filename(path)
    elif kind == 'scaled-integer':
        raw = rng.integers(0, 4096, (5, 4, 3)).astype(np.uint16)
        nib.Nifti1Image(raw, ROTATED_AFFINE, dtype=np.uint16).to_filename(path)
        patch_scaling(path, 1.0, -1024.0)
    elif kind == 'scaled-float':
        nib.Nifti1Image(ints, ROTATED_AFFINE, dtype=np.int16).to_filename(path)
        patch_scaling(path, 0.25, 10.5)
    elif kind == '4d':
        data = rng.normal(size=(4, 3, 2, 3)).astype(np.float32)
        nib.Nifti1Image(data, ROTATED_AFFINE).to_filename(path)
    elif kind == 'int32-wide':
        data = rng.integers(-100000, 100000, (5, 4, 3)).astype(np.int32)
        nib.Nifti1Image(data, ROTATED_AFFINE, dtype=np.int32).to_filename(path)
    elif kind == 'uint32-labels':
        data = rng.integers(0, 60000, (5, 4, 3)).astype(np.uint32)
        nib.Nifti1Image(data, ROTATED_AFFINE, dtype=np.uint32).to_filename(path)
    elif kind == 'int8':
        data = rng.integers(-128, 128, (5, 4, 3)).astype(np.int8)
        nib.Nifti1Image(data, ROTATED_AFFINE, dtype=np.int8).to_filename(path)
    elif kind == 'float64':
        data = rng.normal(size=(5, 4, 3))
        nib.Nifti1Image(data, ROTATED_AFFINE, dtype=np.float64).to_filename(path)
    else:
        raise SystemExit(f'unknown fixture {kind}')


if __name__ == '__main__':
    command = sys.argv[1]
    if command == 'summary':
        pairs = sys.argv[2:]
        print(json.dumps([summary(pairs[n], pairs[n + 1]) for n in range(0, len(pairs), 2)]))
    elif command == 'make':
        make(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)
