#!/usr/bin/env bash
# The one test command (README, .ci/run): install the test servers, build everything with warnings as errors,
# then run every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real servers the tests start on 127.0.0.1 (Azurite, MailDev), pinned by tests/package-lock.json.
if [ ! -f tests/node_modules/.package-lock.json ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  npm ci --prefix tests --no-audit --no-fund --loglevel=error
fi

# Warnings are errors through Directory.Build.props (not -warnaserror, which would also reach the Worker SDK's
# generated extensions project and fail it on NuGet version-resolution notices we do not control).
dotnet build NewsAlerts.sln -c Release -nologo -clp:ErrorsOnly
dotnet test NewsAlerts.sln -c Release --no-build -nologo
