#!/usr/bin/env bash
# Thread-Metric on the real nanoFramework interpreter (nanoCLR): builds ThreadMetric.Nano with the
# settings below (nanoCLR's Main takes no arguments: they become build properties) and runs it.
# Prints the reporting thread's lines, one RESULT line per test and "THREADMETRIC DONE p passed, f failed";
# exits 1 when a test failed (an ERROR line, a missing period) or the sentinel is missing.
# Usage: tools/threadmetric-nano.sh [--seconds S] [--periods N] [--test NAME|all]
#        (defaults: 2 s periods, 3 periods, all eight tests; needs ../shared/tools/nanoclr beside the
#        repository, or $NANOCLR_RUN). Remember: on nanoCLR's POSIX host Sleep(1) lasts ~10 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=2 periods=3 test=all
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    --periods) periods=${2:?--periods needs a value}; shift 2 ;;
    --test) test=${2:?--test needs a name}; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "threadmetric-nano: unknown argument $1" >&2; exit 2 ;;
  esac
done
ms=$(awk -v s="$seconds" 'BEGIN { ms = int(s * 1000 + 0.5); if (ms < 1) exit 1; print ms }') ||
  { echo "threadmetric-nano: bad --seconds $seconds" >&2; exit 2; }
[[ "$periods" =~ ^[1-9][0-9]*$ ]] || { echo "threadmetric-nano: bad --periods $periods" >&2; exit 2; }
run=${NANOCLR_RUN:-$(pwd)/../shared/tools/nanoclr/nanoclr-run}
out=ThreadMetric.Nano/bin/script
dotnet build ThreadMetric.Nano -c Release -v q -nologo -o "$out" \
  -p:TmPeriodMs="$ms" -p:TmPeriods="$periods" -p:TmTest="$test" >/dev/null
limit=$(( (ms * periods / 1000 + 10) * 8 + 60 ))
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$run" --timeout "$limit" "$out/ThreadMetricNano.dll" "$out/NfRt.Kernel.Core.dll" "$out/NfRt.Kernel.Board.dll" "$out/NfRt.Kernel.Scheduler.dll" \
  "$out/NfRt.Kernel.Sync.dll" "$out/NfRt.Kernel.Memory.dll" "$out/ThreadMetric.dll" > "$log" 2>&1 || true
tr -d '\r' < "$log" | sed -n '/^Thread-Metric on NfRt/,$p' | grep -v -E '^(Done\.|Exiting\.)$' || cat "$log"
grep -q '^THREADMETRIC DONE [0-9]* passed, 0 failed' "$log"
