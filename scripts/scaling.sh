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
#   bash scripts/scaling.sh [PAIRS [WINWIN...]]   (default: 15 pairs of a fresh build)
#
# With several binaries (a before and an after), their pairs take turns,
# so that the machine's slow and fast spells fall on each alike.
# Before each pair it waits (up to two minutes) for a quiet second; it
# plays at most 3 × PAIRS pairs. Linux only (/proc/stat).
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-15}
shift || true
bins=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ((${#bins[@]} == 0)); then
	bins=("$work/winwin")
	go build -o "${bins[0]}" ./cmd/winwin
fi
hz=$(getconf CLK_TCK)

# busy prints the machine's busy clock ticks and all ticks so far.
busy() { awk '/^cpu /{t=0; for(i=2;i<=NF;i++) t+=$i; print t-$5-$6, t}' /proc/stat; }

# run BIN W: one classic run of BIN on W cores; prints "wall own-cpu
# other-cpu".
run() {
	local bin=$1 w=$2 b0 b1
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

declare -A kept
for ((try = 0; try < 3 * pairs; try++)); do
	done_all=1
	for b in "${bins[@]}"; do
		n=$(wc -w <<<"${kept[$b]:-}")
		((n >= pairs)) && continue
		done_all=0
		quiet || true
		read -r w1 c1 o1 < <(run "$b" 1)
		read -r w2 c2 o2 < <(run "$b" 2)
		ratio=$(awk -v a="$w1" -v b="$w2" 'BEGIN{printf "%.3f", a/b}')
		q=$(awk -v a="$o1" -v b="$o2" 'BEGIN{print (a < 0.1 && b < 0.1) ? "quiet" : "noisy"}')
		printf '%s: 1 core %ss (cpu %ss)   2 cores %ss (cpu %ss)   ratio %s   %s\n' "$b" "$w1" "$c1" "$w2" "$c2" "$ratio" "$q"
		if [[ $q == quiet ]]; then
			kept[$b]="${kept[$b]:-} $ratio"
		fi
	done
	((done_all)) && break
done
status=0
for b in "${bins[@]}"; do
	if [[ -z ${kept[$b]:-} ]]; then
		echo "$b: no quiet pair" >&2
		status=1
		continue
	fi
	tr ' ' '\n' <<<"${kept[$b]}" | grep . | sort -n | awk -v b="$b" '{r[NR]=$1} END{m=(NR%2)?r[(NR+1)/2]:(r[NR/2]+r[NR/2+1])/2; printf "%s: median of %d quiet pairs %.3f (min %.3f, max %.3f)\n", b, NR, m, r[1], r[NR]}'
done
exit $status
