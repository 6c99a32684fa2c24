#!/usr/bin/env bash
# Packs what the GPU bench needs on the device machine (x86-64, no node, no npm, no network) into
# .gpubench/ (ignored: /.gpubench/ in .gitignore), to be named in the device run's `carry`:
#   gpubench.mjs      bench/gpu/gpuBench.ts bundled by esbuild (no node_modules needed)
#   dawn.node.xz      the `webgpu` package's linux-x64 Dawn addon, stripped, xz
#   node.xz           this machine's node binary, stripped, xz (unpacked there by python3's lzma)
#   gl/*.deb          the Vulkan/GL loaders, as the device README prescribes (dpkg -x there)
# The inputs (public/examples/data/segmentpy-nmc/100.tif, public/models/lrcs-nmc.onnx) and the
# Python peer are tracked files: they travel with the working tree. Compressing node takes minutes
# the first time; the .xz files are kept while their source's sha256 is unchanged.
# Usage: bash scripts/device/pack-gpubench.sh     (then see bench/gpu/README.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
PACK=.gpubench
LIMIT_MIB=60
mkdir -p "$PACK/gl"

node_modules/.bin/tsx bench/gpu/bundleGpuBench.ts "$PACK/gpubench.mjs"

# Stripped and xz-compressed, redone only when the source changed.
pack_xz() {
  local src=$1 dst=$2 sum
  case "$(file -b "$src")" in
    *x86-64*) ;;
    *) echo "pack-gpubench: $src is not an x86-64 binary (the device machine is x86-64)" >&2; exit 1 ;;
  esac
  sum=$(sha256sum "$src" | cut -d' ' -f1)
  if [ -f "$dst" ] && [ "$(cat "$dst.src-sha256" 2>/dev/null)" = "$sum" ]; then return; fi
  echo "pack-gpubench: compressing $src (xz -9: minutes on a busy machine)…"
  strip -o "$dst.stripped" "$src"
  xz -T0 -9 -c "$dst.stripped" > "$dst.tmp"
  rm "$dst.stripped"
  mv "$dst.tmp" "$dst"
  echo "$sum" > "$dst.src-sha256"
}
pack_xz "$(readlink -f "${NODE_BIN:-$(command -v node)}")" "$PACK/node.xz"
pack_xz node_modules/webgpu/dist/linux-x64/dawn.node "$PACK/dawn.node.xz"

if ! ls "$PACK"/gl/libvulkan1_*.deb >/dev/null 2>&1; then
  echo 'pack-gpubench: downloading the Vulkan/GL loader packages (amd64)…'
  o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  mkdir -p /tmp/amd64/partial
  # shellcheck disable=SC2086
  apt-get $o update -qq
  # shellcheck disable=SC2086
  (cd "$PACK/gl" && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi

pack=$(du -sb "$PACK" | cut -f1)
tree=$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
untracked=$(git ls-files --others --exclude-standard -z | xargs -0 -r du -cb 2>/dev/null | tail -1 | cut -f1)
total=$((pack + tree + ${untracked:-0}))
mib() { echo "$(($1 / 1048576)) MiB"; }
echo "pack-gpubench: $PACK $(mib "$pack") + tracked tree $(mib "$tree") + untracked $(mib "${untracked:-0}") = $(mib "$total") (device limit 64 MiB; ours < $LIMIT_MIB MiB)"
ls -l "$PACK" "$PACK/gl"
if [ "$total" -ge $((LIMIT_MIB * 1048576)) ]; then
  echo "pack-gpubench: too large to travel" >&2
  exit 1
fi
