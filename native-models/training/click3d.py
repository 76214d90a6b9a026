"""Shared code for the Delineate click3d-ct interactive model: network, the exact
preprocessing / paste-back rule (the reference the TypeScript app reimplements),
and the simulated-user evaluation with the region-growing baseline.

Axis convention everywhere: volumes are [Z, Y, X] (Z = slice, Y = row, X = column),
spacing is (sz, sy, sx) in mm, voxel index v has the physical position v * spacing
(mm, along the image grid axes; orientation/origin do not matter for the model).
"""
import io, lzma, math
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PATCH = 64                 # patch is PATCH^3 voxels, tensor [1, 5, Z, Y, X]
CLICK_RADIUS = 2.0         # click ball radius in PATCH voxels
FIRST_CLICK_SIZE_MM = 160.0
MIN_SIZE_MM, MAX_SIZE_MM = 96.0, 448.0
MARGIN_FACTOR, MARGIN_MM = 1.25, 32.0
HU_PAD = -1024.0


def load_npz_xz(path):
    with open(path, 'rb') as f:
        return dict(np.load(io.BytesIO(lzma.decompress(f.read())), allow_pickle=False))


# ---------------------------------------------------------------- network
class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.c1 = nn.Conv3d(cin, cout, 3, padding=1)
        self.n1 = nn.InstanceNorm3d(cout, affine=True)
        self.c2 = nn.Conv3d(cout, cout, 3, padding=1)
        self.n2 = nn.InstanceNorm3d(cout, affine=True)

    def forward(self, x):
        x = F.leaky_relu(self.n1(self.c1(x)), 0.01)
        return F.leaky_relu(self.n2(self.c2(x)), 0.01)


class UNet3D(nn.Module):
    def __init__(self, cin=5, ch=(16, 32, 64, 128, 192)):
        super().__init__()
        self.enc = nn.ModuleList()
        self.down = nn.ModuleList()
        c = cin
        for i, co in enumerate(ch):
            self.enc.append(Block(c, co))
            c = co
            if i < len(ch) - 1:
                self.down.append(nn.Conv3d(co, co, 2, stride=2))
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for i in range(len(ch) - 1, 0, -1):
            self.up.append(nn.ConvTranspose3d(ch[i], ch[i - 1], 2, stride=2))
            self.dec.append(Block(2 * ch[i - 1], ch[i - 1]))
        self.head = nn.Conv3d(ch[0], 1, 1)

    def forward(self, x):
        skips = []
        for i, e in enumerate(self.enc):
            x = e(x)
            if i < len(self.down):
                skips.append(x)
                x = self.down[i](x)
        for u, d in zip(self.up, self.dec):
            x = d(torch.cat([u(x), skips.pop()], 1))
        return self.head(x)


# ---------------------------------------------------------------- preprocessing rule
def hu_to_channels(hu):
    """hu: tensor [..] of interpolated HU -> 2 channels stacked on dim 1 (expects [N,1,...])."""
    soft = (hu.clamp(-160.0, 240.0) - 40.0) / 200.0
    wide = hu.clamp(-1000.0, 1000.0) / 1000.0
    return torch.cat([soft, wide], 1)


def crop_box(spacing, prev_points_mm, pos_mm, newest_mm, prev_empty, first_mm=None):
    """Box rule.  P = {voxel positions (mm) of the previous mask} U {positive clicks} U {newest click}.
    lo/hi = per-axis min/max of P, E = hi - lo, centre = (lo + hi) / 2,
    r_a = 1.25 * E_a + 32 mm, if the previous mask is empty r_a = max(r_a, FIRST_CLICK_SIZE_MM),
    m = max_a r_a, s_a = clamp(max(r_a, m / 2), 96, 448) mm.
    Returns centre (3,), size (3,) in mm, axis order (z, y, x)."""
    pts = [np.asarray(newest_mm, np.float64)[None]]
    if len(pos_mm):
        pts.append(np.asarray(pos_mm, np.float64).reshape(-1, 3))
    if prev_points_mm is not None:
        pts.append(np.asarray(prev_points_mm, np.float64).reshape(-1, 3))
    P = np.concatenate(pts, 0)
    lo, hi = P.min(0), P.max(0)
    centre = (lo + hi) / 2
    r = MARGIN_FACTOR * (hi - lo) + MARGIN_MM
    if prev_empty:
        r = np.maximum(r, FIRST_CLICK_SIZE_MM if first_mm is None else first_mm)
    m = r.max()
    s = np.clip(np.maximum(r, m / 2), MIN_SIZE_MM, MAX_SIZE_MM)
    return centre, s


def patch_coords(centre, size, spacing, shape):
    """Continuous volume voxel index of each patch voxel centre, per axis:
    u_a(i) = (centre_a - size_a/2 + (i + 0.5) * size_a / PATCH) / spacing_a,  i = 0..PATCH-1."""
    i = np.arange(PATCH) + 0.5
    return [(centre[a] - size[a] / 2 + i * size[a] / PATCH) / spacing[a] for a in range(3)]


def _grid(uz, uy, ux, shape, dev):
    # grid_sample(align_corners=True): normalised g = 2u/(n-1) - 1; grid last dim = (x, y, z)
    def norm(u, n):
        return torch.as_tensor(2 * u / max(n - 1, 1) - 1, dtype=torch.float32, device=dev)
    gz, gy, gx = norm(uz, shape[0]), norm(uy, shape[1]), norm(ux, shape[2])
    Z, Y, X = torch.meshgrid(gz, gy, gx, indexing='ij')
    return torch.stack([X, Y, Z], -1)[None]


def ball_map(points_patch, dev):
    """points_patch: list of continuous patch coords (z, y, x) -> [PATCH^3] float ball map."""
    m = torch.zeros((PATCH,) * 3, device=dev)
    if not len(points_patch):
        return m
    ar = torch.arange(PATCH, device=dev, dtype=torch.float32)
    for p in points_patch:
        d = (ar[:, None, None] - float(p[0])) ** 2 + (ar[None, :, None] - float(p[1])) ** 2 + (ar[None, None, :] - float(p[2])) ** 2
        m = torch.maximum(m, (d <= CLICK_RADIUS ** 2).float())
    return m


def make_input(ct_t, prev_t, spacing, pos, neg, newest, first_mm=None):
    """ct_t: [1,1,Z,Y,X] float HU tensor; prev_t: [1,1,Z,Y,X] float 0/1; pos/neg: lists of voxel
    indices (z,y,x); newest: voxel index of the newest click. Returns (input [1,5,P,P,P], centre, size)."""
    shape = ct_t.shape[2:]
    sp = np.asarray(spacing, np.float64)
    prev_idx = torch.nonzero(prev_t[0, 0] > 0.5)
    prev_empty = prev_idx.shape[0] == 0
    prev_pts = None
    if not prev_empty:
        lo = prev_idx.min(0).values.cpu().numpy(); hi = prev_idx.max(0).values.cpu().numpy()
        prev_pts = np.stack([lo * sp, hi * sp])   # only the extremes matter
    centre, size = crop_box(sp, prev_pts, [np.asarray(p) * sp for p in pos], np.asarray(newest) * sp, prev_empty, first_mm)
    uz, uy, ux = patch_coords(centre, size, sp, shape)
    g = _grid(uz, uy, ux, shape, ct_t.device)
    hu = F.grid_sample(ct_t - HU_PAD, g, mode='bilinear', padding_mode='zeros', align_corners=True) + HU_PAD
    pm = F.grid_sample(prev_t, g, mode='bilinear', padding_mode='zeros', align_corners=True)

    def to_patch(v):
        return (np.asarray(v) * sp - (centre - size / 2)) / (size / PATCH) - 0.5
    pc = ball_map([to_patch(p) for p in pos], ct_t.device)[None, None]
    nc = ball_map([to_patch(p) for p in neg], ct_t.device)[None, None]
    inp = torch.cat([hu_to_channels(hu), pm, pc, nc], 1)
    return inp, centre, size


def paste_back(logits, prev_t, centre, size, spacing):
    """Voxels v with centre_a - size_a/2 <= v_a*spacing_a < centre_a + size_a/2 on every axis get
    (trilinear, edge-clamped sample of the logits at patch coord t_a = (v_a*spacing_a - (centre_a -
    size_a/2)) / (size_a/PATCH) - 0.5) > 0; all other voxels keep the previous mask."""
    shape = prev_t.shape[2:]
    sp = np.asarray(spacing, np.float64)
    lo_mm, hi_mm = centre - size / 2, centre + size / 2
    a0 = [max(0, int(math.ceil(lo_mm[a] / sp[a] - 1e-9))) for a in range(3)]
    a1 = [min(shape[a], int(math.ceil(hi_mm[a] / sp[a] - 1e-9))) for a in range(3)]
    out = prev_t.clone()
    if any(a1[a] <= a0[a] for a in range(3)):
        return out
    ts = [(np.arange(a0[a], a1[a]) * sp[a] - lo_mm[a]) / (size[a] / PATCH) - 0.5 for a in range(3)]
    def norm(t):
        return torch.as_tensor(2 * t / (PATCH - 1) - 1, dtype=torch.float32, device=logits.device)
    Z, Y, X = torch.meshgrid(norm(ts[0]), norm(ts[1]), norm(ts[2]), indexing='ij')
    g = torch.stack([X, Y, Z], -1)[None]
    lv = F.grid_sample(logits.float(), g, mode='bilinear', padding_mode='border', align_corners=True)
    out[:, :, a0[0]:a1[0], a0[1]:a1[1], a0[2]:a1[2]] = (lv > 0).float()
    return out


# ---------------------------------------------------------------- simulated user (evaluation)
from scipy import ndimage as ndi


def _bbox(m, pad, shape):
    idx = np.argwhere(m)
    lo = np.maximum(idx.min(0) - pad, 0); hi = np.minimum(idx.max(0) + 1 + pad, shape)
    return tuple(slice(l, h) for l, h in zip(lo, hi))


def centre_of(mask, spacing):
    """Voxel of max Euclidean distance (mm) to the background inside the largest 6-connected component."""
    sl = _bbox(mask, 1, mask.shape)
    sub = mask[sl]
    lab, n = ndi.label(sub)
    if n > 1:
        sizes = np.bincount(lab.ravel())[1:]
        sub = lab == 1 + int(np.argmax(sizes))
    sl2 = _bbox(sub, 1, sub.shape)
    e = ndi.distance_transform_edt(sub[sl2], sampling=spacing)
    c = np.unravel_index(int(np.argmax(e)), e.shape)
    return tuple(int(c[a] + sl2[a].start + sl[a].start) for a in range(3))


def next_click(gt, pred, spacing):
    """Largest 6-connected error component (FN or FP); click at its centre (see centre_of).
    Returns (voxel, is_positive) or None if there is no error."""
    err = gt ^ pred
    if not err.any():
        return None
    sl = _bbox(err, 1, err.shape)
    best = None
    for positive, m in ((True, (gt & ~pred)[sl]), (False, (pred & ~gt)[sl])):
        if not m.any():
            continue
        lab, n = ndi.label(m)
        sizes = np.bincount(lab.ravel())[1:]
        k = int(np.argmax(sizes))
        if best is None or sizes[k] > best[0]:
            best = (sizes[k], positive, lab == k + 1)
    _, positive, comp = best
    c = centre_of(comp, spacing)
    return tuple(int(c[a] + sl[a].start) for a in range(3)), positive


def dice(a, b):
    s = a.sum() + b.sum()
    return 1.0 if s == 0 else 2.0 * (a & b).sum() / s


def simulate(gt, spacing, predict, n_clicks=10):
    """predict(prev_mask_bool, pos, neg, newest) -> new mask bool. Returns list of Dice after each click."""
    mask = np.zeros_like(gt, bool)
    pos, neg, out = [], [], []
    for k in range(n_clicks):
        if k == 0:
            c, positive = centre_of(gt, spacing), True
        else:
            r = next_click(gt, mask, spacing)
            if r is None:
                out.append(out[-1]); continue
            c, positive = r
        (pos if positive else neg).append(c)
        mask = predict(mask, pos, neg, c)
        out.append(float(dice(gt, mask)))
    return out


class RegionGrow:
    """Click-seeded 3D region growing baseline: each positive click adds the 6-connected component of
    {|HU - HU(seed)| <= 60} containing it; each negative click removes its own such component."""
    def __init__(self, ct, tol=60, radius_mm=0.0, spacing=None):
        self.ct, self.tol, self.cache = ct.astype(np.int32), tol, {}
        self.radius_mm, self.sp = radius_mm, spacing

    def region(self, p):
        if p not in self.cache:
            v = self.ct[p]
            cand = np.abs(self.ct - v) <= self.tol
            if self.radius_mm > 0:   # optional variant: only voxels within radius_mm of the seed
                g = np.ogrid[tuple(slice(0, n) for n in self.ct.shape)]
                d2 = sum(((g[a] - p[a]) * self.sp[a]) ** 2 for a in range(3))
                cand &= d2 <= self.radius_mm ** 2
            lab, _ = ndi.label(cand)
            self.cache[p] = lab == lab[p]
        return self.cache[p]

    def __call__(self, prev, pos, neg, newest):
        m = np.zeros(self.ct.shape, bool)
        for p in pos:
            m |= self.region(p)
        for p in neg:
            m &= ~self.region(p)
        return m


class ModelPredict:
    def __init__(self, net, ct, spacing, dev, first_mm=None):
        self.net, self.sp, self.dev, self.first_mm = net, spacing, dev, first_mm
        self.ct_t = torch.as_tensor(ct.astype(np.float32), device=dev)[None, None]

    @torch.no_grad()
    def __call__(self, prev, pos, neg, newest):
        prev_t = torch.as_tensor(prev.astype(np.float32), device=self.dev)[None, None]
        inp, c, s = make_input(self.ct_t, prev_t, self.sp, pos, neg, newest, self.first_mm)
        with torch.autocast(self.dev.type, dtype=torch.bfloat16, enabled=self.dev.type == 'cuda'):
            lg = self.net(inp)
        return paste_back(lg.float(), prev_t, c, s, self.sp)[0, 0].cpu().numpy() > 0.5


class OrtPredict:
    """Same rule as ModelPredict, but runs the exported ONNX file with onnxruntime (CPU, fp32)."""
    def __init__(self, sess, ct, spacing, first_mm=None):
        self.sess, self.sp, self.first_mm = sess, spacing, first_mm
        self.ct_t = torch.as_tensor(ct.astype(np.float32))[None, None]

    @torch.no_grad()
    def __call__(self, prev, pos, neg, newest):
        prev_t = torch.as_tensor(prev.astype(np.float32))[None, None]
        inp, c, s = make_input(self.ct_t, prev_t, self.sp, pos, neg, newest, self.first_mm)
        lg = torch.as_tensor(self.sess.run(None, {'input': inp.numpy()})[0])
        return paste_back(lg, prev_t, c, s, self.sp)[0, 0].numpy() > 0.5


TS_NAMES = {1: 'spleen', 2: 'kidney_right', 3: 'kidney_left', 4: 'gallbladder', 5: 'liver', 6: 'stomach',
            7: 'pancreas', 8: 'adrenal_gland_right', 9: 'adrenal_gland_left', 10: 'lung_upper_lobe_left',
            11: 'lung_lower_lobe_left', 12: 'lung_upper_lobe_right', 13: 'lung_middle_lobe_right',
            14: 'lung_lower_lobe_right', 15: 'esophagus', 16: 'trachea', 18: 'small_bowel', 19: 'duodenum',
            20: 'colon', 30: 'vertebrae_L2', 31: 'vertebrae_L1', 32: 'vertebrae_T12', 33: 'vertebrae_T11',
            52: 'aorta', 63: 'inferior_vena_cava', 64: 'portal_vein_and_splenic_vein', 79: 'spinal_cord',
            86: 'autochthon_left', 87: 'autochthon_right', 88: 'iliopsoas_left', 89: 'iliopsoas_right',
            117: 'costal_cartilages'}
TS_LARGE = {'liver': [5], 'spleen': [1], 'kidney_right': [2], 'kidney_left': [3],
            'lung_left': [10, 11], 'lung_right': [12, 13, 14], 'aorta': [52]}
OAR_NAMES = {1: 'Brainstem', 2: 'SpinalCord', 3: 'RightParotid', 4: 'LeftParotid', 5: 'Esophagus',
             6: 'Larynx', 7: 'Mandible'}


def eval_cases(make_predict, val, ts, log=print, n_clicks=10, max_val=None, do_ts=True, max_ts=0):
    """Returns dict with per-object Dice curves for openkbp validation and the TS sample."""
    res = {'openkbp_validation': [], 'ts_labels_ge1000': [], 'ts_large_organs': []}
    nv = len(val['names']) if max_val is None else min(max_val, len(val['names']))
    for i in range(nv):
        ct, oar, sp = val['ct'][i], val['oar'][i], tuple(float(v) for v in val['spacing'][i])
        pr = make_predict(ct, sp)
        for lab in range(1, 8):
            gt = oar == lab
            if gt.sum() < 20:
                continue
            d = simulate(gt, sp, pr, n_clicks)
            res['openkbp_validation'].append(dict(case=str(val['names'][i]), label=lab, name=OAR_NAMES[lab], voxels=int(gt.sum()), dice=d))
        log(f'val {i} {val["names"][i]} done')
    if not do_ts:
        return res
    ct, seg, sp = ts['ct'], ts['seg'], tuple(float(v) for v in ts['spacing'])
    pr = make_predict(ct, sp)
    for lab in sorted(int(v) for v in np.unique(seg) if v > 0):
        gt = seg == lab
        if gt.sum() < 1000:
            continue
        if max_ts and len(res['ts_labels_ge1000']) >= max_ts:
            break
        d = simulate(gt, sp, pr, n_clicks)
        res['ts_labels_ge1000'].append(dict(label=lab, name=TS_NAMES.get(lab, str(lab)), voxels=int(gt.sum()), dice=d))
    for name, labs in list(TS_LARGE.items())[:max_ts or None]:
        gt = np.isin(seg, labs)
        d = simulate(gt, sp, pr, n_clicks)
        res['ts_large_organs'].append(dict(labels=labs, name=name, voxels=int(gt.sum()), dice=d))
    return res


def summarize(res, ks=(1, 3, 5, 10)):
    out = {}
    for split, items in res.items():
        if not items:
            continue
        D = np.array([it['dice'] for it in items])
        ks = [k for k in ks if k <= D.shape[1]]
        out[split] = {'n_objects': len(items), **{f'dice@{k}': round(float(D[:, k - 1].mean()), 4) for k in ks}}
        per = {}
        for it in items:
            per.setdefault(it['name'], []).append(it['dice'])
        out[split]['per_name'] = {n: {f'dice@{k}': round(float(np.mean([d[k - 1] for d in v])), 4) for k in ks} | {'n': len(v)}
                                  for n, v in per.items()}
    return out
