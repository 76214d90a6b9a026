#!/usr/bin/env python3
"""Pack OpenKBP train/validation + the TotalSegmentator sample into compact .npz.xz files.

Run here (needs nibabel, scipy):  /usr/bin/python3 native-models/training/pack.py [--n-train N]
Writes  .trainpack/train.npz.xz  .trainpack/val.npz.xz  .trainpack/test_ts.npz.xz

All volumes are stored as [Z, Y, X] arrays (Z = slice index, Y = row, X = column):
  OpenKBP: nibabel array axes (i, j, k), k = long body axis  ->  transpose(2, 1, 0).
  TotalSegmentator sample (RAS, 3 mm): same transpose.
Spacing is stored per case in (z, y, x) mm order.

Training pack also holds "generic" objects built only from the training CTs:
  body  : largest 6-connected component of HU > -500, holes filled slice by slice
  bones : 6-connected components of HU > 250 inside body with >= 150 voxels
  air   : 6-connected components of HU < -500 inside the filled body with >= 80 voxels
and an object table (case, map, label, centre, candidate click points, bbox, voxel count)
with centres at the maximum of the Euclidean distance transform (mm) of the object.
"""
import argparse, glob, io, json, lzma, os, sys
import numpy as np
import nibabel as nib
from scipy import ndimage as ndi

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DATA = '/work/shared/data'
MAP_OAR, MAP_BODY, MAP_GEN = 0, 1, 2


def save_npz_xz(path, **arrs):
    bio = io.BytesIO()
    np.savez(bio, **arrs)
    with open(path, 'wb') as f:
        f.write(lzma.compress(bio.getvalue(), preset=6))
    print(path, os.path.getsize(path) / 1e6, 'MB')


def load_case(d):
    ct = nib.load(os.path.join(d, 'ct.nii.gz'))
    sp = tuple(float(v) for v in ct.header.get_zooms()[:3])
    a = np.asarray(ct.dataobj).astype(np.int16).transpose(2, 1, 0).copy()
    o = np.asarray(nib.load(os.path.join(d, 'oars.nii.gz')).dataobj).astype(np.uint8).transpose(2, 1, 0).copy()
    return a, o, (sp[2], sp[1], sp[0])


def object_entry(mask, sp, rng, case, mp, lab):
    idx = np.argwhere(mask)
    lo, hi = idx.min(0), idx.max(0) + 1
    lo2 = np.maximum(lo - 1, 0); hi2 = np.minimum(hi + 1, mask.shape)
    sub = mask[lo2[0]:hi2[0], lo2[1]:hi2[1], lo2[2]:hi2[2]]
    edt = ndi.distance_transform_edt(sub, sampling=sp)
    c = np.array(np.unravel_index(np.argmax(edt), edt.shape)) + lo2
    good = np.argwhere(edt >= 0.5 * edt.max()) + lo2
    cand = good[rng.choice(len(good), size=7, replace=True)]
    pts = np.concatenate([c[None], cand], 0)  # 8 points, first = centre
    return dict(case=case, map=mp, label=lab, pts=pts, lo=lo, hi=hi, n=int(mask.sum()))


def generic_maps(ct):
    body = ct > -500
    lab, n = ndi.label(body)
    if n == 0:
        return np.zeros_like(ct, np.uint8), np.zeros_like(ct, np.uint8)
    sizes = ndi.sum(body, lab, range(1, n + 1))
    body = lab == (1 + int(np.argmax(sizes)))
    for z in range(body.shape[0]):
        body[z] = ndi.binary_fill_holes(body[z])
    gen = np.zeros(ct.shape, np.uint8)
    k = 1
    bl, bn = ndi.label((ct > 250) & body)
    if bn:
        bs = ndi.sum(np.ones_like(bl), bl, range(1, bn + 1))
        for i in np.argsort(-bs)[:20]:
            if bs[i] >= 150:
                gen[bl == i + 1] = k; k += 1
    al, an = ndi.label((ct < -500) & body)
    if an:
        as_ = ndi.sum(np.ones_like(al), al, range(1, an + 1))
        for i in np.argsort(-as_)[:20]:
            if as_[i] >= 80:
                gen[al == i + 1] = k; k += 1
    return body.astype(np.uint8), gen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n-train', type=int, default=140, help='first N training patients (sorted by number); 140 keeps the carried pack < 64 MiB with the repo')
    ap.add_argument('--tiny', action='store_true', help='3 validation cases only (smoke tests)')
    ap.add_argument('--out', default=os.path.join(ROOT, '.trainpack'))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(1234)

    def ptkey(p):
        return int(p.rsplit('_', 1)[1])

    tr = sorted(glob.glob(f'{DATA}/openkbp/train/pt_*'), key=ptkey)
    if args.n_train:
        tr = tr[:args.n_train]
    cts, oars, bodies, gens, sps, objs, names = [], [], [], [], [], [], []
    for ci, d in enumerate(tr):
        ct, o, sp = load_case(d)
        body, gen = generic_maps(ct)
        for lab in range(1, 8):
            m = o == lab
            if m.sum() >= 20:
                objs.append(object_entry(m, sp, rng, ci, MAP_OAR, lab))
        if body.sum() > 1000:
            objs.append(object_entry(body > 0, sp, rng, ci, MAP_BODY, 1))
        for lab in range(1, int(gen.max()) + 1):
            m = gen == lab
            if m.sum() >= 50:
                objs.append(object_entry(m, sp, rng, ci, MAP_GEN, lab))
        cts.append(ct); oars.append(o); bodies.append(body); gens.append(gen); sps.append(sp)
        names.append(os.path.basename(d))
        if ci % 20 == 0:
            print(ci, d, len(objs), flush=True)
    save_npz_xz(os.path.join(args.out, 'train.npz.xz'),
                ct=np.stack(cts), oar=np.stack(oars), body=np.stack(bodies), gen=np.stack(gens),
                spacing=np.array(sps, np.float32), names=np.array(names),
                obj_case=np.array([o['case'] for o in objs], np.int32),
                obj_map=np.array([o['map'] for o in objs], np.int32),
                obj_label=np.array([o['label'] for o in objs], np.int32),
                obj_pts=np.stack([o['pts'] for o in objs]).astype(np.int32),
                obj_lo=np.stack([o['lo'] for o in objs]).astype(np.int32),
                obj_hi=np.stack([o['hi'] for o in objs]).astype(np.int32),
                obj_n=np.array([o['n'] for o in objs], np.int64))
    kinds = np.array([o['map'] for o in objs])
    print('objects: oar', (kinds == 0).sum(), 'body', (kinds == 1).sum(), 'generic', (kinds == 2).sum())

    va = sorted(glob.glob(f'{DATA}/openkbp/validation/pt_*'), key=ptkey)
    if args.tiny:
        va = va[:3]
    vct, voar, vsp, vn = [], [], [], []
    for d in va:
        ct, o, sp = load_case(d)
        vct.append(ct); voar.append(o); vsp.append(sp); vn.append(os.path.basename(d))
    save_npz_xz(os.path.join(args.out, 'val.npz.xz'), ct=np.stack(vct), oar=np.stack(voar),
                spacing=np.array(vsp, np.float32), names=np.array(vn))

    ts = nib.load(f'{DATA}/totalsegmentator/example_ct_sm.nii.gz')
    sg = nib.load(f'{DATA}/totalsegmentator/example_seg.nii.gz')
    sp = [float(v) for v in ts.header.get_zooms()[:3]]
    save_npz_xz(os.path.join(args.out, 'test_ts.npz.xz'),
                ct=np.asarray(ts.dataobj).astype(np.int16).transpose(2, 1, 0).copy(),
                seg=np.asarray(sg.dataobj).astype(np.uint8).transpose(2, 1, 0).copy(),
                spacing=np.array([sp[2], sp[1], sp[0]], np.float32))


if __name__ == '__main__':
    main()
