/**
 * Type 1 (present, not empty) and Type 2 (present, may be empty) attributes, and Type 3 sequences whose items
 * have requirements of their own, of the RT Structure Set IOD
 * (PS3.3 A.19) and the Segmentation IOD (PS3.3 A.51), module by module, with the sequences' own items.
 * Conditional (1C/2C) attributes are checked by the lint's own rules where their condition is simple.
 */
export interface Requirement {
  readonly tag: string;
  readonly name: string;
  readonly type: 1 | 2 | 3;
  readonly items?: readonly Requirement[];
  /** Added to the IOD recently: files from older writers lack it and readers do not need it, so only warn. */
  readonly recent?: boolean;
}

const r = (tag: string, name: string, type: 1 | 2 | 3, items?: Requirement[]): Requirement => ({ tag, name, type, ...(items ? { items } : {}) });

const patientAndStudy = [
  r('x00100010', 'PatientName', 2),
  r('x00100020', 'PatientID', 2),
  r('x00100030', 'PatientBirthDate', 2),
  r('x00100040', 'PatientSex', 2),
  r('x0020000d', 'StudyInstanceUID', 1),
  r('x00080020', 'StudyDate', 2),
  r('x00080030', 'StudyTime', 2),
  r('x00080090', 'ReferringPhysicianName', 2),
  r('x00200010', 'StudyID', 2),
  r('x00080050', 'AccessionNumber', 2),
  r('x00080070', 'Manufacturer', 2),
  r('x00080016', 'SOPClassUID', 1),
  r('x00080018', 'SOPInstanceUID', 1),
  r('x00080060', 'Modality', 1),
  r('x0020000e', 'SeriesInstanceUID', 1),
  r('x00200011', 'SeriesNumber', 2),
];

const rtstruct = [
  ...patientAndStudy,
  { ...r('x00200052', 'FrameOfReferenceUID', 1), recent: true },
  { ...r('x00201040', 'PositionReferenceIndicator', 2), recent: true },
  { ...r('x00081070', 'OperatorsName', 2), recent: true },
  r('x30060002', 'StructureSetLabel', 1),
  r('x30060008', 'StructureSetDate', 2),
  r('x30060009', 'StructureSetTime', 2),
  r('x30060020', 'StructureSetROISequence', 1, [
    r('x30060022', 'ROINumber', 1),
    r('x30060024', 'ReferencedFrameOfReferenceUID', 1),
    r('x30060026', 'ROIName', 2),
    r('x30060036', 'ROIGenerationAlgorithm', 2),
  ]),
  r('x30060039', 'ROIContourSequence', 1, [
    r('x30060084', 'ReferencedROINumber', 1),
    r('x30060040', 'ContourSequence', 3, [
      r('x30060042', 'ContourGeometricType', 1),
      r('x30060046', 'NumberOfContourPoints', 1),
      r('x30060050', 'ContourData', 1),
    ]),
  ]),
  r('x30060080', 'RTROIObservationsSequence', 1, [
    r('x30060082', 'ObservationNumber', 1),
    r('x30060084', 'ReferencedROINumber', 1),
    r('x300600a4', 'RTROIInterpretedType', 2),
    r('x300600a6', 'ROIInterpreter', 2),
  ]),
];

const code = [r('x00080100', 'CodeValue', 1), r('x00080102', 'CodingSchemeDesignator', 1), r('x00080104', 'CodeMeaning', 1)];

const seg = [
  ...patientAndStudy,
  r('x00200052', 'FrameOfReferenceUID', 1),
  r('x00201040', 'PositionReferenceIndicator', 2),
  r('x00200013', 'InstanceNumber', 1),
  r('x00080008', 'ImageType', 1),
  r('x00080023', 'ContentDate', 1),
  r('x00080033', 'ContentTime', 1),
  r('x00280002', 'SamplesPerPixel', 1),
  r('x00280004', 'PhotometricInterpretation', 1),
  r('x00280008', 'NumberOfFrames', 1),
  r('x00280010', 'Rows', 1),
  r('x00280011', 'Columns', 1),
  r('x00280100', 'BitsAllocated', 1),
  r('x00280101', 'BitsStored', 1),
  r('x00280102', 'HighBit', 1),
  r('x00280103', 'PixelRepresentation', 1),
  r('x00620001', 'SegmentationType', 1),
  r('x00620002', 'SegmentSequence', 1, [
    r('x00620004', 'SegmentNumber', 1),
    r('x00620005', 'SegmentLabel', 1),
    r('x00620008', 'SegmentAlgorithmType', 1),
    r('x00620003', 'SegmentedPropertyCategoryCodeSequence', 1, code),
    r('x0062000f', 'SegmentedPropertyTypeCodeSequence', 1, code),
  ]),
  r('x52009229', 'SharedFunctionalGroupsSequence', 1),
  r('x52009230', 'PerFrameFunctionalGroupsSequence', 1),
  r('x00209221', 'DimensionOrganizationSequence', 1),
  r('x00209222', 'DimensionIndexSequence', 1),
  r('x7fe00010', 'PixelData', 1),
];

export const requiredAttributes = { RTSTRUCT: rtstruct, SEG: seg } as const;
