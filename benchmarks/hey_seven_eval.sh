#!/usr/bin/env bash
# Link and consensus figures on the hey-seven dev rounds, in both layouts, on freshly prepared worlds (run by hand).
#
#   bash benchmarks/hey_seven_eval.sh [REVIEWKIT] [WORKDIR]
#
# REVIEWKIT defaults to .venv/bin/reviewkit, WORKDIR to a new temporary folder. Each run prepares its worlds anew:
# `status` records reviews/issue-keys.json on its first run, and a recorded key index pins the grouping it saw, so
# a figure measured on a world that was already run says nothing about a change to identity.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rk="${1:-$here/.venv/bin/reviewkit}"
work="${2:-$(mktemp -d)}"
history="$here/../shared/corpus/hey-seven/history"
python3 "$history/prepare.py" "$work/w1" > /dev/null
cp -r "$work/w1" "$work/w2"
cp -r "$work/w2/reviews" "$work/w2/repo/"
git -C "$work/w2/repo" add -f reviews > /dev/null
git -C "$work/w2/repo" -c user.name=eval -c user.email=eval@example.com commit -qm reviews
"$rk" status --repo "$work/w1/repo" --reviews "$work/w1/reviews" --format json > "$work/s1.json" 2> /dev/null
"$rk" status --repo "$work/w2/repo" --reviews "$work/w2/repo/reviews" --format json > "$work/s2.json" 2> /dev/null
cd "$history"
for n in 1 2; do
  label=$([ "$n" = 1 ] && echo "reviews outside the repo" || echo "reviews committed in the repo")
  echo "$label: $(python3 link_eval.py fixgold-dev.json "$work/s$n.json" | tail -1)"
  echo "$label: $(python3 consensus_eval.py consensus-dev.json "$work/s$n.json" | tail -1)"
done
echo "status JSON: $work/s1.json $work/s2.json"
