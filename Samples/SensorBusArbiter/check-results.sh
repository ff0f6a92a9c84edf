#!/usr/bin/env bash
# Checks the RESULT lines of a SensorBusArbiter run: check-results.sh LOG [--exact] [--no-sensor]
# The same rules as UnitTests/Packaging/SampleResults.cs (used by .ci/run on nanoCLR and on the firmware):
#  - the run ended (SAMPLE DONE); per run (rtmutex, plain): at least 4 readings, no faulted task, every device-event sample
#    received, none refused; the logger was boosted with the rt-mutex; the plain lock let the load in (control
#    waited longer than the critical section at least once);
#  - per task and run: at least 4 jobs; a task with a bound: observed response <= bound and observed blocking <=
#    blocking_bound, verdict ok, no deadline miss — or, only without --exact and only on a run whose board delivered
#    ticks late (overshoot or start_late above 0), verdict late-ticks (a miss then counts as late too); a task without a bound (control, plain lock):
#    verdict unbounded (a miss allowed: the analysis says it can miss), and its observed response above the
#    rt-mutex bound of control (the inversion shows); with the rt-mutex control's waits are its blocking, within
#    its blocking_bound like every task's;
#  - --exact (time is exact: the firmware under --icount): no tick late (overshoot=0, start_late=0), every
#    bounded task within its bound;
#  - --no-sensor: the run had no sensor (the host tests' run on the simulated board): no sample fields expected.
# Prints one line, "ok: ..." or "FAILED: ..." with every rule broken; exit status 0 or 1.
set -uo pipefail
log=${1:?usage: check-results.sh LOG [--exact] [--no-sensor]}
exact=0; sensor=1
for a in "${@:2}"; do
  case "$a" in --exact) exact=1 ;; --no-sensor) sensor=0 ;; *) echo "FAILED: unknown option $a"; exit 1 ;; esac
done
[ -f "$log" ] || { echo "FAILED: no log $log"; exit 1; }
grep -q '^SAMPLE DONE' "$log" || { echo "FAILED: the run did not end (no SAMPLE DONE)"; exit 1; }
awk -v exact="$exact" -v sensor="$sensor" '
function field(line, key,   n, i, a, kv) {
  n = split(line, a, " ")
  for (i = 2; i <= n; i++) { split(a[i], kv, "="); if (kv[1] == key) return kv[2] }
  return ""
}
{ sub(/\r$/, "") }
/^RESULT lock=/ { run[field($0, "lock")] = $0 }
/^RESULT task=/ { task[++nt] = $0 }
END {
  bad = ""
  split("rtmutex plain", locks, " ")
  for (j = 1; j <= 2; j++) {
    l = locks[j]; r = run[l]
    if (r == "") { bad = bad " no RESULT line for " l ";"; continue }
    if (field(r, "readings") + 0 < 4) bad = bad " " l ": " field(r, "readings") " readings, at least 4 expected;"
    if (field(r, "fault") != "none") bad = bad " " l ": task " field(r, "fault") " faulted;"
    if (sensor) {
      if (field(r, "samples") + 0 < 1) bad = bad " " l ": the sensor produced no sample;"
      if (field(r, "samples") != field(r, "received")) bad = bad " " l ": " field(r, "samples") " samples raised, " field(r, "received") " received;"
      if (field(r, "refused") != "0") bad = bad " " l ": " field(r, "refused") " raises refused;"
    }
    late[l] = field(r, "overshoot") + 0 > 0 || field(r, "start_late") + 0 > 0
    if (exact && late[l]) bad = bad " " l ": ticks late on an exact board (overshoot " field(r, "overshoot") ", start_late " field(r, "start_late") ");"
  }
  pi = run["rtmutex"]; pl = run["plain"]
  if (field(pi, "boosts") + 0 < 1) bad = bad " the logger was never boosted;"
  if (field(pl, "max_wait") + 0 <= field(pi, "cs") + 0) bad = bad " plain lock: control never waited longer than the critical section " field(pi, "cs") " (at most " field(pl, "max_wait") "): the load never got in;"
  for (i = 1; i <= nt; i++) {
    t = task[i]; if (field(t, "task") == "control" && field(t, "lock") == "rtmutex") controlBound = field(t, "bound")
  }
  checked = 0
  for (i = 1; i <= nt; i++) {
    t = task[i]; name = field(t, "lock") " " field(t, "task"); v = field(t, "verdict"); checked++
    if (field(t, "jobs") + 0 < 4) bad = bad " " name ": " field(t, "jobs") " jobs, at least 4 expected;"
    if (field(t, "bound") != "none" && field(t, "misses") != 0 && (exact || v != "late-ticks")) bad = bad " " name ": " field(t, "misses") " deadline misses;"
    if (field(t, "bound") == "none") {
      if (v != "unbounded") bad = bad " " name ": no bound but verdict " v ";"
      if (field(t, "observed") + 0 <= controlBound + 0) bad = bad " " name ": observed " field(t, "observed") ", not above the rt-mutex bound " controlBound ";"
      continue
    }
    within = field(t, "observed") + 0 <= field(t, "bound") + 0 && field(t, "blocking") + 0 <= field(t, "blocking_bound") + 0
    if (within && v != "ok") bad = bad " " name ": within its bound but verdict " v ";"
    if (!within && (exact || !late[field(t, "lock")] || v != "late-ticks"))
      bad = bad " " name ": observed response " field(t, "observed") " (bound " field(t, "bound") "), blocking " field(t, "blocking") " (bound " field(t, "blocking_bound") "), verdict " v ";"
  }
  if (checked != 6) bad = bad " " checked " task RESULT lines, 6 expected;"
  if (bad != "") { print "FAILED:" bad; exit 1 }
  n = 0; for (i = 1; i <= nt; i++) if (field(task[i], "verdict") == "late-ticks") n++
  print "ok: control waited at most " field(pi, "max_wait") " ticks with the rt-mutex (bound " controlBound "), at least " field(pl, "min_wait") " with a plain lock; every bounded task within its bound" (n ? " except " n " marked late-ticks (ticks delivered late: overshoot " field(pi, "overshoot") "/" field(pl, "overshoot") ")" : "")
}' "$log"
