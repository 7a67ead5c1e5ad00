// Package words writes the small phrases several packages put in front of
// a reader: counts with their nouns.
package words

import "strconv"

// Count writes n and its noun, plural unless n is 1: "1 deal", "3 deals",
// "0 rounds". The noun takes a plain s.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
