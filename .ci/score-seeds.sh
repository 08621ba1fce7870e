#!/usr/bin/env bash
# The extraction scorecard on the five seed articles, as a gate: ingests ../shared/seeds with the
# shipped config into a throw-away store, exports the timeline and grades it with the shared
# scorer. Exits non-zero when any metric falls short of issue 3's targets.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared"
SEEDS="$SHARED/seeds"
SCORER="$SHARED/eval/score.mjs"
GOLD="$SHARED/eval/seeds.gold.json"
for need in "$SEEDS" "$SCORER" "$GOLD"; do
  if [ ! -e "$need" ]; then
    echo "score-seeds: $need is missing; the scorecard needs the shared/ folder beside the repo (../shared from $ROOT)" >&2
    exit 1
  fi
done

REQUIRE="eventF1>=0.90 fragmentation<=1.2 place>=0.9 date>=0.9 participantsF1>=0.8 status>=0.85 sources>=0.8 falseHeld<=0 peopleRecall>=0.95 peopleCountry>=0.9 peopleRole>=0.85 peopleDuplicates<=0 quoteRecall>=0.85 quoteAttribution>=0.8"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/parley-score-seeds.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
export PARLEY_CONFIG="$ROOT/config"
export PARLEY_DB="$WORK/parley.db"
export PARLEY_LOG_LEVEL="${PARLEY_LOG_LEVEL:-warn}"

echo "score-seeds: ingesting $SEEDS"
npx --no-install parley ingest "$SEEDS"
npx --no-install parley export --json > "$WORK/export.json"
echo "score-seeds: scoring against $GOLD"
node "$SCORER" --gold "$GOLD" --export "$WORK/export.json" --verbose --require "$REQUIRE"

# The real corpus (shipped config and empty people list) and the seeds with an empty people list.
bash "$ROOT/.ci/score-real.sh"
