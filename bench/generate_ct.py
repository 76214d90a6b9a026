#!/usr/bin/env python3
"""Writes a synthetic but standard-conforming CT series for benchmarks (pydicom, uncompressed explicit LE).

usage: generate_ct.py OUT_DIR [--slices 400] [--size 512] [--series 1] [--seed 7]

Each slice is a body-shaped phantom (soft tissue ellipse, lungs, spine, table, noise) in HU, stored as
unsigned 12-bit values with RescaleIntercept -1024, like most scanners write. Slices are written in shuffled
order with file names that do not sort by position, so a loader must sort by ImagePositionPatient.
"""
import argparse
import os
import random

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"


def phantom(size: int, z: float, rng: np.random.Generator) -> np.ndarray:
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size - 0.5
    hu = np.full((size, size), -1000.0, dtype=np.float32)
    body = (x / 0.42) ** 2 + (y / 0.30) ** 2 < 1
    hu[body] = 40
    lung_scale = 0.6 + 0.3 * np.sin(z / 60)
    for side in (-1, 1):
        lung = ((x - side * 0.17) / (0.12 * lung_scale)) ** 2 + ((y + 0.02) / 0.18) ** 2 < 1
        hu[lung] = -850
    spine = (x / 0.04) ** 2 + ((y - 0.2) / 0.04) ** 2 < 1
    hu[spine] = 700
    hu[(y > 0.36) & (y < 0.38) & (np.abs(x) < 0.45)] = 200  # table
    hu += rng.normal(0, 12, size=hu.shape).astype(np.float32)
    return np.clip(hu, -1024, 3071)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--slices", type=int, default=400)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--series", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    study_uid, frame_uid = generate_uid(), generate_uid()
    spacing = 500.0 / args.size
    for series in range(args.series):
        series_uid = generate_uid()
        order = list(range(args.slices))
        random.Random(args.seed + series).shuffle(order)
        for n, k in enumerate(order):
            z = -k * 1.25
            ds = Dataset()
            ds.file_meta = FileMetaDataset()
            ds.file_meta.MediaStorageSOPClassUID = CT_IMAGE_STORAGE
            ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
            ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
            ds.SOPClassUID = CT_IMAGE_STORAGE
            ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
            ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
            ds.Modality = "CT"
            ds.Manufacturer = "Delineate bench"
            ds.KVP = 120
            ds.AcquisitionNumber = 1
            ds.PatientBirthDate = ""
            ds.PatientSex = "O"
            ds.PatientPosition = "HFS"
            ds.AccessionNumber = ""
            ds.ReferringPhysicianName = ""
            ds.StudyID = "1"
            ds.StudyTime = "120000"
            ds.SeriesNumber = series + 1
            ds.PositionReferenceIndicator = ""
            ds.Laterality = ""
            ds.PatientName = "Bench^Phantom"
            ds.PatientID = "BENCH-001"
            ds.StudyInstanceUID = study_uid
            ds.SeriesInstanceUID = series_uid
            ds.FrameOfReferenceUID = frame_uid
            ds.SeriesDescription = f"Bench phantom {series + 1}"
            ds.StudyDate = "20260101"
            ds.InstanceNumber = k + 1
            ds.ImagePositionPatient = [-250.0 + spacing / 2, -250.0 + spacing / 2, z]
            ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
            ds.PixelSpacing = [spacing, spacing]
            ds.SliceThickness = 1.25
            ds.Rows = ds.Columns = args.size
            ds.SamplesPerPixel = 1
            ds.PhotometricInterpretation = "MONOCHROME2"
            ds.BitsAllocated = 16
            ds.BitsStored = 12
            ds.HighBit = 11
            ds.PixelRepresentation = 0
            ds.RescaleIntercept = -1024
            ds.RescaleSlope = 1
            ds.WindowCenter = 40
            ds.WindowWidth = 400
            ds.PixelData = (np.round(phantom(args.size, z, rng)) + 1024).astype(np.uint16).tobytes()
            ds.is_little_endian, ds.is_implicit_VR = True, False
            pydicom.dcmwrite(os.path.join(args.out, f"s{series}_{n:05d}.dcm"), ds, write_like_original=False)


if __name__ == "__main__":
    main()
