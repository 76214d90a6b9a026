"""Reference mask metrics for core/mask/metrics.scipy.test.ts (definitions: docs/METRICS.md).

usage: metrics_ref.py <labels.nii[.gz]> <label A> <B> <tolerance mm> <a.raw> <b.raw>
B is another label number, or shift:di,dj,dk (A moved by whole voxels), dilate:n or erode:n (n iterations of
scipy's 6-connected binary dilation / erosion of A). Writes A and B as uint8 (i fastest) and prints the
metrics as JSON, computed with scipy's exact EDT (sampling = voxel spacing).
"""
import json
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

FACES = ndimage.generate_binary_structure(3, 1)


def other_mask(labels, a, spec):
    kind, _, value = spec.partition(':')
    if not value:
        return labels == int(kind)
    if kind == 'shift':
        b = np.zeros_like(a)
        d = [int(v) for v in value.split(',')]
        src = tuple(slice(max(0, -x), min(s, s - x)) for x, s in zip(d, a.shape))
        dst = tuple(slice(max(0, x), min(s, s + x)) for x, s in zip(d, a.shape))
        b[dst] = a[src]
        return b
    operation = ndimage.binary_dilation if kind == 'dilate' else ndimage.binary_erosion
    return operation(a, structure=FACES, iterations=int(value))


def surface(mask):
    # Mask voxels with a face neighbour outside; beyond the grid is outside (border_value=0).
    return mask & ~ndimage.binary_erosion(mask, structure=FACES, border_value=0)


def main():
    path, label, spec, tolerance, a_out, b_out = sys.argv[1:7]
    image = nib.load(path)
    labels = np.asanyarray(image.dataobj)
    spacing = np.array(image.header.get_zooms()[:3], dtype=float)
    a = labels == int(label)
    b = other_mask(labels, a, spec)
    a.astype(np.uint8).flatten(order='F').tofile(a_out)
    b.astype(np.uint8).flatten(order='F').tofile(b_out)
    # Crop to both masks' box plus one voxel of outside (zeros past the grid edge): the nearest surface voxel
    # is always inside it, and scipy then works on thousands of voxels instead of millions.
    points = np.argwhere(a | b)
    box = tuple(slice(lo, hi + 3) for lo, hi in zip(points.min(axis=0), points.max(axis=0)))
    a, b = np.pad(a, 1)[box], np.pad(b, 1)[box]
    sa, sb = surface(a), surface(b)
    a_to_b = ndimage.distance_transform_edt(~sb, sampling=spacing)[sa]
    b_to_a = ndimage.distance_transform_edt(~sa, sampling=spacing)[sb]
    pooled = np.concatenate([a_to_b, b_to_a])
    voxel_cc = float(np.prod(spacing)) / 1000
    print(json.dumps({
        'dice': 2 * float((a & b).sum()) / float(a.sum() + b.sum()),
        'hd95Mm': float(np.percentile(pooled, 95)),
        'hdMm': float(pooled.max()),
        'msdMm': float(pooled.mean()),
        'surfaceDice': float((pooled <= float(tolerance) * (1 + 1e-6)).mean()),
        'volumeACc': float(a.sum()) * voxel_cc,
        'volumeBCc': float(b.sum()) * voxel_cc,
    }))


main()
