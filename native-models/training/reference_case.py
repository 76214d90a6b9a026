"""Runs click3d.py's reference rule on one case written by a test, so the TypeScript port can be compared.

usage: reference_case.py <folder>
The folder holds volume.f32 (HU, float32, [Z, Y, X] C order), prev.u8 (0/1, same shape), logits.f32
([64, 64, 64] network output for the same input) and case.json {"shape", "spacing", "pos", "neg", "newest"}
(voxel indices z, y, x). Writes input.f32 ([5, 64, 64, 64], make_input) and mask.u8 (paste_back > 0.5).
"""
import json, os, sys
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from click3d import make_input, paste_back  # noqa: E402

folder = sys.argv[1]
case = json.load(open(os.path.join(folder, 'case.json')))
shape = tuple(case['shape'])
ct = np.fromfile(os.path.join(folder, 'volume.f32'), np.float32).reshape(shape)
prev = np.fromfile(os.path.join(folder, 'prev.u8'), np.uint8).reshape(shape).astype(np.float32)
ct_t = torch.as_tensor(ct)[None, None]
prev_t = torch.as_tensor(prev)[None, None]
with torch.no_grad():
    inp, centre, size = make_input(ct_t, prev_t, case['spacing'], case['pos'], case['neg'], case['newest'])
    inp.numpy().astype(np.float32).tofile(os.path.join(folder, 'input.f32'))
    logits = torch.as_tensor(np.fromfile(os.path.join(folder, 'logits.f32'), np.float32).reshape(1, 1, 64, 64, 64))
    mask = paste_back(logits, prev_t, centre, size, case['spacing'])[0, 0].numpy() > 0.5
mask.astype(np.uint8).tofile(os.path.join(folder, 'mask.u8'))
print(json.dumps({'centre': centre.tolist(), 'size': size.tolist()}))
