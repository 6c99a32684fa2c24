#!/usr/bin/env bash
# Runs the GPU bench (bench/gpu/README.md): our WebGPU kernels through Dawn against our CPU backend,
# then the PyTorch peer on the same inputs, then the merged report. On the device machine:
#   bash scripts/device/gpubench-run.sh            (carry .gpubench; results under $OUT)
# Here, proving the pack with SwiftShader and torch on the CPU (results go to /tmp, not bench/):
#   GPUBENCH_PACK=/tmp/copy-of-.gpubench OUT=/tmp/gpubench-smoke bash scripts/device/gpubench-run.sh --smoke --cpu-peer
set -uo pipefail
cd "$(dirname "$0")/../.."
PACK=${GPUBENCH_PACK:-.gpubench}
OUTDIR=${OUT:-/tmp/gpubench-out}
WORK=${GPUBENCH_WORK:-/tmp/gpubench-work}
PY=${PYTHON:-python3}
SMOKE=
PEER=
for a in "$@"; do
  case $a in
    --smoke) SMOKE=--smoke ;;
    --cpu-peer) PEER=--cpu ;;
    *) echo "gpubench-run: unknown argument $a (expected --smoke, --cpu-peer)" >&2; exit 2 ;;
  esac
done
COMMAND="bash scripts/device/gpubench-run.sh${*:+ $*}   (device run: carry [\".gpubench\"], timeout_s ${GPUBENCH_TIMEOUT_S:-420})"
mkdir -p "$OUTDIR" "$WORK"
exec > >(tee -a "$OUTDIR/log.txt") 2>&1
echo "== gpubench $(date -u +%FT%TZ) $(uname -m) pack=$PACK out=$OUTDIR ${SMOKE:-full sizes}"
for f in gpubench.mjs node.xz dawn.node.xz; do
  [ -f "$PACK/$f" ] || { echo "gpubench-run: $PACK/$f is missing: run scripts/device/pack-gpubench.sh and carry .gpubench" >&2; exit 1; }
done

# The Vulkan loader, where the image lacks it (device README: dpkg -x the carried debs into /).
if ! ldconfig -p | grep 'libvulkan.so.1' >/dev/null; then  # grep -q could SIGPIPE ldconfig under pipefail
  if [ "$(id -u)" = 0 ] && ls "$PACK"/gl/*.deb >/dev/null 2>&1; then
    for f in "$PACK"/gl/*.deb; do dpkg -x "$f" /; done
    ldconfig
  else
    echo "gpubench-run: no libvulkan.so.1 and no way to install it (not root or no $PACK/gl/*.deb)"
  fi
fi
# The NVIDIA Vulkan driver, where the loader does not find it by itself.
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
  for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
    if [ -f "$icd" ]; then export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd; break; fi
  done
fi
egl=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
[ -f "$egl" ] && export __EGL_VENDOR_LIBRARY_FILENAMES=$egl
echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-} VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-}"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv

# node and Dawn: xz through Python's lzma (python3 is there; xz-utils may not be).
"$PY" - "$PACK" "$WORK" <<'PYEOF' || exit 1
import lzma, os, shutil, sys
pack, work = sys.argv[1:3]
for name in ('node', 'dawn.node'):
    with lzma.open(os.path.join(pack, name + '.xz')) as src, open(os.path.join(work, name), 'wb') as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    os.chmod(os.path.join(work, name), 0o755)
PYEOF
NODE=$WORK/node
echo "node $("$NODE" --version)"

SLICE=public/examples/data/segmentpy-nmc/100.tif
rm -rf "$WORK/samples"
"$NODE" "$PACK/gpubench.mjs" run $SMOKE --dawn "$WORK/dawn.node" --slice "$SLICE" --out "$OUTDIR/ours.json" --samples "$WORK/samples"
ours=$?
if [ "$ours" != 0 ]; then
  # What Dawn had to work with, for the next try (the device README's hints).
  echo "-- diagnostics: Vulkan loader and NVIDIA libraries"
  ldconfig -p | grep -E 'libvulkan|libGLX_nvidia|libnvidia-gl' || true
  ls -l /usr/local/nvidia/share/vulkan/icd.d /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>&1 || true
  for f in ${VK_DRIVER_FILES:-}; do cat "$f"; done
fi
PYTHONUNBUFFERED=1 "$PY" bench/gpu/peer_gpu.py $SMOKE $PEER --slice "$SLICE" --model public/models/lrcs-nmc.onnx --samples "$WORK/samples" --out "$OUTDIR/peer.json"
peer=$?
"$NODE" "$PACK/gpubench.mjs" report --ours "$OUTDIR/ours.json" --peer "$OUTDIR/peer.json" \
  --md "$OUTDIR/gpu-results.md" --json "$OUTDIR/gpu-results.json" --command "$COMMAND"
report=$?
echo "== gpubench done: bench rc=$ours, peer rc=$peer, report rc=$report"
[ "$ours" = 0 ] && [ "$peer" = 0 ] && [ "$report" = 0 ]
