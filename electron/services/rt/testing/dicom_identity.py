"""Prints, as JSON, what a de-identification test needs to know about DICOM files, read by pydicom (an
independent reader): the identifying attributes, the de-identification attributes, every UID value at any
depth (with its keyword) and the references that must agree with each other.

usage: dicom_identity.py FILE...
"""
import json
import sys

import pydicom


def text(ds, keyword):
    if keyword not in ds:
        return None
    value = ds.data_element(keyword).value
    return "" if value is None else str(value)


def uids(ds, out):
    for element in ds.iterall():
        if element.VR == "UI" and element.value:
            values = element.value if isinstance(element.value, (list, pydicom.multival.MultiValue)) else [element.value]
            for value in values:
                out.append([element.keyword, str(value)])
    return out


def describe(path):
    ds = pydicom.dcmread(path)
    fields = [
        "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime", "StudyID",
        "AccessionNumber", "ReferringPhysicianName", "StudyDescription", "SeriesDescription", "InstanceCreationDate",
        "StructureSetLabel", "StructureSetDate", "OperatorsName", "ContentCreatorName", "DeviceSerialNumber",
        "PatientIdentityRemoved", "DeidentificationMethod", "LongitudinalTemporalInformationModified",
        "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID",
    ]
    out = {name: text(ds, name) for name in fields}
    out["MediaStorageSOPInstanceUID"] = str(ds.file_meta.MediaStorageSOPInstanceUID)
    codes = ds.get("DeidentificationMethodCodeSequence", [])
    out["DeidentificationCodes"] = [f"{c.CodeValue}:{c.CodingSchemeDesignator}" for c in codes]
    out["ROINames"] = [str(r.ROIName) for r in ds.get("StructureSetROISequence", [])]
    out["ROIFrames"] = [str(r.ReferencedFrameOfReferenceUID) for r in ds.get("StructureSetROISequence", [])]
    out["SegmentLabels"] = [str(s.SegmentLabel) for s in ds.get("SegmentSequence", [])]
    referenced = []
    for frame in ds.get("ReferencedFrameOfReferenceSequence", []):
        for study in frame.get("RTReferencedStudySequence", []):
            referenced.append({"frame": str(frame.FrameOfReferenceUID), "study": str(study.ReferencedSOPInstanceUID),
                               "series": [str(s.SeriesInstanceUID) for s in study.get("RTReferencedSeriesSequence", [])]})
    for series in ds.get("ReferencedSeriesSequence", []):
        referenced.append({"series": [str(series.SeriesInstanceUID)]})
    out["References"] = referenced
    out["UIDs"] = uids(ds, [])
    return out


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
