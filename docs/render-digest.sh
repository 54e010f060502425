#!/usr/bin/env bash
# Regenerates docs/images/digest.png: runs the pipeline once on the seeds (seeds/newsalerts.json, the sample feed
# with the seed article) into a temporary folder, then renders the digest's HTML part in headless Chromium
# (Debian package `chromium`: apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  echo "error: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet run --project src/NewsAlerts.Cli -c Release -- run --once --state "$work/state" --outbox "$work/outbox" >/dev/null
html="$(ls "$work"/outbox/*.html | head -n 1)"

# 720 px wide shows the 640 px column with its margin; the height fits the seed digest.
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --force-device-scale-factor=1 --window-size=720,${DIGEST_HEIGHT:-790} \
  --user-data-dir="$work/chromium" --screenshot="$PWD/docs/images/digest.png" "file://$html" 2>/dev/null
echo "wrote docs/images/digest.png from $(basename "$html")"
