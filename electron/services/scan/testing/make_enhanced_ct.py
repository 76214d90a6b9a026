#!/usr/bin/env python3
"""Test fixture: rewrites a single-frame CT series as one Enhanced CT Image (multi-frame) file.

usage: make_enhanced_ct.py SERIES_DIR OUT.dcm [--shuffle]

Per-frame functional groups carry each frame's ImagePositionPatient; orientation, pixel measures and
rescale live in the shared groups, as scanners write them. --shuffle stores frames out of spatial order,
so a reader must sort by position, not by frame number.
"""
import os
import random
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"

folder, out = sys.argv[1], sys.argv[2]
slices = []
for name in sorted(os.listdir(folder)):
    try:
        ds = pydicom.dcmread(os.path.join(folder, name))
    except Exception:
        continue
    if "PixelData" in ds:
        slices.append(ds)
slices.sort(key=lambda ds: float(ds.ImagePositionPatient[2]))
if "--shuffle" in sys.argv:
    random.Random(3).shuffle(slices)
first = slices[0]

ds = Dataset()
ds.file_meta = FileMetaDataset()
ds.file_meta.MediaStorageSOPClassUID = ENHANCED_CT
ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds.SOPClassUID = ENHANCED_CT
ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
for keyword in ("PatientName", "PatientID", "StudyInstanceUID", "SeriesInstanceUID", "FrameOfReferenceUID", "Modality", "StudyDate"):
    setattr(ds, keyword, getattr(first, keyword, ""))
ds.SeriesDescription = "Enhanced CT fixture"
ds.Rows, ds.Columns = first.Rows, first.Columns
ds.NumberOfFrames = len(slices)
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = "MONOCHROME2"
ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, first.BitsStored, first.HighBit
ds.PixelRepresentation = first.PixelRepresentation

shared = Dataset()
orientation = Dataset()
orientation.ImageOrientationPatient = first.ImageOrientationPatient
measures = Dataset()
measures.PixelSpacing = first.PixelSpacing
measures.SliceThickness = first.SliceThickness
transform = Dataset()
transform.RescaleIntercept = first.RescaleIntercept
transform.RescaleSlope = first.RescaleSlope
transform.RescaleType = "HU"
shared.PlaneOrientationSequence = Sequence([orientation])
shared.PixelMeasuresSequence = Sequence([measures])
shared.PixelValueTransformationSequence = Sequence([transform])
ds.SharedFunctionalGroupsSequence = Sequence([shared])

per_frame = []
for s in slices:
    item = Dataset()
    position = Dataset()
    position.ImagePositionPatient = s.ImagePositionPatient
    item.PlanePositionSequence = Sequence([position])
    per_frame.append(item)
ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
ds.PixelData = np.stack([s.pixel_array for s in slices]).astype(np.uint16 if first.PixelRepresentation == 0 else np.int16).tobytes()
ds.is_little_endian, ds.is_implicit_VR = True, False
pydicom.dcmwrite(out, ds, write_like_original=False)
