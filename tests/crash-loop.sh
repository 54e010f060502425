#!/usr/bin/env bash
# The crash loop of issue 11: `newsalerts run --once` (the real process) started again and again while five feed files
# grow, killed with SIGKILL at varied moments (a random time after start, or just after a source was read, after
# ingestion, while matching or writing digests), then run cleanly twice; the outbox is then checked against the feeds.
# Prints each run's kill point and one line: runs, kills, items, expected deliveries, lost, duplicated, leftover files.
# The suite runs the same loop with 12 runs (tests/NewsAlerts.Cli.Tests/Crash/SigkillTests.cs).
#
#   bash tests/crash-loop.sh [runs, default 60] [seed, default random]
#   NEWSALERTS_KILL_LOOP_CLI=/path/to/other/newsalerts.dll bash tests/crash-loop.sh   # the same loop on another build
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-60}
seed=${2:-$RANDOM}
dotnet build tests/NewsAlerts.Cli.Tests -c Release -nologo -clp:ErrorsOnly
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
NEWSALERTS_KILL_LOOP_RUNS=$runs NEWSALERTS_KILL_LOOP_SEED=$seed \
  dotnet test tests/NewsAlerts.Cli.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~Crash.SigkillTests" --logger "console;verbosity=detailed" > "$log" 2>&1 || status=$?
grep -E "^ *(run [0-9]+:|KILL LOOP|Passed!|Failed!|Assert|Expected|Actual|  Failed)" "$log" || cat "$log"
exit $status
