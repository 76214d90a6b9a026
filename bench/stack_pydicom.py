#!/usr/bin/env python3
"""Reference for `npm run bench -- load`: the usual pydicom + numpy way to stack a CT folder into HU.

usage: stack_pydicom.py DIR   (prints seconds and the volume shape)
"""
import os
import sys
import time

import numpy as np
import pydicom

start = time.perf_counter()
folder = sys.argv[1]
slices = [pydicom.dcmread(os.path.join(folder, name)) for name in os.listdir(folder)]
normal = np.cross(np.array(slices[0].ImageOrientationPatient[:3], float), np.array(slices[0].ImageOrientationPatient[3:], float))
slices.sort(key=lambda ds: float(np.dot(normal, np.array(ds.ImagePositionPatient, float))))
volume = np.stack([ds.pixel_array.astype(np.int16) * int(ds.RescaleSlope) + int(ds.RescaleIntercept) for ds in slices])
print(f"{time.perf_counter() - start:.3f} {volume.shape}")
