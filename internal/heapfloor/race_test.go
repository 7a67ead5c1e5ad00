//go:build race

package heapfloor

// raceEnabled: the race detector's allocator touches what it allocates.
const raceEnabled = true
