#!/usr/bin/env bash
# Builds a brand-new nanoFramework application from the packed NuGet packages alone, as a team would outside
# Visual Studio, and runs it on nanoCLR: the proof that the project file documented in docs/USE-ON-A-BOARD.md
# ("Your own application") works the first time.
#   1. `dotnet pack nfproj.sln -o FEED` (skipped when FEED is given as $1 and already holds the packages);
#   2. a temp folder OUTSIDE the repository with only that project file (checked equal to the document's), a Program.cs using the public API and a
#      nuget.config whose sources are FEED and the NuGet cache's nanoFramework.CoreLibrary (no network), with its
#      own packages folder (nothing from an earlier run or from the repository's build is reused);
#   3. `dotnet build` there, then nanoclr-run on the app and the NfRt libraries it got in bin/.
#   4. the app first tries misuses against the public API (from Main and from a thread of its own) and checks each is
#      refused at once with nothing changed, then runs the README example on the same kernel.
# Prints "fresh app: ok ..." and exits 0 when the app printed the expected lines, else "fresh app FAILED" and 1.
# Needs the .NET SDK and ../shared/tools/nanoclr beside the repository (or $NANOCLR_RUN).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
NANOCLR_RUN=${NANOCLR_RUN:-$repo/../shared/tools/nanoclr/nanoclr-run}
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
version=$(sed -n 's:.*<NfRtVersion[^>]*>\(.*\)</NfRtVersion>.*:\1:p' Directory.Build.props | head -n 1)
fail() { echo "fresh app FAILED: $1"; [ -n "${2:-}" ] && [ -f "$2" ] && tail -n 30 "$2"; exit 1; }
[ -x "$NANOCLR_RUN" ] || fail "nanoCLR not found at $NANOCLR_RUN"
[ -f "$cache/nanoframework.corelibrary/1.17.11/nanoframework.corelibrary.1.17.11.nupkg" ] ||
  fail "nanoFramework.CoreLibrary 1.17.11 is not in the NuGet cache $cache (build the repository first)"

work=$(mktemp -d /tmp/nfrt-fresh-app.XXXXXX)
trap 'rm -rf "$work"' EXIT
feed=${1:-}
if [ -z "$feed" ] || ! ls "$feed"/NfRt.Sdk."$version".nupkg >/dev/null 2>&1; then
  feed=${feed:-$work/feed}
  dotnet pack nfproj.sln -o "$feed" -v q -nologo >"$work/pack.log" 2>&1 || fail "dotnet pack nfproj.sln -o $feed" "$work/pack.log"
fi
feed=$(cd "$feed" && pwd)

app=$work/FreshApp
mkdir -p "$app"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources>
    <clear />
    <add key="nfrt" value="$feed" />
    <add key="nuget-cache" value="$cache" />
  </packageSources>
</configuration>
XML
# The project file exactly as docs/USE-ON-A-BOARD.md prints it (the version is the repository's).
cat >"$app/FreshApp.csproj" <<XML
<Project Sdk="NfRt.Sdk/$version">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="NfRt.Kernel.Sync" Version="$version" />
  </ItemGroup>
</Project>
XML
doc_proj=$(awk '/^### Your own application/ {f = 1} f && /^```xml$/ {p = 1; next} p && /^```$/ {exit} p' docs/USE-ON-A-BOARD.md)
[ "$doc_proj" = "$(cat "$app/FreshApp.csproj")" ] ||
  fail "the project file in docs/USE-ON-A-BOARD.md (\"Your own application\") differs from the one built here:
$doc_proj"
cat >"$app/Program.cs" <<'CS'
using System;
using System.Diagnostics;
using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace FreshApp
{
    // First, misuses an application can make from its own code against the packages' public API (issue 16): each
    // must be answered at once with a status or an exception naming the argument, and change nothing. Then the
    // README's priority-inversion example plus a message queue on the same kernel: high asks for the bus at tick 2
    // and owns it at tick 10 (low's critical section, not medium's 50 ticks); it sends that tick to the reader.
    public static class Program
    {
        private static string Param(ThreadStart call)
        {
            try { call(); return "none"; }
            catch (ArgumentException e) { return e.ParamName; }
        }

        public static void Main()
        {
            SimulatedBoard board = new SimulatedBoard(BoardProfiles.Stm32);
            Scheduler k = new Scheduler(new KernelConfig { PriorityLevels = 32 }, board);
            RtMutex bus = new RtMutex(k, "bus");
            MessageQueue q = new MessageQueue(k, "q", 4, 1);

            // Misuse from the application's main thread (not a task) and from a thread of its own.
            KernelStatus lockFromMain = bus.Lock();
            KernelStatus unlockFromMain = bus.Unlock();
            KernelStatus negative = k.AdvanceTicks(-1);
            KernelStatus foreign = KernelStatus.Ok;
            Thread t = new Thread(() => { foreign = q.Send(new int[] { 1 }, 0); });
            t.Start();
            t.Join();
            string args = Param(() => new MessageQueue(k, "bad", 0, 1)) + "," + Param(() => k.CreateTask("bad", 99, () => { }));
            Debug.WriteLine("MISUSE lock=" + KernelStatusName.Of(lockFromMain) + " unlock=" + KernelStatusName.Of(unlockFromMain)
                + " advance(-1)=" + KernelStatusName.Of(negative) + " foreign-send=" + KernelStatusName.Of(foreign) + " args=" + args
                + " now=" + k.Now + " owner=" + (bus.OwnerTask == null ? "none" : bus.OwnerTask.Name) + " queued=" + q.Count);

            long asked = -1, got = -1;
            int received = -1;
            k.CreateTask("low", 20, () => { bus.Lock(); k.Busy(10); bus.Unlock(); });
            k.CreateTask("medium", 10, () => { k.Sleep(3); k.Busy(50); });
            k.CreateTask("high", 5, () => { k.Sleep(2); asked = k.Now; bus.Lock(); got = k.Now; bus.Unlock(); q.Send(new int[] { (int)got }, -1); });
            k.CreateTask("reader", 4, () => { int[] m = new int[1]; if (q.Receive(m, -1) == KernelStatus.Ok) received = m[0]; });
            KernelStatus run = k.AdvanceTicks(100);
            KernelStatus shutdown = k.Shutdown();
            Debug.WriteLine("FRESH-APP run=" + KernelStatusName.Of(run) + " shutdown=" + KernelStatusName.Of(shutdown)
                + " asked=" + asked + " got=" + got + " received=" + received);
        }
    }
}
CS

# Only the temp folder's nuget.config (no user or machine config) and an empty packages folder.
( cd "$app" && NUGET_PACKAGES="$work/packages" dotnet build -nologo -v q --configfile "$app/nuget.config" >"$work/build.log" 2>&1 ) ||
  fail "dotnet build of the fresh app" "$work/build.log"
# The first build of a new project is clean: no warning either (e.g. NU1701 for the flat lib/ of nanoFramework packages).
if grep -q ': warning ' "$work/build.log"; then fail "the fresh app's build printed warnings" "$work/build.log"; fi
bin=$app/bin/Debug/netstandard2.0
for f in FreshApp.dll NfRt.Kernel.Core.dll NfRt.Kernel.Board.dll NfRt.Kernel.Scheduler.dll NfRt.Kernel.Sync.dll NfRt.Kernel.Sync.pe; do
  [ -f "$bin/$f" ] || fail "bin/ has no $f after the build" "$work/build.log"
done
"$NANOCLR_RUN" --timeout 60 "$bin/FreshApp.dll" "$bin/NfRt.Kernel.Core.dll" "$bin/NfRt.Kernel.Board.dll" \
  "$bin/NfRt.Kernel.Scheduler.dll" "$bin/NfRt.Kernel.Sync.dll" >"$work/run.log" 2>&1
rc=$?
line=$(grep '^FRESH-APP ' "$work/run.log" | tr -d '\r')
want="FRESH-APP run=Ok shutdown=Ok asked=2 got=10 received=10"
[ "$rc" -eq 0 ] && [ "$line" = "$want" ] || fail "on nanoCLR (rc $rc) the app printed '${line:-nothing}', expected '$want'" "$work/run.log"
# The misuses: refused at once (WrongContext for a lock from the main thread and a send from a foreign thread,
# InvalidArgument for the unlock of a free mutex (docs/spec/rtmutex.md §8) and for a
# negative advance, ArgumentException naming the argument) and nothing changed (no tick, no owner, nothing queued).
misuse=$(grep '^MISUSE ' "$work/run.log" | tr -d '\r')
want_misuse="MISUSE lock=WrongContext unlock=InvalidArgument advance(-1)=InvalidArgument foreign-send=WrongContext args=capacity,priority now=0 owner=none queued=0"
[ "$misuse" = "$want_misuse" ] || fail "on nanoCLR the misuses gave '${misuse:-nothing}', expected '$want_misuse'" "$work/run.log"
echo "fresh app: ok (a new project with <Project Sdk=\"NfRt.Sdk/$version\"> and NfRt.Kernel.Sync $version from the packages, built outside the repository, ran on nanoCLR: $misuse; $line)"
