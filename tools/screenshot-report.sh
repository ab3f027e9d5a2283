#!/usr/bin/env bash
# Renders DIR/report.html (written by `./edgetpu-nas pipeline --out DIR`) in headless Chromium and writes a
# full-page screenshot, by default docs/report-screenshot.png. A check that the report renders offline in a
# real browser; not part of `mvn verify`.
#
#   tools/screenshot-report.sh runs/pipeline                     # -> docs/report-screenshot.png
#   tools/screenshot-report.sh runs/pipeline /tmp/report.png 1280,6000
#
# Needs Debian's chromium (installed with apt-get when missing, which needs root). The report must not load
# anything from the network: Chromium runs with networking features off, and the script fails if the page
# references an http(s) URL in a src or href attribute.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: tools/screenshot-report.sh DIR [OUT.png] [WIDTH,HEIGHT]}"
out="${2:-$root/docs/report-screenshot.png}"
size="${3:-1280,4000}"
report="$(cd "$dir" && pwd)/report.html"
[ -f "$report" ] || { echo "screenshot-report: no report.html in $dir (run ./edgetpu-nas pipeline --out $dir first)" >&2; exit 2; }

if grep -Eqi '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?https?:' "$report"; then
  echo "screenshot-report: $report references an http(s) URL in src/href; the report must be self-contained" >&2
  exit 1
fi

chrome="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chrome" ]; then
  echo "screenshot-report: installing Debian's chromium (apt-get)..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  chrome="$(command -v chromium)"
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$size" --screenshot="$out" "file://$report" >/dev/null 2>"$profile/chromium.log" || {
  cat "$profile/chromium.log" >&2; echo "screenshot-report: chromium failed" >&2; exit 1; }
[ -s "$out" ] || { cat "$profile/chromium.log" >&2; echo "screenshot-report: no screenshot written" >&2; exit 1; }
echo "screenshot-report: wrote $out ($size) from $report"
