#!/usr/bin/env bash
# scaling.sh: how much faster the classic run is on two cores than on one,
# end to end (`winwin run`, every output written), measured the only way
# this project's noisy machines allow: in interleaved pairs — one run on
# one core (GOMAXPROCS=1, 1 worker), then one on two (2 workers) — each
# pair's ratio kept only when the rest of the machine stayed quiet
# through both runs (under 0.1 s of other processes' CPU time, read from
# /proc/stat), and the median of the kept ratios reported. Issue 16 asks
# for 1.85; docs/performance.md has the figures and what they rest on.
#
#   bash scripts/scaling.sh [PAIRS [WINWIN]]   (default: 15 pairs of a fresh build)
#
# Before each pair it waits (up to two minutes) for a quiet second; it
# plays at most 3 × PAIRS pairs. Linux only (/proc/stat).
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-15}
bin=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $bin ]]; then
	bin=$work/winwin
	go build -o "$bin" ./cmd/winwin
fi
hz=$(getconf CLK_TCK)

# busy prints the machine's busy clock ticks and all ticks so far.
busy() { awk '/^cpu /{t=0; for(i=2;i<=NF;i++) t+=$i; print t-$5-$6, t}' /proc/stat; }

# run W: one classic run on W cores; prints "wall own-cpu other-cpu".
run() {
	local w=$1 b0 b1 t0 t1
	read -r b0 _ < <(busy)
	/usr/bin/env GOMAXPROCS="$w" bash -c 'TIMEFORMAT="%R %U %S"; time "$0" run --workers "$1" --no-progress --out "$2" >/dev/null 2>&1' \
		"$bin" "$w" "$work/runs" 2>"$work/time"
	read -r b1 _ < <(busy)
	rm -rf "$work/runs"
	awk -v b="$((b1 - b0))" -v hz="$hz" '{own=$2+$3; printf "%.3f %.3f %.3f\n", $1, own, b/hz-own}' "$work/time"
}

# quiet waits up to two minutes for a second in which the machine is
# busy under 5% of one core.
quiet() {
	local b0 b1
	for ((s = 0; s < 120; s++)); do
		read -r b0 _ < <(busy)
		sleep 1
		read -r b1 _ < <(busy)
		if ((b1 - b0 <= hz / 20)); then
			return 0
		fi
	done
	return 1
}

kept=()
for ((try = 0; try < 3 * pairs && ${#kept[@]} < pairs; try++)); do
	quiet || true
	read -r w1 c1 o1 < <(run 1)
	read -r w2 c2 o2 < <(run 2)
	ratio=$(awk -v a="$w1" -v b="$w2" 'BEGIN{printf "%.3f", a/b}')
	quiet=$(awk -v a="$o1" -v b="$o2" 'BEGIN{print (a < 0.1 && b < 0.1) ? "quiet" : "noisy"}')
	printf '1 core %ss (cpu %ss)   2 cores %ss (cpu %ss)   ratio %s   %s\n' "$w1" "$c1" "$w2" "$c2" "$ratio" "$quiet"
	if [[ $quiet == quiet ]]; then
		kept+=("$ratio")
	fi
done
if ((${#kept[@]} == 0)); then
	echo "scaling.sh: no quiet pair in $try attempts" >&2
	exit 1
fi
printf '%s\n' "${kept[@]}" | sort -n | awk '{r[NR]=$1} END{m=(NR%2)?r[(NR+1)/2]:(r[NR/2]+r[NR/2+1])/2; printf "median of %d quiet pairs: %.3f (min %.3f, max %.3f)\n", NR, m, r[1], r[NR]}'
