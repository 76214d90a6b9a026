#!/usr/bin/env python3
"""Evaluate an exported click3d-ct model (ONNX through onnxruntime, CPU fp32) on the simulated-user
protocol of click3d.eval_cases, with a chosen first-click box size.

  PYTHONPATH=/tmp/ortsite /usr/bin/python3 native-models/training/evaluate.py \
      --onnx native-models/click3d-ct/model.onnx --first-mm 160 --out /tmp/eval.json [--split ts|val|all] [--workers 2]

Validation patients are split over worker processes (1 onnxruntime thread each); the TotalSegmentator
sample runs in its own task. The result JSON has the same layout as eval_model.json.
"""
import argparse, json, math, os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def _work(a):
    onnx_path, pack, first_mm, lo, hi, do_ts, n_clicks = a
    import torch
    torch.set_num_threads(1)
    os.environ['ORT_DISABLE_TELEMETRY'] = '1'  # onnxruntime 1.29+ would queue and upload telemetry
    import onnxruntime as ort
    import click3d as C
    so = ort.SessionOptions(); so.intra_op_num_threads = 1; so.inter_op_num_threads = 1
    sess = ort.InferenceSession(onnx_path, so, providers=['CPUExecutionProvider'])
    if hi > lo:
        val = C.load_npz_xz(os.path.join(pack, 'val.npz.xz'))
        val = {k: v[lo:hi] for k, v in val.items()}
    else:
        val = {'names': []}
    ts = C.load_npz_xz(os.path.join(pack, 'test_ts.npz.xz')) if do_ts else None
    return C.eval_cases(lambda ct, sp: C.OrtPredict(sess, ct, sp, first_mm), val, ts, log=lambda *x: None,
                        n_clicks=n_clicks, do_ts=do_ts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--onnx', required=True)
    ap.add_argument('--pack', default='.trainpack')
    ap.add_argument('--first-mm', type=float, default=None, help='first-click box edge (mm); default click3d.FIRST_CLICK_SIZE_MM')
    ap.add_argument('--split', default='all', choices=['all', 'ts', 'val'])
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--chunk', type=int, default=3, help='validation patients per task')
    ap.add_argument('--clicks', type=int, default=10)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    import concurrent.futures as cf, multiprocessing as mp
    import click3d as C
    first_mm = C.FIRST_CLICK_SIZE_MM if a.first_mm is None else a.first_mm
    t = time.time()
    tasks = []
    if a.split in ('all', 'ts'):
        tasks.append((a.onnx, a.pack, first_mm, 0, 0, True, a.clicks))
    if a.split in ('all', 'val'):
        nv = len(C.load_npz_xz(os.path.join(a.pack, 'val.npz.xz'))['names'])
        tasks += [(a.onnx, a.pack, first_mm, i, min(i + a.chunk, nv), False, a.clicks) for i in range(0, nv, a.chunk)]
    res = {'openkbp_validation': [], 'ts_labels_ge1000': [], 'ts_large_organs': []}
    with cf.ProcessPoolExecutor(max_workers=a.workers, mp_context=mp.get_context('spawn')) as ex:
        for r in ex.map(_work, tasks):
            for k in res:
                res[k] += r[k]
            print(f'{time.time() - t:.0f}s task done', flush=True)
    s = C.summarize(res)
    json.dump(dict(method=f'click3d-ct model {os.path.basename(a.onnx)} via onnxruntime CPU fp32, first-click box {first_mm:g} mm',
                   first_click_mm=first_mm, summary=s, objects=res, eval_seconds=round(time.time() - t, 1)), open(a.out, 'w'))
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != 'per_name'} for k, v in s.items()}))


if __name__ == '__main__':
    main()
