// Package didyoumean finds the likely intended name for a misspelt one, for
// error messages such as `unknown strategy "boulwar" (did you mean
// "boulware"?)`.
package didyoumean

import "strings"

// Closest returns the candidate closest to s by edit distance, ignoring
// case (a candidate that s begins, when s has at least three letters,
// counts as one edit away: a name cut short), or "" when none is close
// enough to be a likely typo: at most two edits, or a third of s's length
// for longer names, and fewer edits than s has bytes.
func Closest(s string, candidates []string) string {
	best, bestD := "", 0
	ls := strings.ToLower(s)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := Distance(ls, lc)
		if len(s) >= 3 && strings.HasPrefix(lc, ls) {
			d = min(d, 1)
		}
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(s)/3) || bestD >= len(s) {
		return ""
	}
	return best
}

// Distance is the Levenshtein edit distance between a and b, counted in
// runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
