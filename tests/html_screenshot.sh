#!/usr/bin/env bash
# Renders the html of every report on the samples and, when Debian's chromium is
# installed, screenshots each page headless into OUT_DIR to look at: the check of
# the html in a real browser. Exit 77 (skipped) without chromium.
# usage: tests/html_screenshot.sh BATON_BINARY [OUT_DIR]   (default: a temp dir)
set -euo pipefail
baton=$(realpath "$1")
out=${2:-$(mktemp -d)}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "html_screenshot: chromium is not installed (apt-get install chromium); skipped"
  exit 77
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
cd "$root"
as_of=2024-07-01T00:00:00Z
declare -A pages=(
  [summary]="summary samples/ --period 2024-Q2 --as-of $as_of"
  [funnel]="funnel samples/ --by source --as-of $as_of"
  [cost]="cost samples/ --period 2024-Q1 --as-of $as_of"
  [sla]="sla samples/ --as-of $as_of"
  [check]="check samples/ --as-of $as_of"
)
for name in "${!pages[@]}"; do
  # shellcheck disable=SC2086
  "$baton" ${pages[$name]} --format html -o "$out/$name.html" || [ $? -eq 1 ]
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1300,2400 \
    --screenshot="$out/$name.png" "file://$out/$name.html" >/dev/null 2>&1
  [ -s "$out/$name.png" ] || { echo "html_screenshot: no screenshot of $name" >&2; exit 1; }
done
echo "html_screenshot: pages and screenshots in $out"
