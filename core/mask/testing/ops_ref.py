"""Reference editing operations for core/mask/ops.scipy.test.ts, with scipy.ndimage on real files.

usage: ops_ref.py <ct.nii.gz> <labels.nii.gz> <grow label> <tolerance HU> <shell label> <sigma mm> <out folder>
The shell label is read from ptv.nii.gz beside the labels (OpenKBP layout). Writes uint8 masks (i fastest) to
the out folder and prints the region-grow seed as JSON:
  grow.raw      6-connected component of |CT - CT[seed]| <= tolerance holding the seed, the seed being the
                <grow label> voxel nearest that label's centroid
  fill3d.raw    binary_fill_holes of <shell label> (6-connected background)
  fill2d.raw    the same per slice along the third axis (4-connected)
  largest.raw   the largest 26-connected component of (<grow label> or <shell label>)
  smooth.raw    gaussian_filter of <shell label> (sigma in voxels from the spacing, zero outside) >= 0.5
"""
import json
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage


def save(mask, folder, name):
    mask.astype(np.uint8).flatten(order='F').tofile(os.path.join(folder, name))


def main():
    ct_path, labels_path, grow_label, tolerance, shell_label, sigma_mm, out = sys.argv[1:8]
    shell_path = os.path.join(os.path.dirname(labels_path), 'ptv.nii.gz')
    ct = np.asanyarray(nib.load(ct_path).dataobj).astype(np.float64)
    image = nib.load(labels_path)
    labels = np.asanyarray(image.dataobj)
    spacing = np.array(image.header.get_zooms()[:3], dtype=float)

    organ = labels == int(grow_label)
    points = np.argwhere(organ)
    seed = tuple(points[np.argmin(((points - points.mean(axis=0)) ** 2).sum(axis=1))])
    within = np.abs(ct - ct[seed]) <= float(tolerance)
    components, _ = ndimage.label(within, structure=ndimage.generate_binary_structure(3, 1))
    save(components == components[seed], out, 'grow.raw')

    shell = np.asanyarray(nib.load(shell_path).dataobj) == int(shell_label)  # ptv.nii.gz beside the labels
    save(ndimage.binary_fill_holes(shell), out, 'fill3d.raw')
    per_slice = np.stack([ndimage.binary_fill_holes(shell[:, :, k]) for k in range(shell.shape[2])], axis=2)
    save(per_slice, out, 'fill2d.raw')

    components, count = ndimage.label(organ | shell, structure=np.ones((3, 3, 3)))
    sizes = ndimage.sum(np.ones_like(components), components, index=range(1, count + 1))
    save(components == 1 + int(np.argmax(sizes)), out, 'largest.raw')

    blurred = ndimage.gaussian_filter(shell.astype(np.float64), sigma=float(sigma_mm) / spacing, mode='constant', truncate=3.0)
    save(blurred >= 0.5 - 1e-6, out, 'smooth.raw')
    print(json.dumps({'seed': [int(v) for v in seed]}))


main()
