//go:build !race

package heapfloor

const raceEnabled = false
