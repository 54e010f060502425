#!/usr/bin/env bash
# The one test command (README, .ci/run): build everything with warnings as errors, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Warnings are errors through Directory.Build.props (not -warnaserror, which would also reach the Worker SDK's
# generated extensions project and fail it on NuGet version-resolution notices we do not control).
dotnet build NewsAlerts.sln -c Release -nologo -clp:ErrorsOnly
dotnet test NewsAlerts.sln -c Release --no-build -nologo
