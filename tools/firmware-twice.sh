#!/usr/bin/env bash
# Runs a nano Exe twice on the nanoCLR firmware for the STM32F405 under QEMU with --icount (1 instruction =
# 1 emulated ns) and proves the run repeats: the lines matching PATTERN must be identical in both runs.
# Sourced by the firmware scripts (footprint-firmware.sh, nanobench-firmware.sh, threadmetric-firmware.sh):
#   fw_twice NAME TIMEOUT PATTERN ENTRY.dll [LIBRARY.dll ...]
# writes out/firmware/NAME.run1.log, NAME.run2.log and NAME.lines (the matching lines of run 1), prints
# those lines and "NAME: both runs identical (N lines)", and returns 1 when a run failed or the runs differ.
# FW_ONCE=1 runs once (no comparison); FW_PE_DIR=DIR keeps run 1's .pe files there. Needs ../shared/tools/qemu-nanoclr (or $QEMU_NANOCLR_RUN).
fw_twice() {
  local name=$1 timeout=$2 pattern=$3; shift 3
  local run=${QEMU_NANOCLR_RUN:-$(pwd)/../shared/tools/qemu-nanoclr/qemu-nanoclr-run}
  [ -x "$run" ] || { echo "$name: qemu-nanoclr-run not found at $run" >&2; return 2; }
  mkdir -p out/firmware
  local runs=2; [ "${FW_ONCE:-0}" = 1 ] && runs=1
  for i in $(seq 1 $runs); do
    local pe=(); [ "$i" -eq 1 ] && [ -n "${FW_PE_DIR:-}" ] && pe=(--pe-dir "$FW_PE_DIR")
    "$run" --timeout "$timeout" --icount "${pe[@]}" "$@" > "out/firmware/$name.run$i.log" 2>&1
    local rc=$?
    tr -d '\r' < "out/firmware/$name.run$i.log" | grep -E "$pattern" > "out/firmware/$name.run$i.lines"
    if [ "$rc" -ne 0 ]; then echo "$name: run $i exited $rc (see out/firmware/$name.run$i.log)" >&2; tail -n 20 "out/firmware/$name.run$i.log" >&2; return 1; fi
  done
  cp "out/firmware/$name.run1.lines" "out/firmware/$name.lines"
  cat "out/firmware/$name.lines"
  if [ "$runs" -eq 2 ]; then
    if ! diff "out/firmware/$name.run1.lines" "out/firmware/$name.run2.lines" >/dev/null; then
      echo "$name: the two runs differ:"; diff "out/firmware/$name.run1.lines" "out/firmware/$name.run2.lines"; return 1
    fi
    echo "$name: both runs identical ($(wc -l < "out/firmware/$name.lines") lines)"
  fi
  return 0
}
