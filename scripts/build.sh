#!/usr/bin/env bash
# Builds the release app into dist/ (or the folder given), as it is deployed,
# measured and tested: `trunk build --release` with the standard library
# rebuilt for size (trellis_release in setup.sh).

set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
trellis_setup build

trellis_release trunk build --release --offline --dist "${1:-dist}"
