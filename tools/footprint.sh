#!/usr/bin/env bash
# Re-measures the footprint and rewrites docs/FOOTPRINT.md: .pe size per device assembly (Release, the
# MetadataProcessor), the firmware's per-assembly load report, the managed heap per kernel / task / mutex /
# primitive / balloon and the largest configurations, all on the nanoCLR firmware for the STM32F405 under QEMU
# (tools/footprint-firmware.sh: run twice, must repeat exactly), and the string-literal cost.
# Needs ../shared/tools/qemu-nanoclr and ../shared/tools/nanoclr beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tools/FootprintHost -c Release -v q -nologo | tail -n 2
rm -rf out/footprint && mkdir -p out/footprint/pe
FW_PE_DIR="$(pwd)/out/footprint/pe" tools/footprint-firmware.sh
dotnet run --project tools/FootprintHost -c Release --no-build -- out/footprint/pe out/firmware/footprint.run1.log \
  Footprint.Nano/bin/Release/netstandard2.0 docs/FOOTPRINT.md
