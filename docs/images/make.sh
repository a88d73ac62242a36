#!/bin/sh
# Remakes the README's pictures from what the app and `assessor demo` show today.
#   interview.png       the interview screen golden (tests/tui/__snapshots__/…/test_interview.svg,
#                       made by tests/tui/test_tui_snapshots.py), drawn by headless Chromium
#   report-cover.png    page 1 of the demo report
#   report-summary.png  the executive summary (page 3) of the demo report
# Needs chromium and pdftoppm (poppler-utils). Run from the repository root: sh docs/images/make.sh
set -eu
out=docs/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --force-device-scale-factor=0.80882 --window-size=1360,929 --screenshot="$out/interview.png" \
  "file://$PWD/tests/tui/__snapshots__/test_tui_snapshots/test_interview.svg" 2>/dev/null
.venv/bin/assessor demo --workspace "$tmp/demo" >/dev/null
pdf=$(ls "$tmp"/demo/exports/*.pdf | head -1)
pdftoppm -png -scale-to-x 497 -scale-to-y -1 -f 1 -l 1 -singlefile "$pdf" "$out/report-cover"
pdftoppm -png -scale-to-x 497 -scale-to-y -1 -f 3 -l 3 -singlefile "$pdf" "$out/report-summary"
echo "made $out/interview.png, report-cover.png, report-summary.png"
