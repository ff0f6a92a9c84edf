#!/usr/bin/env bash
# Thread-Metric on the nanoCLR firmware for the STM32F405 (QEMU, --icount: time is instructions, 1 emulated
# second = 10^9 of them): the eight tests through the kernel (ThreadMetric.Nano) and the same eight on plain
# nanoFramework threads (ThreadMetric.Plain), all eight in one run each, every run twice and compared. Prints
# the RESULT/ERROR lines and a side-by-side table (per emulated second, mean of periods 2..N). Exit 1 when a
# kernel test failed, a run failed, or two runs differ (the plain port's failed checks are reported, not fatal:
# it cannot keep strict priorities). Figures: docs/BENCHMARKS.md. About 12 minutes with the defaults.
# Usage: tools/threadmetric-firmware.sh [--seconds S] [--periods N]   (defaults 1 s, 2 periods; FW_ONCE=1: once)
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/firmware-twice.sh
seconds=1 periods=2
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    --periods) periods=${2:?--periods needs a value}; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "threadmetric-firmware: unknown argument $1" >&2; exit 2 ;;
  esac
done
ms=$(awk -v s="$seconds" 'BEGIN { ms = int(s * 1000 + 0.5); if (ms < 1) exit 1; print ms }') ||
  { echo "threadmetric-firmware: bad --seconds $seconds" >&2; exit 2; }
[[ "$periods" =~ ^[1-9][0-9]*$ ]] || { echo "threadmetric-firmware: bad --periods $periods" >&2; exit 2; }
limit=$(( (ms * periods / 1000 + 4) * 8 * 12 + 120 ))
k=ThreadMetric.Nano/bin/firmware p=ThreadMetric.Plain/bin/firmware
dotnet build ThreadMetric.Nano -c Release -v q -nologo -o "$k" -p:TmPeriodMs="$ms" -p:TmPeriods="$periods" -p:TmTest=all >/dev/null &&
  dotnet build ThreadMetric.Plain -c Release -v q -nologo -o "$p" -p:TmPeriodMs="$ms" -p:TmPeriods="$periods" -p:TmTest=all >/dev/null ||
  { echo "threadmetric-firmware: build failed" >&2; exit 2; }
status=0
fw_twice threadmetric-kernel "$limit" '^(RESULT|ERROR|THREADMETRIC)' "$k/ThreadMetricNano.dll" "$k/NfRt.Kernel.Core.dll" "$k/NfRt.Kernel.Board.dll" \
  "$k/NfRt.Kernel.Scheduler.dll" "$k/NfRt.Kernel.Sync.dll" "$k/NfRt.Kernel.Memory.dll" "$k/ThreadMetric.dll" || status=1
grep -q '^THREADMETRIC DONE 8 passed, 0 failed' out/firmware/threadmetric-kernel.lines || status=1
fw_twice threadmetric-plain "$limit" '^(RESULT|ERROR|THREADMETRIC)' "$p/ThreadMetricPlain.dll" || status=1
grep -q '^THREADMETRIC PLAIN DONE' out/firmware/threadmetric-plain.lines || status=1
echo
printf '%-22s %12s %12s %8s\n' test kernel plain kernel/plain
for t in basic cooperative preemptive interrupt interrupt-preemption message synchronization memory; do
  kv=$(grep "^RESULT $t: " out/firmware/threadmetric-kernel.lines | sed -E 's/^RESULT [^:]*: ([0-9]+) per second.*/\1/')
  pv=$(grep "^RESULT $t: " out/firmware/threadmetric-plain.lines | sed -E 's/^RESULT [^:]*: ([0-9]+) per second.*/\1/')
  pe=$(grep "^RESULT $t: " out/firmware/threadmetric-plain.lines | grep -o 'errors [0-9]*' | cut -d' ' -f2)
  r=$(awk -v a="${kv:-0}" -v b="${pv:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  printf '%-22s %12s %12s %8s%s\n' "$t" "${kv:--}" "${pv:--}" "$r" "$([ "${pe:-0}" != 0 ] && echo "   (plain: $pe failed checks)")"
done
exit $status
