#!/usr/bin/env bash
# Re-measures the footprint and rewrites docs/FOOTPRINT.md: .pe size per device assembly (Release, the
# MetadataProcessor via nanoclr-run), nanoCLR's per-assembly load report, string-literal cost, the cost of the
# status-name table, and RAM per kernel / task / mutex (measured on .NET: see the page). Needs the nanoCLR tools ($NANOCLR_RUN or
# ../shared/tools/nanoclr beside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
run=${NANOCLR_RUN:-$(pwd)/../shared/tools/nanoclr/nanoclr-run}
[ -x "$run" ] || { echo "footprint: nanoclr-run not found at $run" >&2; exit 2; }
dotnet build DeviceTests -c Release -v q -nologo | tail -n 2
dotnet build tools/FootprintHost -c Release -v q -nologo | tail -n 2
dev=DeviceTests/bin/Release/netstandard2.0
rm -rf out/footprint && mkdir -p out/footprint/pe
# Any Exe referencing all five loads them; the device test suite is one (its run also proves the images work).
"$run" --timeout 400 --pe-dir "$(pwd)/out/footprint/pe" "$dev/DeviceTests.dll" "$dev/Kernel.dll" "$dev/Board.dll" "$dev/Kernel.Scheduler.dll" \
  "$dev/Kernel.Sync.dll" "$dev/Kernel.Memory.dll" "$dev/nanoFramework.TestFramework.dll" > out/footprint/nanoclr.log 2>&1 || true
grep -q '^DEVICE TESTS DONE: ' out/footprint/nanoclr.log || { echo "footprint: the nanoCLR run did not finish" >&2; tail -n 20 out/footprint/nanoclr.log >&2; exit 1; }
# The device-side status-name table (Kernel/KernelStatusName.cs): Kernel built again without it, in a copy of
# the project (same Device.props, same Directory.Build.props above it), converted by the same MetadataProcessor.
var=out/footprint/without-status-names
mkdir -p "$var" && cp Device.props "$var/" && cp -r Kernel "$var/Kernel" && rm -rf "$var/Kernel/bin" "$var/Kernel/obj" "$var/Kernel/KernelStatusName.cs"
dotnet build "$var/Kernel/Kernel.csproj" -c Release -v q -nologo | tail -n 2
corelib=${NANO_CORELIB:-${NUGET_PACKAGES:-$HOME/.nuget/packages}/nanoframework.corelibrary/1.17.11/lib}
dotnet "$(dirname "$run")/mdp/mdp.dll" "$var/Kernel/bin/Release/netstandard2.0/Kernel.dll" "$var/Kernel.pe" --hint mscorlib "$corelib/mscorlib.dll" >/dev/null
dotnet run --project tools/FootprintHost -c Release --no-build -- out/footprint/pe out/footprint/nanoclr.log "$dev" docs/FOOTPRINT.md "$var/Kernel.pe"
