#!/usr/bin/env bash
# Prints the size of every file in dist/ (raw, gzip -9 and brotli -q 11) as a
# markdown table for BENCHMARKS.md, and fails when the brotli total of the
# html, js, wasm and css files is over the 256 KB budget.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DIST="${1:-dist}"
BUDGET_BYTES=262144

if [ ! -f "$DIST/index.html" ]; then
    echo "size: $DIST/index.html not found; build first with: scripts/build.sh" >&2
    exit 1
fi
for tool in gzip brotli; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "size: '$tool' is not installed (scripts/setup.sh installs it)" >&2
        exit 1
    fi
done

total_raw=0
total_gzip=0
total_brotli=0
budget_brotli=0

echo "| File | Raw (B) | gzip -9 (B) | brotli -q 11 (B) |"
echo "|---|---:|---:|---:|"
while IFS= read -r -d '' file; do
    raw=$(wc -c <"$file")
    gz=$(gzip -9 -c "$file" | wc -c)
    br=$(brotli -q 11 -c "$file" | wc -c)
    echo "| ${file#"$DIST"/} | $raw | $gz | $br |"
    total_raw=$((total_raw + raw))
    total_gzip=$((total_gzip + gz))
    total_brotli=$((total_brotli + br))
    case "$file" in
        *.html | *.js | *.wasm | *.css) budget_brotli=$((budget_brotli + br)) ;;
    esac
done < <(find "$DIST" -type f -print0 | LC_ALL=C sort -z)
echo "| **Total** | **$total_raw** | **$total_gzip** | **$total_brotli** |"
echo
echo "Budget: html + js + wasm + css = $budget_brotli B brotli, limit $BUDGET_BYTES B (256 KB)."

if [ "$budget_brotli" -gt "$BUDGET_BYTES" ]; then
    echo "size: OVER BUDGET by $((budget_brotli - BUDGET_BYTES)) B: html + js + wasm + css weigh $budget_brotli B brotli, the limit is $BUDGET_BYTES B." >&2
    exit 1
fi
