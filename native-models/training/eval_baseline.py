#!/usr/bin/env python3
"""Classical baseline on the same simulated-user protocol: click-seeded 3D region growing
(6-connected voxels within +-60 HU of the seed voxel; negative clicks remove their own region).
  /usr/bin/python3 native-models/training/eval_baseline.py --pack .trainpack --out native-models/click3d-ct/eval_baseline_regiongrow.json
"""
import argparse, json, os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import click3d as C

ap = argparse.ArgumentParser()
ap.add_argument('--pack', default='.trainpack')
ap.add_argument('--out', required=True)
ap.add_argument('--max-val', type=int, default=0)
ap.add_argument('--radius-mm', type=float, default=0.0, help='variant: limit each grown region to a ball around its seed')
a = ap.parse_args()
t = time.time()
val = C.load_npz_xz(os.path.join(a.pack, 'val.npz.xz'))
ts = C.load_npz_xz(os.path.join(a.pack, 'test_ts.npz.xz'))
res = C.eval_cases(lambda ct, sp: C.RegionGrow(ct, 60, a.radius_mm, sp), val, ts, max_val=a.max_val or None)
s = C.summarize(res)
json.dump(dict(method='region growing, +-60 HU of seed, 6-connected' + (f', limited to {a.radius_mm} mm of the seed' if a.radius_mm else ''), summary=s, objects=res,
               eval_seconds=round(time.time() - t, 1)), open(a.out, 'w'))
print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != 'per_name'} for k, v in s.items()}, indent=1))
