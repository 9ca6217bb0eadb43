#!/usr/bin/env bash
# The html of every report on the samples in a real browser (issue 16): when
# Debian's chromium is installed, each page is
#   * screenshot headless at phone width (375 px) and desktop width (1300 px)
#     into OUT_DIR, to look at;
#   * measured at phone width: the page must be no wider than the screen (only
#     the tables scroll, inside their own box), or the test fails.
# Exit 77 (skipped) without chromium.
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
out=$(realpath "$out")
cd "$root"
as_of=2024-07-01T00:00:00Z
declare -A pages=(
  [summary]="summary samples/ --period 2024-06 --as-of $as_of"
  [funnel]="funnel samples/ --by source --as-of $as_of"
  [cost]="cost samples/ --period 2024-Q1 --as-of $as_of"
  [sla]="sla samples/ --as-of $as_of"
  [check]="check samples/ --as-of $as_of"
)
chrome() { timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }
failed=0
for name in "${!pages[@]}"; do
  # shellcheck disable=SC2086
  "$baton" ${pages[$name]} --format html -o "$out/$name.html" || [ $? -eq 1 ]
  for width in 375 1300; do
    chrome --window-size=$width,6000 --screenshot="$out/$name-$width.png" \
      "file://$out/$name.html" >/dev/null
    [ -s "$out/$name-$width.png" ] || { echo "html_screenshot: no screenshot of $name at $width px" >&2; exit 1; }
  done
  # The page's own width at 375 px, read by a harness page around it (the report
  # itself has no script).
  cat > "$out/$name-measure.html" <<HTML
<!DOCTYPE html><html><body>
<iframe id="page" src="$name.html" style="width:375px;height:800px;border:0"></iframe>
<script>
document.getElementById('page').onload = function () {
  document.body.setAttribute('data-width', this.contentDocument.documentElement.scrollWidth);
};
</script></body></html>
HTML
  width=$(chrome --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom \
    "file://$out/$name-measure.html" | grep -o 'data-width="[0-9]*"' | grep -o '[0-9]*' || true)
  if [ -z "$width" ]; then
    echo "html_screenshot: could not measure $name at 375 px" >&2
    failed=1
  elif [ "$width" -gt 375 ]; then
    echo "html_screenshot: $name is $width px wide on a 375 px phone: something does not wrap" >&2
    failed=1
  else
    echo "html_screenshot: $name fits a 375 px phone ($width px)"
  fi
done
[ "$failed" = 0 ] || exit 1
echo "html_screenshot: pages and screenshots (375 px and 1300 px) in $out"
