import { DelineateError } from '../../core/errors.ts';
import { appVersion } from '../services/app-meta.ts';
import { parseArgs } from './args.ts';
import { auditCommand } from './audit-command.ts';
import { runBench } from './bench.ts';
import { buildElectron, buildRenderer } from './build.ts';
import { doctorReport, formatDoctor } from './doctor.ts';
import { convertCommand } from './convert-command.ts';
import { evalClicksCommand } from './eval-clicks-command.ts';
import { modelsCommand } from './models-command.ts';
import { lintCommand } from './lint-command.ts';
import { rtstructCommand } from './rtstruct-command.ts';
import { segCommand } from './seg-command.ts';
import { booleanCommand } from './boolean-command.ts';
import { marginCommand } from './margin-command.ts';
import { metricsCommand } from './metrics-command.ts';
import { scanCommand } from './scan-command.ts';
import { segmentCommand } from './segment-command.ts';
import { start } from './start.ts';
import { worklistCommand } from './worklist-command.ts';

const help = `delineate ${appVersion}: radiotherapy contouring workstation

Usage:
  delineate start [--open <path>] [--port <n>] [--no-browser]
        Start the app on a study (default: the bundled sample CT). Uses the Electron app when its runtime
        is installed, else the browser host on 127.0.0.1 shown in Chromium's app mode. --no-browser only
        prints the address (token included) and keeps serving.
  delineate doctor [--json]
        Node version, Electron runtime, onnxruntime execution providers that load here, Chromium found.
  delineate scan <path> [--json]
        List the image series (with the grid the app builds), RT objects (RTSTRUCT, SEG, RTPLAN, RTDOSE) and
        skipped files under a folder, in a file or a DICOMDIR.
  delineate convert <dicom-path> <out.nii|out.nii.gz> [--series UID]
        Write the volume the app builds from a DICOM series (after any resampling) as NIfTI.
  delineate rtstruct import <rs.dcm> --ref <image-dir> --out-dir DIR [--json] [--force]
  delineate rtstruct export --ref <image-dir> --mask NAME=file.nii.gz [--mask ...] [--type NAME=GTV] --out RS.dcm
        RTSTRUCT to one NIfTI per ROI plus rois.json, or masks (any orientation) to an RTSTRUCT on the image.
        Export options: --colour NAME=r,g,b, --algorithm NAME=MANUAL|SEMIAUTOMATIC|AUTOMATIC,
        --model NAME=description, --label TEXT, --force (never overwrites without it).
  delineate seg import|export ...
        The same for DICOM SEG (binary segments; import also reads fractional and label-map SEGs).
  delineate lint <rtstruct-or-seg.dcm> [--ref <image-dir>] [--json]
        Conformance problems in plain words (exit code 1 on errors); --ref also checks the references.
  delineate margin <in.nii.gz> --mm <mm>|--mm <R,L,A,P,S,I> [--limit <other.nii.gz>] --out <out.nii.gz>
        Grow (positive mm) or shrink (negative) the non-zero voxels of a mask, isotropically or per patient
        direction; --limit keeps only voxels inside another mask (matched in world coordinates).
  delineate boolean <union|intersect|subtract|xor> <a.nii.gz> <b.nii.gz> --out <c.nii.gz> [--resample]
        Combine two masks on one grid (--resample: sample b onto a's grid instead of refusing).
  delineate metrics <a.nii.gz> <b.nii.gz> [--tolerance-mm <mm>] [--json]
        Dice, Hausdorff, HD95, mean surface distance, surface Dice and volumes (docs/METRICS.md).
  delineate eval-clicks --model <id|classic> --image <DICOM folder|NIfTI> --labels <labels.nii.gz>
        [--label 5,1,10+11] [--clicks 10] [--models-dir <folder>] [--json]
        Simulated-user click evaluation: Dice after every click and its latency, per label (all labels
        present when --label is not given; a+b evaluates the union), and the mean Dice at 1, 3, 5, 10 clicks.
  delineate models [--models-dir <folder>] [--check] [--json]
        AI models (bundled and user), rejected ones with why; --check verifies sha256, loads each and
        reports the execution provider it runs on.
  delineate segment --model <auto model id|classic.body|classic.lungs> --image <DICOM folder|NIfTI>
        --out <labels.nii.gz> [--models-dir <folder>] [--json]
        Whole-volume auto-contouring to a label map on the image's grid.
  delineate worklist list|report|export <folder> ...
        A folder of cases (one subfolder each) as the app's worklist keeps it: statuses, time and annotators
        (list [--json]); the CSV report of time, clicks and edits per case and structure (report --out
        report.csv [--force]); every done case as RTSTRUCT, SEG or NIfTI label map (export --format F
        --out-dir DIR [--deidentify] [--force]). Columns and de-identification: docs/WORKSPACE.md.
  delineate audit [--log <audit.jsonl>] [--limit <n>] [--json]
        The latest audit records (default log: ~/.delineate/audit/audit.jsonl or $DELINEATE_DATA_DIR) and
        whether the hash chain is intact (exit code 1 when it is broken).
  delineate build
        Build the renderer (dist/renderer) and the Electron bundles (dist/electron).
  delineate bench <name>
        Run a benchmark from bench/ and print its figures.
  delineate --help | --version
`;

const switches = new Set(['help', 'version', 'json', 'no-browser', 'browser-host', 'resample', 'check']);

async function main(argv: string[]): Promise<number> {
  // Benchmarks take their own options: hand them over unparsed.
  if (argv[0] === 'bench') {
    await runBench(argv.slice(1));
    return 0;
  }
  // RT commands repeat flags (--mask A=a.nii.gz --mask B=b.nii.gz): they parse their own arguments.
  if (argv[0] === 'rtstruct') {
    await rtstructCommand(argv.slice(1));
    return 0;
  }
  if (argv[0] === 'seg') {
    await segCommand(argv.slice(1));
    return 0;
  }
  if (argv[0] === 'worklist') return worklistCommand(argv.slice(1));
  const args = parseArgs(argv, switches);
  const [command] = args.positionals;
  if (args.flags.has('version')) {
    console.log(appVersion);
    return 0;
  }
  if (args.flags.has('help') || command === undefined || command === 'help') {
    console.log(help);
    return command === undefined && !args.flags.has('help') ? 1 : 0;
  }
  switch (command) {
    case 'start':
      await start(args);
      return -1;
    case 'doctor': {
      const report = await doctorReport();
      console.log(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatDoctor(report));
      return 0;
    }
    case 'scan':
      await scanCommand(args);
      return 0;
    case 'convert':
      await convertCommand(args);
      return 0;
    case 'lint':
      return lintCommand(args);
    case 'margin':
      await marginCommand(args);
      return 0;
    case 'boolean':
      await booleanCommand(args);
      return 0;
    case 'metrics':
      await metricsCommand(args);
      return 0;
    case 'eval-clicks':
      await evalClicksCommand(args);
      return 0;
    case 'models':
      await modelsCommand(args);
      return 0;
    case 'segment':
      await segmentCommand(args);
      return 0;
    case 'audit':
      return auditCommand(args);
    case 'build':
      await Promise.all([buildRenderer(), buildElectron()]);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${help}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a long-running command (start) that keeps the process alive by itself.
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof DelineateError ? `delineate: ${error.message}` : error);
    process.exit(error instanceof DelineateError && error.code === 'invalid-input' ? 2 : 1);
  },
);
