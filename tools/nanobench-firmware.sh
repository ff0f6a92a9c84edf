#!/usr/bin/env bash
# Instruction-exact micro-benchmarks on the nanoCLR firmware for the STM32F405 (QEMU, --icount: 1 emulated
# ns = 1 instruction): Benchmarks.Nano (Release) twice, BENCH/RATIO lines printed and compared. Exit 1 when
# a run failed, a kernel call failed, or the two runs differ. Figures: docs/BENCHMARKS.md. About 3 minutes.
# Usage: tools/nanobench-firmware.sh     (FW_ONCE=1: one run, no comparison)
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/firmware-twice.sh
dotnet build Benchmarks.Nano -c Release -v q -nologo >/dev/null || { echo "nanobench-firmware: build failed" >&2; exit 2; }
d=Benchmarks.Nano/bin/Release/netstandard2.0
fw_twice nanobench 900 '^(BENCH|RATIO|FAILED|NANOBENCH)' "$d/NanoBench.dll" "$d/NfRt.Kernel.Core.dll" "$d/NfRt.Kernel.Board.dll" "$d/NfRt.Kernel.Scheduler.dll" "$d/NfRt.Kernel.Sync.dll" "$d/NfRt.Kernel.Memory.dll" || exit 1
grep -q '^NANOBENCH DONE' out/firmware/nanobench.lines && ! grep -q '^FAILED' out/firmware/nanobench.lines
