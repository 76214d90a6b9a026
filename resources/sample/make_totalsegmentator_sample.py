#!/usr/bin/env python3
"""Builds resources/sample/totalsegmentator from ../shared/data/totalsegmentator (Apache-2.0).

usage: make_totalsegmentator_sample.py SOURCE_DATA_DIR OUT_DIR

The upstream example CT (20 slices, JPEG 2000 lossless) has EMPTY SOPClassUID, SOPInstanceUID,
StudyInstanceUID, SeriesInstanceUID and FrameOfReferenceUID, so no RTSTRUCT or SEG could reference it.
This copy changes only identifiers; pixel data, geometry and every other attribute are untouched:
  - SOPClassUID      <- CT Image Storage (what the File Meta already says)
  - SOPInstanceUID   <- the File Meta's MediaStorageSOPInstanceUID of that file
  - Study/Series/FrameOfReference UIDs <- UIDs derived deterministically from a fixed seed string
  - PatientName/PatientID <- "TotalSegmentator^Example" / "TS-EXAMPLE" where empty
Running it twice gives the same files.
"""
import os
import shutil
import sys

import pydicom
from pydicom.uid import generate_uid

source, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "ct"), exist_ok=True)
study = generate_uid(entropy_srcs=["delineate-sample-totalsegmentator-study"])
series = generate_uid(entropy_srcs=["delineate-sample-totalsegmentator-series"])
frame = generate_uid(entropy_srcs=["delineate-sample-totalsegmentator-frame"])
ct_dir = os.path.join(source, "example_ct_dicom")
for name in sorted(os.listdir(ct_dir)):
    ds = pydicom.dcmread(os.path.join(ct_dir, name))
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.FrameOfReferenceUID = frame
    if not str(ds.get("PatientName", "")):
        ds.PatientName = "TotalSegmentator^Example"
    if not str(ds.get("PatientID", "")):
        ds.PatientID = "TS-EXAMPLE"
    ds.save_as(os.path.join(out, "ct", name))
shutil.copy(os.path.join(source, "example_seg_dicom.nii.gz"), os.path.join(out, "labels.nii.gz"))
shutil.copy(os.path.join(source, "LICENSE"), os.path.join(out, "LICENSE"))
