#!/usr/bin/env bash
# RAM on the part: runs Footprint.Nano (Release) twice on the nanoCLR firmware for the STM32F405 (QEMU,
# --icount) and prints its HEAP / REFUSED / FIT lines (heap bytes per kernel, task, mutex, primitive, balloon;
# the largest configurations); exit 1 when a check failed or the two runs differ. FW_PE_DIR=DIR keeps the
# first run's .pe files. tools/footprint.sh turns the lines into docs/FOOTPRINT.md. About 2 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/firmware-twice.sh
dotnet build Footprint.Nano -c Release -v q -nologo >/dev/null || { echo "footprint-firmware: build failed" >&2; exit 2; }
d=Footprint.Nano/bin/Release/netstandard2.0
fw_twice footprint 600 '^(HEAP|FIT|REFUSED|FAIL|FOOTPRINT)' "$d/FootprintNano.dll" "$d/NfRt.Kernel.Core.dll" "$d/NfRt.Kernel.Board.dll" "$d/NfRt.Kernel.Scheduler.dll" \
  "$d/NfRt.Kernel.Sync.dll" "$d/NfRt.Kernel.Memory.dll" || exit 1
grep -q '^FOOTPRINT DONE' out/firmware/footprint.lines
