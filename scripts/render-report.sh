#!/bin/sh
# render-report.sh RUN_DIR OUT.png [WIDTH [HEIGHT]]
#
# Renders RUN_DIR/report.html in a real browser (Debian's chromium,
# headless) to a PNG screenshot, so that a person can look at it (try
# WIDTH 390 for a phone). What a machine can check of the page in a
# browser, CI checks: report/browser_test.go (no sideways scroll at 390 px,
# no console error, every chart loaded, the printed page count).
#
#   winwin run configs/quick.toml --out /tmp/runs
#   scripts/render-report.sh /tmp/runs/<folder> /tmp/report.png
#
# then open /tmp/report.png and check: the header and the findings read
# well, every chart shows (no broken image), the ranking, the strategy
# cards, the pairing matrix and the annotated transcripts are laid out
# without overlaps, and nothing is cut off. The page must also render
# offline: the browser runs without network access to anything but the
# file itself (--disable-background-networking and no proxy), and the
# report has no external assets.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 RUN_DIR OUT.png [WIDTH [HEIGHT]]" >&2
	exit 2
fi
dir=$1
out=$2
width=${3:-1280}
height=${4:-4000}

if [ ! -f "$dir/report.html" ]; then
	echo "$0: $dir/report.html does not exist (winwin report $dir writes it)" >&2
	exit 1
fi
browser=""
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" >/dev/null 2>&1; then
		browser=$b
		break
	fi
done
if [ -z "$browser" ]; then
	echo "$0: no chromium found: apt-get update && apt-get install -y chromium" >&2
	exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
page=$(cd "$dir" && pwd)/report.html
case $out in
/*) ;;
*) out=$(pwd)/$out ;;
esac

# --virtual-time-budget lets the page finish layout before the shot.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--hide-scrollbars --virtual-time-budget=5000 \
	--user-data-dir="$profile" --window-size="$width,$height" \
	--screenshot="$out" "file://$page" >/dev/null 2>&1 || {
	echo "$0: $browser failed to render $page" >&2
	exit 1
}
if [ ! -s "$out" ]; then
	echo "$0: no screenshot written to $out" >&2
	exit 1
fi
echo "$out"
