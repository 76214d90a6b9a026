"""Reference margins for core/mask/margin.test.ts, computed independently of the TypeScript code.

usage: margin_ref.py <labels.nii[.gz]> <label> (<R,L,A,P,S,I mm> <out.raw>)...
All six equal: scipy's exact EDT (distance_transform_edt, sampling = voxel spacing). Otherwise brute force: the
union of the mask shifted by every voxel offset whose patient-space vector (from nibabel's affine, RAS turned
into LPS) lies in the octant ellipsoid. All >= 0 expands; all <= 0 shrinks (outside the grid is outside).
Writes each result as uint8, i fastest (the file's voxel order), and prints its voxel count.
"""
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

SLACK = 1e-6  # the same tie rule as core/mask/margin.ts


def octant_offsets(lps_columns, mm):
    """Voxel offsets d with (p - q) = M d inside the ellipsoid whose semi-axis depends on the sign per axis."""
    right, left, anterior, posterior, superior, inferior = mm
    spacing = np.linalg.norm(lps_columns, axis=0)
    reach = [int(np.floor(max(mm) / s + SLACK)) for s in spacing]
    offsets = []
    for di in range(-reach[0], reach[0] + 1):
        for dj in range(-reach[1], reach[1] + 1):
            for dk in range(-reach[2], reach[2] + 1):
                v = lps_columns @ np.array([di, dj, dk], dtype=float)
                semi = [left if v[0] > 0 else right, posterior if v[1] > 0 else anterior, superior if v[2] > 0 else inferior]
                total = 0.0
                for c in range(3):
                    if abs(v[c]) < 1e-9:
                        continue
                    total = np.inf if semi[c] == 0 else total + (v[c] / semi[c]) ** 2
                if total <= 1 + SLACK:
                    offsets.append((di, dj, dk))
    return offsets


def dilate(mask, lps_columns, mm):
    spacing = np.linalg.norm(lps_columns, axis=0)
    if len(set(mm)) == 1:
        d = ndimage.distance_transform_edt(~mask, sampling=spacing)
        return d * d <= mm[0] ** 2 * (1 + SLACK)
    out = np.zeros_like(mask)
    n = mask.shape
    for di, dj, dk in octant_offsets(lps_columns, mm):
        src = tuple(slice(max(0, -d), min(s, s - d)) for d, s in zip((di, dj, dk), n))
        dst = tuple(slice(max(0, d), min(s, s + d)) for d, s in zip((di, dj, dk), n))
        out[dst] |= mask[src]
    return out


def margin(image, mask, mm):
    lps_columns = np.diag([-1.0, -1.0, 1.0]) @ image.affine[:3, :3]
    spacing = np.linalg.norm(lps_columns, axis=0)
    result = np.zeros_like(mask)
    lo = np.argwhere(mask).min(axis=0)
    hi = np.argwhere(mask).max(axis=0) + 1
    if all(v >= 0 for v in mm):
        reach = np.array([int(np.floor(max(mm) / s + SLACK)) for s in spacing])
        a, b = np.maximum(lo - reach, 0), np.minimum(hi + reach, mask.shape)
        box = tuple(slice(x, y) for x, y in zip(a, b))
        result[box] = dilate(mask[box], lps_columns, mm)
    else:
        # Shrinking by m: the mask minus the mirrored dilation of its outside, with one voxel of outside all round.
        m = [-v for v in mm]
        mirrored = [m[1], m[0], m[3], m[2], m[5], m[4]]
        padded = np.pad(mask, 1)
        box = tuple(slice(x, y + 2) for x, y in zip(lo, hi))
        inside = padded[box]
        kept = inside & ~dilate(~inside, lps_columns, mirrored)
        result[tuple(slice(x, y) for x, y in zip(lo, hi))] = kept[1:-1, 1:-1, 1:-1]
    return result


def main():
    path, label = sys.argv[1], int(sys.argv[2])
    image = nib.load(path)
    mask = np.asanyarray(image.dataobj) == label
    for spec, out_path in zip(sys.argv[3::2], sys.argv[4::2]):
        result = margin(image, mask, [float(v) for v in spec.split(',')])
        result.astype(np.uint8).flatten(order='F').tofile(out_path)
        print(int(result.sum()))


main()
