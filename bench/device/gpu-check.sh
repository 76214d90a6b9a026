#!/bin/bash
# The GPU check, run in one call on a lent device machine from the repository root, with .device-kit carried
# (made here by `node --import tsx bench/device/make-kit.ts`; see bench/device/README.md):
#   run(command="bash bench/device/gpu-check.sh", carry=[".device-kit"], timeout_s=420)
# Writes under $OUT: machine.txt, doctor.json, click-bench-1.txt, click-bench-2.txt, large.json (the sample's
# liver, spleen, aorta), sm-large.json (the held-out example_ct_sm's large organs) and log.txt.
# GPU_CHECK_LOCAL=1 runs it on this machine instead (no Vulkan loader unpacked into /): a check of the kit.
set -uo pipefail
kit=.device-kit
out=${OUT:-/tmp/gpu-check}
mkdir -p "$out"
exec > >(tee "$out/log.txt") 2>&1
[ -f "$kit/made.txt" ] || { echo "no $kit: build it with node --import tsx bench/device/make-kit.ts and carry it"; exit 2; }
cat "$kit/made.txt"

unxz() { python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; }
# Unpacked inside the repository, so the bundled app finds its root (package.json, native-models, resources).
work="$kit/unpacked"
rm -rf "$work" && mkdir "$work" && cp -r "$kit"/*.mjs "$kit/node_modules" "$work"/
trap 'rm -rf "$work"' EXIT
unxz "$kit/node.xz" "$work/node" && chmod +x "$work/node"
lib="$work/node_modules/onnxruntime-node/bin/napi-v6/linux/x64"
unxz "$lib/libonnxruntime.so.1.xz" "$lib/libonnxruntime.so.1"
node="$work/node"

if [ -z "${GPU_CHECK_LOCAL:-}" ]; then
  # WebGPU (Dawn) needs a Vulkan loader; the NVIDIA driver's ICD lives under /usr/local/nvidia there.
  for f in "$kit"/gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
  icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  [ -f "$icd" ] && export VK_DRIVER_FILES=$icd
fi

{ date -u; uname -a; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1; "$node" -v; nproc; } > "$out/machine.txt"
cat "$out/machine.txt"
"$node" "$work/delineate.mjs" doctor --json > "$out/doctor.json"; echo "doctor: exit $?"
cat "$out/doctor.json"; echo
# Twice: the first run also warms the GPU driver's caches.
for n in 1 2; do "$node" "$work/click-bench.mjs" > "$out/click-bench-$n.txt"; echo "click bench $n: exit $?"; cat "$out/click-bench-$n.txt"; done
S=resources/sample/totalsegmentator
"$node" "$work/delineate.mjs" eval-clicks --model delineate.click3d-ct --image $S/ct --labels $S/labels.nii.gz --label 5,1,52 --clicks 10 --json > "$out/large.json"
echo "eval-clicks sample large: exit $?"
"$node" "$work/delineate.mjs" eval-clicks --model delineate.click3d-ct --image "$kit/data/example_ct_sm.nii.gz" --labels "$kit/data/example_seg.nii.gz" --label 5,1,2,3,10+11,12+13+14,52 --clicks 10 --json > "$out/sm-large.json"
echo "eval-clicks example_ct_sm large: exit $?"
python3 - "$out" <<'PY'
import json, sys
for name in ('large', 'sm-large'):
    try:
        r = json.load(open(f'{sys.argv[1]}/{name}.json'))
    except Exception as e:
        print(name, 'unreadable:', e); continue
    lat = sorted(l for x in r['results'] for l in x['latencyMs'][1:])
    print(name, r['provider'], 'mean Dice', {k: round(v, 3) for k, v in r['meanDiceAt'].items()}, 'per-click p50', round(lat[len(lat) // 2]) if lat else None, 'ms')
PY
