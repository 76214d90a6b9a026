#!/usr/bin/python3
"""Independent DICOM image-series reader (pydicom + numpy), the reference the app's import is held to.

It shares no code and no decisions with the app: headers and native pixels through pydicom, every
encapsulated transfer syntax except RLE decoded by GDCM (`gdcmconv --raw`, a C++ codec stack: libjpeg
8/12/16-bit, CharLS, OpenJPEG) into a native copy that pydicom then reads. RLE is decoded by pydicom.

    dicom_reference.py list <path>                      every image series found (JSON on stdout)
    dicom_reference.py read <path> [--series KEY] --out DIR
        DIR/volume.json + DIR/volume.npy (float64, [k][j][i]); KEY is a SeriesInstanceUID or, for
        files whose SeriesInstanceUID is empty, the geometry key printed by `list`.

Geometry convention (LPS, mm), the one `delineate scan --json` uses:
    i = column index, along the row direction  IOP[0:3], spacing PixelSpacing[1]
    j = row index,    along the column direction IOP[3:6], spacing PixelSpacing[0]
    k = slice index,  slices sorted ascending along the normal  n = IOP[0:3] x IOP[3:6]
    origin = ImagePositionPatient of the first sorted slice = centre of voxel (0,0,0)
It never resamples: `slicePositions` lists every slice's IPP, so a tilted stack (IPP moving off the
normal) or irregular gaps are described exactly; `regular` / `tilted` say which case it is. World
position of voxel (i,j,k) = slicePositions[k] + i*dx*row + j*dy*col, whatever the case.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.uid import RLELossless

NATIVE_OR_RLE = {'1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99', RLELossless}
NON_IMAGE_MODALITIES = {'SEG', 'RTSTRUCT', 'RTPLAN', 'RTDOSE', 'RTRECORD', 'SR', 'KO', 'PR', 'ANN', 'REG'}
DICOMDIR_CLASS = '1.2.840.10008.1.3.10'
# Gaps that differ by more than this (mm) make a stack irregular; IPP off the normal by more than this, tilted.
POSITION_TOLERANCE_MM = 0.01


def _floats(value) -> list[float]:
    return [float(v) for v in value]


def _seq_item(ds, *names):
    """First item of a nested functional-group sequence path, or None."""
    cur = ds
    for name in names:
        seq = cur.get(name)
        if seq is None or len(seq) == 0:
            return None
        cur = seq[0]
    return cur


def _frame_attrs(ds, frame: int) -> dict:
    """IOP, IPP, PixelSpacing, thickness, rescale for one frame: top level (single-frame) or functional groups."""
    out = {
        'iop': ds.get('ImageOrientationPatient'),
        'ipp': ds.get('ImagePositionPatient'),
        'pixelSpacing': ds.get('PixelSpacing'),
        'thickness': ds.get('SliceThickness'),
        'slope': ds.get('RescaleSlope'),
        'intercept': ds.get('RescaleIntercept'),
    }
    shared = _seq_item(ds, 'SharedFunctionalGroupsSequence')
    per_frame_seq = ds.get('PerFrameFunctionalGroupsSequence')
    per_frame = per_frame_seq[frame] if per_frame_seq is not None and len(per_frame_seq) > frame else None
    for groups in (shared, per_frame):  # per-frame wins over shared
        if groups is None:
            continue
        orient = _seq_item(groups, 'PlaneOrientationSequence')
        if orient is not None and 'ImageOrientationPatient' in orient:
            out['iop'] = orient.ImageOrientationPatient
        pos = _seq_item(groups, 'PlanePositionSequence')
        if pos is not None and 'ImagePositionPatient' in pos:
            out['ipp'] = pos.ImagePositionPatient
        meas = _seq_item(groups, 'PixelMeasuresSequence')
        if meas is not None:
            if 'PixelSpacing' in meas:
                out['pixelSpacing'] = meas.PixelSpacing
            if 'SliceThickness' in meas:
                out['thickness'] = meas.SliceThickness
        pvt = _seq_item(groups, 'PixelValueTransformationSequence')
        if pvt is not None:
            if 'RescaleSlope' in pvt:
                out['slope'] = pvt.RescaleSlope
            if 'RescaleIntercept' in pvt:
                out['intercept'] = pvt.RescaleIntercept
    return out


def _is_candidate(ds) -> tuple[bool, str]:
    if str(getattr(getattr(ds, 'file_meta', None), 'MediaStorageSOPClassUID', '')) == DICOMDIR_CLASS or 'DirectoryRecordSequence' in ds:
        return False, 'DICOMDIR'
    if 'PixelData' not in ds and 'FloatPixelData' not in ds:
        return False, 'no pixel data'
    modality = str(ds.get('Modality', ''))
    if modality in NON_IMAGE_MODALITIES:
        return False, f'{modality} is not an image series'
    pi = str(ds.get('PhotometricInterpretation', ''))
    if pi not in ('MONOCHROME1', 'MONOCHROME2'):
        return False, f'{pi or "no"} photometric interpretation (only monochrome volumes)'
    f0 = _frame_attrs(ds, 0)
    if f0['iop'] is None or f0['ipp'] is None or f0['pixelSpacing'] is None:
        return False, 'no patient geometry (IOP/IPP/PixelSpacing)'
    return True, ''


def _list_files(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    files = []
    for root, dirs, names in os.walk(path):
        dirs.sort()
        files += [os.path.join(root, n) for n in sorted(names)]
    return files


def _geometry_key(ds, f0) -> str:
    """Stand-in series key for files whose SeriesInstanceUID is empty: same study/FoR, orientation, matrix, pixel size."""
    parts = [str(ds.get('StudyInstanceUID', '')), str(ds.get('FrameOfReferenceUID', '')), str(ds.get('Modality', '')),
             ','.join(f'{v:.4f}' for v in _floats(f0['iop'])), f'{ds.Rows}x{ds.Columns}',
             ','.join(f'{v:.5f}' for v in _floats(f0['pixelSpacing']))]
    return 'geometry:' + hashlib.sha1('|'.join(parts).encode()).hexdigest()[:16]


def scan(path: str) -> tuple[dict[str, list[dict]], list[dict]]:
    """Group every monochrome image slice (a frame of a multi-frame file counts as one) by series."""
    groups: dict[str, list[dict]] = {}
    skipped = []
    for f in _list_files(path):
        try:
            ds = pydicom.dcmread(f, stop_before_pixels=False, force=True, defer_size='1 KB')
        except Exception as e:  # noqa: BLE001 - anything unreadable is simply not an image
            skipped.append({'path': f, 'reason': f'not DICOM: {e}'})
            continue
        ok, why = _is_candidate(ds)
        if not ok:
            skipped.append({'path': f, 'reason': why})
            continue
        frames = int(ds.get('NumberOfFrames', 1) or 1)
        uid = str(ds.get('SeriesInstanceUID', '')).strip()
        for frame in range(frames):
            fa = _frame_attrs(ds, frame)
            key = uid or _geometry_key(ds, fa)
            groups.setdefault(key, []).append({'path': f, 'frame': frame, 'frames': frames, 'ds': ds, **fa})
    return groups, skipped


JPEG_FAMILY = {'1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.53', '1.2.840.10008.1.2.4.55',
               '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70'}
JPEG_LS = {'1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81'}
# Second opinion for the cross-check: the same file through another codec stack.
#   dcmtk:   dcmdjpeg (IJG 8/12/16-bit), dcmdjpls (CharLS fork), dcmdrle; no JPEG 2000
#   pydicom: pydicom's own handlers (Pillow = libjpeg-turbo / OpenJPEG, numpy RLE); 8-bit JPEG and J2K only
DECODER = os.environ.get('DICOM_REFERENCE_DECODER', 'gdcm')


def _decode(path: str, tmp: str) -> tuple[np.ndarray, str, object]:
    """All frames of one file as an array [frame][row][col] of stored values, the decoder used, the dataset."""
    ds = pydicom.dcmread(path, force=True)
    ts = str(ds.file_meta.TransferSyntaxUID)
    decoder = 'pydicom'
    if ts not in NATIVE_OR_RLE and DECODER == 'dcmtk':
        tool = 'dcmdjpeg' if ts in JPEG_FAMILY else 'dcmdjpls' if ts in JPEG_LS else None
        if tool is None:
            raise SystemExit(f'dcmtk cannot decode transfer syntax {ts} ({path})')
        out = os.path.join(tmp, hashlib.sha1(path.encode()).hexdigest() + '.dcmtk.dcm')
        r = subprocess.run([tool, path, out], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f'{tool} failed on {path}: {r.stderr.strip()}')
        ds = pydicom.dcmread(out, force=True)
        decoder = tool
    elif ts not in NATIVE_OR_RLE and DECODER == 'pydicom':
        decoder = 'pydicom-pillow'
    elif ts not in NATIVE_OR_RLE:
        name = hashlib.sha1(path.encode()).hexdigest()
        src = path
        empty = [k for k in ('SOPInstanceUID', 'SeriesInstanceUID', 'StudyInstanceUID') if not str(ds.get(k, '')).strip()]
        if empty:
            # GDCM refuses to write a file with an empty UID (totalsegmentator/example_ct_dicom): give the copy
            # dummy UIDs. Only those header fields change; the encapsulated pixel data is copied byte for byte.
            for k in empty:
                setattr(ds, k, '2.25.' + str(int(hashlib.sha1((path + k).encode()).hexdigest()[:30], 16)))
            if not str(ds.get('SOPClassUID', '')).strip():
                ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
            src = os.path.join(tmp, name + '.uids.dcm')
            ds.save_as(src, write_like_original=True)
        out = os.path.join(tmp, name + '.dcm')
        r = subprocess.run(['gdcmconv', '--raw', src, out], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f'gdcmconv --raw failed on {path}: {r.stderr.strip()}')
        ds = pydicom.dcmread(out, force=True)
        decoder = 'gdcm'
    elif ts == RLELossless:
        decoder = 'pydicom-rle'
    arr = ds.pixel_array
    frames = int(ds.get('NumberOfFrames', 1) or 1)
    if frames == 1:
        arr = arr[np.newaxis]
    # Bits above BitsStored are not pixel data (PS3.5 8.1.1); pydicom leaves them, so mask / sign-extend here.
    bits_stored = int(ds.BitsStored)
    bits_alloc = int(ds.BitsAllocated)
    if bits_stored < bits_alloc:
        raw = arr.astype(np.int64)
        masked = raw & ((1 << bits_stored) - 1)
        if int(ds.PixelRepresentation) == 1:
            sign = 1 << (bits_stored - 1)
            masked = np.where(masked & sign, masked - (1 << bits_stored), masked)
        if not np.array_equal(masked, raw):
            decoder += '+masked-high-bits'
        arr = masked
    return arr, decoder, ds


def build(path: str, key: str | None, out_dir: str | None = None) -> dict:
    groups, _ = scan(path)
    if not groups:
        raise SystemExit(f'no image series in {path}')
    if key is None:
        if len(groups) != 1:
            raise SystemExit(f'{len(groups)} series in {path}; pass --series one of {sorted(groups)}')
        key = next(iter(groups))
    if key not in groups:
        raise SystemExit(f'series {key} not in {path}; found {sorted(groups)}')
    items = groups[key]
    iop = np.array(_floats(items[0]['iop']))
    row, col = iop[:3], iop[3:]
    row /= np.linalg.norm(row)
    col /= np.linalg.norm(col)
    normal = np.cross(row, col)
    normal /= np.linalg.norm(normal)
    for it in items:
        if np.max(np.abs(np.array(_floats(it['iop'])) - iop)) > 1e-4:
            raise SystemExit(f'{it["path"]}: orientation differs inside the series')
    ps = _floats(items[0]['pixelSpacing'])  # [row spacing (between rows, along col), column spacing (along row)]
    dx, dy = ps[1], ps[0]
    for it in items:
        it['ippv'] = np.array(_floats(it['ipp']))
        it['offset'] = float(it['ippv'] @ normal)
    items.sort(key=lambda it: it['offset'])
    offsets = np.array([it['offset'] for it in items])
    gaps = np.diff(offsets)
    if len(gaps) and gaps.min() < POSITION_TOLERANCE_MM:
        raise SystemExit(f'duplicate slice positions in {key}')
    positions = np.array([it['ippv'] for it in items])
    rel = positions - positions[0]
    in_plane_shift = rel - np.outer(rel @ normal, normal)
    tilted = bool(np.max(np.linalg.norm(in_plane_shift, axis=1)) > POSITION_TOLERANCE_MM) if len(items) > 1 else False
    regular = bool(len(gaps) == 0 or np.max(np.abs(gaps - gaps.mean())) <= POSITION_TOLERANCE_MM)
    rows, cols = int(items[0]['ds'].Rows), int(items[0]['ds'].Columns)

    vol = np.zeros((len(items), rows, cols), dtype=np.float64)
    # PixelPaddingValue (+ PixelPaddingRangeLimit) marks pixels outside the reconstructed field: no data.
    # Readers differ on what to show there (pydicom and dcm2niix keep the stored value; the app writes air),
    # so the padded voxels are recorded and compared on their own.
    pad_value = items[0]['ds'].get('PixelPaddingValue')
    pad_limit = items[0]['ds'].get('PixelPaddingRangeLimit')
    pad = np.zeros(vol.shape, dtype=bool)
    decoders = set()
    cache: dict[str, np.ndarray] = {}
    with tempfile.TemporaryDirectory(prefix='dicomref-') as tmp:
        for k, it in enumerate(items):
            if it['path'] not in cache:
                cache.clear()  # a file's frames are contiguous in most stacks; keep memory to one file
                arr, dec, _ = _decode(it['path'], tmp)
                cache[it['path']] = arr
                decoders.add(dec)
            frame = cache[it['path']][it['frame']]
            if frame.shape != (rows, cols):
                raise SystemExit(f'{it["path"]}: {frame.shape} differs from {rows}x{cols}')
            slope = float(it['slope']) if it['slope'] not in (None, '') else 1.0
            intercept = float(it['intercept']) if it['intercept'] not in (None, '') else 0.0
            if isinstance(pad_value, int):
                lo, hi = sorted((pad_value, pad_limit if isinstance(pad_limit, int) else pad_value))
                pad[k] = (frame >= lo) & (frame <= hi)
            vol[k] = frame.astype(np.float64) * slope + intercept

    ds0 = items[0]['ds']
    if len(items) > 1:
        stack = positions[-1] - positions[0]
        stack_dir = stack / np.linalg.norm(stack)
    else:
        stack_dir = normal
    thickness = items[0]['thickness']
    spacing_k = float(gaps.mean()) if len(gaps) else (float(thickness) if thickness not in (None, '') else None)
    result = {
        'reader': 'pydicom ' + pydicom.__version__ + ' (' + ', '.join(sorted(decoders)) + ')',
        'path': os.path.abspath(path),
        'key': key,
        'seriesInstanceUid': str(ds0.get('SeriesInstanceUID', '')),
        'studyInstanceUid': str(ds0.get('StudyInstanceUID', '')),
        'frameOfReferenceUid': str(ds0.get('FrameOfReferenceUID', '')),
        'patientId': str(ds0.get('PatientID', '')),
        'modality': str(ds0.get('Modality', '')),
        'rows': rows, 'columns': cols, 'slices': len(items),
        'files': len({it['path'] for it in items}),
        'pixelSpacing': [dx, dy],
        'spacing': [dx, dy, spacing_k],
        'origin': positions[0].tolist(),
        'direction': [*row.tolist(), *col.tolist(), *normal.tolist()],
        'stackDirection': stack_dir.tolist(),
        'slicePositions': positions.tolist(),
        'sliceOffsets': offsets.tolist(),
        'gaps': gaps.tolist(),
        'regular': regular,
        'tilted': tilted,
        'tiltDegrees': float(np.degrees(np.arccos(min(1.0, abs(float(stack_dir @ normal)))))),
        'sliceThickness': float(thickness) if thickness not in (None, '') else None,
        'sliceFiles': [[os.path.abspath(it['path']), it['frame']] for it in items],
        'valueRange': [float(vol.min()), float(vol.max())],
        'integerValues': bool(np.all(vol == np.round(vol))),
    }
    result['pixelPaddingValue'] = pad_value if isinstance(pad_value, int) else None
    result['paddedVoxels'] = int(pad.sum())
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        if pad.any():
            np.save(os.path.join(out_dir, 'padding.npy'), pad)
            result['paddingNpy'] = os.path.join(os.path.abspath(out_dir), 'padding.npy')
        np.save(os.path.join(out_dir, 'volume.npy'), vol)
        result['npy'] = os.path.join(os.path.abspath(out_dir), 'volume.npy')
        with open(os.path.join(out_dir, 'volume.json'), 'w') as fh:
            json.dump(result, fh, indent=1)
    return result


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    lp = sub.add_parser('list')
    lp.add_argument('path')
    rp = sub.add_parser('read')
    rp.add_argument('path')
    rp.add_argument('--series')
    rp.add_argument('--out', required=True)
    a = ap.parse_args(argv)
    if shutil.which('gdcmconv') is None:
        raise SystemExit('gdcmconv not found (apt-get install libgdcm-tools)')
    if a.cmd == 'list':
        groups, skipped = scan(a.path)
        print(json.dumps({'series': [{'key': k, 'seriesInstanceUid': str(v[0]['ds'].get('SeriesInstanceUID', '')),
                                      'slices': len(v), 'files': len({i['path'] for i in v})} for k, v in groups.items()],
                          'skipped': skipped}, indent=1))
    else:
        r = build(a.path, a.series, a.out)
        print(json.dumps({k: v for k, v in r.items() if k not in ('slicePositions', 'sliceFiles', 'sliceOffsets')}))


if __name__ == '__main__':
    main(sys.argv[1:])
