#!/usr/bin/env python3
"""Train the click3d-ct interactive model (GPU data pipeline), export ONNX, evaluate.

  python3 native-models/training/train.py --pack .trainpack --out $OUT --train-seconds 390
  tiny CPU smoke test:  /usr/bin/python3 native-models/training/train.py --tiny --pack /tmp/packtiny --out /tmp/tinyout
"""
import argparse, json, math, os, sys, time, hashlib
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import click3d as C

P = C.PATCH


def log_to(path):
    f = open(path, 'a')
    def log(*a):
        s = ' '.join(str(x) for x in a)
        print(s, flush=True); f.write(s + '\n'); f.flush()
    return log


# ------------------------------------------------------------------ GPU helpers
def depth(m, iters=12):
    """Approximate inner distance (in 26-neighbourhood erosion steps) of a binary [B,1,P,P,P] map."""
    d = m.float(); acc = d.clone()
    for _ in range(iters):
        d = -F.max_pool3d(-d, 3, 1, 1)
        if not bool(d.any()):
            break
        acc = acc + d
    return acc


def balls(pts, valid, dev):
    """pts [B,3] patch coords, valid [B] bool -> [B,1,P,P,P] ball maps."""
    ar = torch.arange(P, device=dev, dtype=torch.float32)
    d = ((ar[None, :, None, None] - pts[:, 0, None, None, None]) ** 2 + (ar[None, None, :, None] - pts[:, 1, None, None, None]) ** 2
         + (ar[None, None, None, :] - pts[:, 2, None, None, None]) ** 2)
    return ((d <= C.CLICK_RADIUS ** 2) & valid[:, None, None, None]).float()[:, None]


def error_clicks(pred, tgt, gen):
    """Deepest voxel of the FN or FP map (whichever is deeper). Returns pos_map, neg_map [B,1,P,P,P]."""
    fn = tgt & ~pred; fp = pred & ~tgt
    dfn, dfp = depth(fn), depth(fp)
    B = tgt.shape[0]
    noise = torch.rand(dfn.shape, device=tgt.device, generator=gen) * 0.5
    both = torch.cat([(dfn + noise * (dfn > 0)).reshape(B, -1), (dfp + noise * (dfp > 0)).reshape(B, -1)], 1)
    val, idx = both.max(1)
    positive = idx < P ** 3
    flat = idx % (P ** 3)
    pts = torch.stack([flat // (P * P), (flat // P) % P, flat % P], 1).float()
    has = val > 0
    return balls(pts, has & positive, tgt.device), balls(pts, has & ~positive, tgt.device)


def rot_matrix(rng, max_deg):
    a = np.deg2rad(rng.uniform(-max_deg, max_deg, 3))
    cz, sz, cy, sy, cx, sx = np.cos(a[0]), np.sin(a[0]), np.cos(a[1]), np.sin(a[1]), np.cos(a[2]), np.sin(a[2])
    Rz = np.array([[1, 0, 0], [0, cz, -sz], [0, sz, cz]])
    Ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    Rx = np.array([[cx, -sx, 0], [sx, cx, 0], [0, 0, 1]])
    return Rz @ Ry @ Rx


class Sampler:
    def __init__(self, pack, dev, seed, first_mm=None, first_range=None, p_first_rule=1.0, p_big_blob=0.0, p_slab=0.0):
        self.dev, self.p_slab = dev, p_slab
        self.first_mm = C.FIRST_CLICK_SIZE_MM if first_mm is None else first_mm   # the app's first-click box edge
        self.first_range = first_range            # (lo, hi) mm: log-uniform first-click box edge for the other samples
        self.p_first_rule = p_first_rule          # share of first-click samples that use exactly first_mm (before x U(0.9,1.1))
        self.p_big_blob = p_big_blob              # share of synthetic blobs with radii 30-70 % of the patch (may exceed it)
        self.rng = np.random.default_rng(seed)
        self.gen = torch.Generator(device=dev); self.gen.manual_seed(seed)
        self.ct = torch.as_tensor(pack['ct'], device=dev)            # int16 [N,Z,Y,X]
        self.maps = [torch.as_tensor(pack[k], device=dev) for k in ('oar', 'body', 'gen')]
        self.sp = pack['spacing'].astype(np.float64)
        self.shape = np.array(pack['ct'].shape[1:])
        self.oc, self.om, self.ol = pack['obj_case'], pack['obj_map'], pack['obj_label']
        self.pts, self.lo, self.hi = pack['obj_pts'], pack['obj_lo'], pack['obj_hi']
        self.by_kind = {k: np.nonzero(self.om == k)[0] for k in range(3)}
        self.body_objs = self.by_kind[1]
        ar = (torch.arange(P, device=dev, dtype=torch.float32) + 0.5) / P - 0.5
        Z, Y, X = torch.meshgrid(ar, ar, ar, indexing='ij')
        self.frac = torch.stack([Z, Y, X], -1).reshape(-1, 3)           # [P^3,3]

    def first_size(self):
        if self.first_range is None or self.rng.random() < self.p_first_rule:
            return self.first_mm
        lo, hi = self.first_range
        return float(np.exp(self.rng.uniform(np.log(lo), np.log(hi))))

    def box_from_rule(self, lo_mm, hi_mm, click_mm, first):
        if first:
            centre, size = C.crop_box(None, None, [], click_mm, True, self.first_size())
        else:
            centre, size = C.crop_box(None, np.stack([lo_mm, hi_mm]), [click_mm], click_mm, False)
        return centre, size

    def batch(self, B):
        rng, dev = self.rng, self.dev
        kinds = rng.choice(4, size=B, p=[0.42, 0.03, 0.22, 0.33])   # oar, body, generic, synthetic blob
        first = rng.random(B) < 0.35
        cases, centres, sizes, Rs, click_mm, objsel = [], [], [], [], [], []
        for b in range(B):
            k = kinds[b]
            if k == 3:
                o = self.body_objs[rng.integers(len(self.body_objs))]
                c = self.oc[o]; sp = self.sp[c]
                lo, hi = self.lo[o] * sp, (self.hi[o] - 1) * sp
                cen = lo + rng.random(3) * (hi - lo)
                s = rng.uniform(96, 300, 3)
                s = np.clip(np.maximum(s, s.max() / 2), 96, 448)
                if first[b]:
                    s[:] = self.first_size()
                cases.append(c); centres.append(cen); sizes.append(s); click_mm.append(None); objsel.append(-1)
            else:
                pool = self.by_kind[min(k, 2)]
                o = pool[rng.integers(len(pool))]
                c = self.oc[o]; sp = self.sp[c]
                pi = 0 if rng.random() < 0.5 else rng.integers(1, 8)
                cm = self.pts[o, pi] * sp
                lo, hi = self.lo[o] * sp, (self.hi[o] - 1) * sp
                if first[b]:
                    cen, s = self.box_from_rule(None, None, cm, True)
                else:
                    E = hi - lo
                    lo2 = lo + rng.uniform(-0.15, 0.15, 3) * E; hi2 = hi + rng.uniform(-0.15, 0.15, 3) * E
                    cen, s = self.box_from_rule(np.minimum(lo2, hi2), np.maximum(lo2, hi2), cm, False)
                s = np.clip(s * rng.uniform(0.9, 1.1), 80, 480)
                cases.append(c); centres.append(cen); sizes.append(s); click_mm.append(cm); objsel.append(o)
            Rs.append(rot_matrix(rng, 12) if rng.random() < 0.5 else np.eye(3))
        cases = np.array(cases, dtype=np.int64)
        cen_t = torch.tensor(np.array(centres), device=dev, dtype=torch.float32)
        s_t = torch.tensor(np.array(sizes), device=dev, dtype=torch.float32)
        R_t = torch.tensor(np.array(Rs), device=dev, dtype=torch.float32)
        sp_t = torch.tensor(self.sp[cases], device=dev, dtype=torch.float32)
        off = self.frac[None] * s_t[:, None, :]                              # [B,P^3,3] mm (z,y,x)
        pos = cen_t[:, None, :] + torch.einsum('bij,bnj->bni', R_t, off)
        u = pos / sp_t[:, None, :]
        n = torch.tensor(self.shape, device=dev, dtype=torch.float32)
        g = (2 * u / (n - 1) - 1).flip(-1).reshape(B, P, P, P, 3)             # (x,y,z)
        vol = self.ct[torch.as_tensor(cases, device=dev)].float()[:, None]
        hu = F.grid_sample(vol + 1024, g, mode='bilinear', padding_mode='zeros', align_corners=True) - 1024
        del vol
        tvol = torch.zeros((B, 1) + tuple(self.shape), device=dev)
        for b in range(B):
            o = objsel[b]
            if o >= 0:
                tvol[b, 0] = (self.maps[self.om[o]][cases[b]] == int(self.ol[o])).float()
        tgt = F.grid_sample(tvol, g, mode='bilinear', padding_mode='zeros', align_corners=True) > 0.5
        del tvol
        # click 0 in patch coordinates (inverse rotation)
        click = torch.zeros(B, 3, device=dev)
        for b in range(B):
            if click_mm[b] is not None:
                d = np.linalg.inv(Rs[b]) @ (click_mm[b] - centres[b])
                click[b] = torch.tensor(d / sizes[b] * P + P / 2 - 0.5, dtype=torch.float32)
        # synthetic blobs
        bi = np.nonzero(kinds == 3)[0]
        if len(bi):
            nb = len(bi); bt = torch.as_tensor(bi, device=dev)
            ar = torch.arange(P, device=dev, dtype=torch.float32)
            cz = torch.rand(nb, 3, device=dev, generator=self.gen) * 0.4 + 0.3
            fb = torch.as_tensor(first[bi], device=dev)
            cz = torch.where(fb[:, None], 0.5 + (cz - 0.5) * 0.2, cz) * P
            r = (torch.rand(nb, 3, device=dev, generator=self.gen) * 0.32 + 0.08) * P
            if self.p_big_blob > 0:
                big = torch.rand(nb, 1, device=dev, generator=self.gen) < self.p_big_blob
                r = torch.where(big, (torch.rand(nb, 3, device=dev, generator=self.gen) * 0.4 + 0.3) * P, r)
            dd = (((ar[None, :, None, None] - cz[:, 0, None, None, None]) / r[:, 0, None, None, None]) ** 2
                  + ((ar[None, None, :, None] - cz[:, 1, None, None, None]) / r[:, 1, None, None, None]) ** 2
                  + ((ar[None, None, None, :] - cz[:, 2, None, None, None]) / r[:, 2, None, None, None]) ** 2).sqrt()[:, None]
            f = F.interpolate(torch.randn(nb, 1, 5, 5, 5, device=dev, generator=self.gen), size=(P, P, P), mode='trilinear', align_corners=True)
            shape = dd + 0.3 * f
            w = torch.rand(nb, 1, 1, 1, 1, device=dev, generator=self.gen) * 0.08 + 0.02
            soft = torch.sigmoid((1 - shape) / w)
            hb = torch.rand(nb, 1, 1, 1, 1, device=dev, generator=self.gen) * 500 - 150
            tex = F.avg_pool3d(torch.randn(nb, 1, P, P, P, device=dev, generator=self.gen), 3, 1, 1) * torch.rand(nb, 1, 1, 1, 1, device=dev, generator=self.gen) * 60
            hu[bt] = hu[bt] * (1 - soft) + (hb + tex) * soft
            tgt[bt] = soft > 0.5
            dep = depth(tgt[bt]).reshape(nb, -1)
            idx = (dep + torch.rand(dep.shape, device=dev, generator=self.gen) * 0.5 * (dep > 0)).argmax(1)
            click[bt] = torch.stack([idx // (P * P), (idx // P) % P, idx % P], 1).float()
        # field-of-view truncation (thin scans, objects cut by the end of the volume): outside a slab along patch
        # axis 0 that contains the click (0-28 patch voxels below it, 4-28 above; the axis flips make this
        # symmetric) the patch is -1024 HU padding and background, as beyond the end of a volume
        if self.p_slab > 0:
            sl = torch.rand(B, device=dev, generator=self.gen) < self.p_slab
            ar = torch.arange(P, device=dev, dtype=torch.float32)
            za = click[:, 0] - torch.rand(B, device=dev, generator=self.gen) * 28          # click may lie on the edge
            zb = click[:, 0] + (torch.rand(B, device=dev, generator=self.gen) * 24 + 4)
            ins = (((ar[None] >= za[:, None]) & (ar[None] <= zb[:, None])) | ~sl[:, None])[:, None, :, None, None]
            hu = torch.where(ins, hu, torch.full_like(hu, C.HU_PAD))
            tgt = tgt & ins
        # intensity augmentation
        a = torch.rand(B, 1, 1, 1, 1, device=dev, generator=self.gen) * 0.2 + 0.9
        bsh = torch.rand(B, 1, 1, 1, 1, device=dev, generator=self.gen) * 60 - 30
        ns = torch.rand(B, 1, 1, 1, 1, device=dev, generator=self.gen) * 20
        hu = hu * a + bsh + torch.randn(hu.shape, device=dev, generator=self.gen) * ns
        pos0 = balls(click, torch.ones(B, dtype=torch.bool, device=dev), dev)
        img = C.hu_to_channels(hu)
        x = torch.cat([img, tgt.float(), pos0], 1)
        # flips and axis permutations (same for the whole batch, cheap)
        for ax in (2, 3, 4):
            if rng.random() < 0.5:
                x = x.flip(ax)
        if rng.random() < 0.5:
            x = x.transpose(3, 4)
        if rng.random() < 0.2:
            x = x.permute(0, 1, 3, 2, 4) if rng.random() < 0.5 else x.permute(0, 1, 4, 3, 2)
        x = x.contiguous()
        return x[:, :2], x[:, 2:3] > 0.5, x[:, 3:4], torch.as_tensor(first, device=dev)


def perturb(tgt, rng):
    m = tgt.float()
    k = int(rng.integers(1, 4))
    if rng.random() < 0.5:
        m = F.max_pool3d(m, 2 * k + 1, 1, k)
    else:
        m = -F.max_pool3d(-m, 2 * k + 1, 1, k)
    if rng.random() < 0.5:
        B = m.shape[0]
        ar = torch.arange(P, device=m.device, dtype=torch.float32) - P / 2
        nrm = torch.randn(B, 3, device=m.device)
        off = torch.randn(B, device=m.device) * 8
        plane = (nrm[:, 0, None, None, None] * ar[None, :, None, None] + nrm[:, 1, None, None, None] * ar[None, None, :, None]
                 + nrm[:, 2, None, None, None] * ar[None, None, None, :]) > off[:, None, None, None]
        m = m * plane[:, None].float()
    return m > 0.5


def loss_fn(logits, tgt):
    t = tgt.float()
    bce = F.binary_cross_entropy_with_logits(logits, t)
    p = torch.sigmoid(logits)
    inter = (p * t).sum((1, 2, 3, 4)); den = p.sum((1, 2, 3, 4)) + t.sum((1, 2, 3, 4))
    dice = 1 - (2 * inter + 1) / (den + 1)
    return bce + dice.mean()


def load_weights(path):
    """State dict from a .pt file or from an exported model.onnx (its initializers carry the parameter names)."""
    if path.endswith('.onnx'):
        import onnx
        from onnx import numpy_helper
        m = onnx.load(path)
        return {i.name: torch.as_tensor(numpy_helper.to_array(i).copy()) for i in m.graph.initializer}
    return torch.load(path, map_location='cpu')


def train(args, log):
    dev = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    torch.manual_seed(args.seed); np.random.seed(args.seed)
    torch.backends.cudnn.benchmark = True
    t0 = time.time()
    pack = C.load_npz_xz(os.path.join(args.pack, 'train.npz.xz'))
    log(f'loaded pack {pack["ct"].shape} objects {len(pack["obj_case"])} in {time.time()-t0:.1f}s on {dev}')
    S = Sampler(pack, dev, args.seed, args.first_mm, args.first_range, args.p_first_rule, args.p_big_blob, args.p_slab)
    ch = (4, 8, 8, 8, 8) if args.tiny else tuple(args.ch)
    net = C.UNet3D(5, ch)
    if args.init:
        net.load_state_dict(load_weights(args.init))
        log('initialised from', args.init)
    net = net.to(dev)
    log('params', sum(p.numel() for p in net.parameters()))
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    amp = dev.type == 'cuda'
    rng = np.random.default_rng(args.seed + 1)
    it, t_start, hist = 0, time.time(), []
    while True:
        el = time.time() - t_start
        if (args.iters and it >= args.iters) or (not args.iters and el > args.train_seconds):
            break
        frac = it / args.iters if args.iters else el / args.train_seconds
        lr = args.lr * min(1.0, (it + 1) / args.warmup) * (0.5 * (1 + math.cos(math.pi * min(frac, 1.0))) * 0.97 + 0.03)
        for gp in opt.param_groups:
            gp['lr'] = lr
        img, tgt, pos, first = S.batch(args.batch)
        neg = torch.zeros_like(pos)
        prev = torch.zeros_like(pos)
        n_roll = int(rng.choice(5, p=[0.3, 0.2, 0.2, 0.15, 0.15]))
        if n_roll == 0 and rng.random() < 0.5:
            # perturbed ground truth as previous mask (refinement samples only) + one corrective click
            pm = perturb(tgt, rng) & ~first[:, None, None, None, None]
            prev = pm.float()
            pc, nc = error_clicks(pm, tgt, S.gen)
            pos = torch.maximum(pos, pc * prev.amax((1, 2, 3, 4), keepdim=True)); neg = torch.maximum(neg, nc)
        else:
            with torch.no_grad(), torch.autocast(dev.type, dtype=torch.bfloat16, enabled=amp):
                for _ in range(n_roll):
                    pred = net(torch.cat([img, prev, pos, neg], 1)).float() > 0
                    prev = pred.float()
                    pc, nc = error_clicks(pred, tgt, S.gen)
                    pos = torch.maximum(pos, pc); neg = torch.maximum(neg, nc)
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=amp):
            logits = net(torch.cat([img, prev, pos, neg], 1))
        loss = loss_fn(logits.float(), tgt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 12.0)
        opt.step()
        hist.append(float(loss))
        it += 1
        if it % args.log_every == 0:
            log(f'it {it} t {time.time()-t_start:.0f}s loss {np.mean(hist[-args.log_every:]):.4f} lr {lr:.2e} rolls {n_roll}')
    log(f'trained {it} iterations in {time.time()-t_start:.1f}s, batch {args.batch}')
    return net.float().eval(), dict(iterations=it, train_seconds=round(time.time() - t_start, 1), batch=args.batch, channels=list(ch),
                                     final_loss=float(np.mean(hist[-50:])) if hist else None, device=torch.cuda.get_device_name() if amp else 'cpu')


def export(net, out, log):
    net = net.cpu().eval()
    x = torch.randn(1, 5, P, P, P)
    path = os.path.join(out, 'model.onnx')
    kw = dict(input_names=['input'], output_names=['logits'], opset_version=17, do_constant_folding=True)
    try:
        torch.onnx.export(net, (x,), path, dynamo=False, **kw)
    except TypeError:
        torch.onnx.export(net, (x,), path, **kw)
    except Exception as e:
        log('legacy export failed, trying dynamo', repr(e))
        torch.onnx.export(net, (x,), path, dynamo=True, external_data=False, **kw)
    import onnx
    from gpu_portable import upsample_as_conv   # WebGPU runs no 3D ConvTranspose: same numbers, other ops
    m = upsample_as_conv(onnx.load(path)); onnx.save(m, path)
    log('onnx opset', [o.version for o in m.opset_import], 'inputs', [i.name for i in m.graph.input], 'outputs', [o.name for o in m.graph.output])
    sha = hashlib.sha256(open(path, 'rb').read()).hexdigest()
    info = dict(onnx_bytes=os.path.getsize(path), sha256=sha)
    log('onnx', info)
    try:
        os.environ['ORT_DISABLE_TELEMETRY'] = '1'  # onnxruntime 1.29+ would queue and upload telemetry
        import onnxruntime as ort
        with torch.no_grad():
            ref = net(x).numpy()
        for th in (2, 16):
            so = ort.SessionOptions(); so.intra_op_num_threads = th; so.inter_op_num_threads = 1
            sess = ort.InferenceSession(path, so, providers=['CPUExecutionProvider'])
            y = sess.run(None, {'input': x.numpy()})[0]
            for _ in range(2):
                sess.run(None, {'input': x.numpy()})
            ts = []
            for _ in range(10):
                t = time.perf_counter(); sess.run(None, {'input': x.numpy()}); ts.append(time.perf_counter() - t)
            info[f'ort_cpu_ms_median_{th}threads'] = round(1000 * float(np.median(ts)), 1)
        info['ort_vs_torch_max_abs_diff'] = float(np.abs(y - ref).max())
        info['ort_version'] = ort.__version__
        log('onnxruntime', info)
    except ImportError:
        log('onnxruntime not available here')
    return info


def _eval_worker(a):
    ckpt, packdir, ch, task, dev_name, n_clicks, max_ts, first_mm = a
    torch.set_num_threads(1)
    dev = torch.device(dev_name)
    net = C.UNet3D(5, tuple(ch)); net.load_state_dict(torch.load(ckpt, map_location='cpu')); net.to(dev).eval()
    val = C.load_npz_xz(os.path.join(packdir, 'val.npz.xz'))
    ts = C.load_npz_xz(os.path.join(packdir, 'test_ts.npz.xz'))
    sel = {k: v[task[0]:task[1]] for k, v in val.items()}
    return C.eval_cases(lambda ct, sp: C.ModelPredict(net, ct, sp, dev, first_mm), sel, ts, log=lambda *x: None,
                        n_clicks=n_clicks, do_ts=task[2], max_ts=max_ts)


def evaluate(ckpt, packdir, ch, workers, max_val, dev_name, log, n_clicks=10, max_ts=0, first_mm=None):
    import concurrent.futures as cf, multiprocessing as mp
    val_n = len(C.load_npz_xz(os.path.join(packdir, 'val.npz.xz'))['names'])
    if max_val:
        val_n = min(val_n, max_val)
    per = max(1, math.ceil(val_n / max(1, workers - 1)))
    tasks = [(ckpt, packdir, ch, (i, min(i + per, val_n), False), dev_name, n_clicks, max_ts, first_mm) for i in range(0, val_n, per)]
    tasks.append((ckpt, packdir, ch, (0, 0, True), dev_name, n_clicks, max_ts, first_mm))
    res = {'openkbp_validation': [], 'ts_labels_ge1000': [], 'ts_large_organs': []}
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context('spawn')) as ex:
        for r in ex.map(_eval_worker, tasks):
            for k in res:
                res[k] += r[k]
    log('eval summary', json.dumps(C.summarize(res)))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pack', default='.trainpack')
    ap.add_argument('--out', required=True)
    ap.add_argument('--tiny', action='store_true')
    ap.add_argument('--iters', type=int, default=0)
    ap.add_argument('--train-seconds', type=float, default=390)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--ch', type=int, nargs='+', default=[8, 24, 48, 96, 192])
    ap.add_argument('--seed', type=int, default=20260101)
    ap.add_argument('--log-every', type=int, default=50)
    ap.add_argument('--eval-workers', type=int, default=12)
    ap.add_argument('--max-val', type=int, default=0)
    ap.add_argument('--eval-clicks', type=int, default=10)
    ap.add_argument('--ts-max', type=int, default=0, help='smoke tests only: limit TS objects')
    ap.add_argument('--skip-eval', action='store_true')
    ap.add_argument('--init', default='', help='fine-tune: initial weights (.pt state dict or exported .onnx)')
    ap.add_argument('--warmup', type=int, default=200)
    ap.add_argument('--first-mm', type=float, default=None, help='first-click box edge of the app rule (default click3d.FIRST_CLICK_SIZE_MM)')
    ap.add_argument('--first-range', type=float, nargs=2, default=None, help='log-uniform first-click box edge range (mm) for the samples not using --first-mm')
    ap.add_argument('--p-first-rule', type=float, default=1.0)
    ap.add_argument('--p-big-blob', type=float, default=0.0)
    ap.add_argument('--p-slab', type=float, default=0.0, help='share of patches truncated to a slab (thin-scan field of view)')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    log = log_to(os.path.join(args.out, 'train_log.txt'))
    log('args', vars(args))
    T = time.time()
    net, tinfo = train(args, log)
    ckpt = os.path.join(args.out, 'model_state.pt')
    torch.save(net.state_dict(), ckpt)
    einfo = export(net, args.out, log)
    json.dump(dict(train=tinfo, export=einfo, args=vars(args)), open(os.path.join(args.out, 'train_info.json'), 'w'), indent=1)
    if not args.skip_eval:
        t = time.time()
        res = evaluate(ckpt, args.pack, tinfo['channels'], args.eval_workers, args.max_val,
                       'cuda' if torch.cuda.is_available() else 'cpu', log, args.eval_clicks, args.ts_max, args.first_mm)
        json.dump(dict(method='click3d-ct model (torch weights exported to model.onnx)', summary=C.summarize(res), objects=res,
                       eval_seconds=round(time.time() - t, 1)), open(os.path.join(args.out, 'eval_model.json'), 'w'))
        log(f'eval done in {time.time()-t:.1f}s')
    log(f'total {time.time()-T:.1f}s')


if __name__ == '__main__':
    main()
