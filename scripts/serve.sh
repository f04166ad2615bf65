#!/usr/bin/env bash
# README command 1: build Trellis in debug mode and serve it with live reload.
# The debug build goes to target/serve-dist, so the release dist/ used by the
# tests and size figures is never overwritten. PORT overrides the port (8080).

set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
trellis_setup build

PORT="${PORT:-8080}"
ADDRESS="127.0.0.1"

echo
echo "=================================================================="
echo "  Trellis will be served at:  http://${ADDRESS}:${PORT}/"
echo "  (first build takes a minute; the page reloads on every save)"
echo "  Stop with Ctrl+C."
echo "=================================================================="
echo

# dist/ is ignored too: a release build or test run writing there must not
# trigger a rebuild here (target/ is ignored by trunk already). Trunk wants
# every ignored path to exist.
mkdir -p dist
exec trunk serve \
    --address "$ADDRESS" \
    --port "$PORT" \
    --dist target/serve-dist \
    --ignore dist \
    --ignore node_modules \
    --offline
