#!/usr/bin/env bash
# Micro-benchmarks on the real nanoFramework interpreter (nanoCLR): the rt-mutex fast path against the
# runtime's Monitor, a kernel switch against a bare AutoResetEvent ping-pong. Prints BENCH/RATIO lines.
# Usage: tools/nanobench.sh   (needs ../shared/tools/nanoclr beside the repository, or $NANOCLR_RUN)
set -euo pipefail
cd "$(dirname "$0")/.."
run=${NANOCLR_RUN:-$(pwd)/../shared/tools/nanoclr/nanoclr-run}
dotnet build Benchmarks.Nano -c Release -v q -nologo >/dev/null
d=Benchmarks.Nano/bin/Release/netstandard2.0
"$run" --timeout 600 "$d/NanoBench.dll" "$d/NfRt.Kernel.Core.dll" "$d/NfRt.Kernel.Board.dll" "$d/NfRt.Kernel.Scheduler.dll" "$d/NfRt.Kernel.Sync.dll" "$d/NfRt.Kernel.Memory.dll" | grep -E '^(BENCH|RATIO|NANOBENCH|FAILED)'
