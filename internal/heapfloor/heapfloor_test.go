package heapfloor

import (
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

// skipIfSet skips a test whose figures assume the default collector
// settings.
func skipIfSet(t *testing.T) {
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		if _, set := os.LookupEnv(v); set {
			t.Skipf("%s is set: no reserve", v)
		}
	}
}

// cycles returns the number of collections so far.
func cycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

var sink []byte

// churn allocates total bytes of garbage in 1 KiB pieces.
func churn(total int) {
	for range total >> 10 {
		sink = make([]byte, 1<<10)
	}
}

// TestReserveSpacesTheCycles checks what the reserve is for: with a small
// live heap, allocating 256 MiB takes dozens of cycles without one and
// about 256/32 with a 32 MiB reserve.
func TestReserveSpacesTheCycles(t *testing.T) {
	skipIfSet(t)
	runtime.GC()
	c0 := cycles()
	churn(256 << 20)
	without := cycles() - c0

	r := New(32 << 20)
	defer r.Release()
	runtime.GC()
	c0 = cycles()
	churn(256 << 20)
	with := cycles() - c0
	t.Logf("256 MiB of garbage: %d cycles without a reserve, %d with 32 MiB", without, with)
	if with > 12 || with*3 > without {
		t.Errorf("%d cycles with a 32 MiB reserve, %d without: want at most 12 and a third", with, without)
	}
}

// rss returns the process's resident memory in bytes (Linux).
func rss(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm:", err)
	}
	f := strings.Fields(string(b))
	pages, err := strconv.Atoi(f[1])
	if err != nil {
		t.Fatal(err)
	}
	return pages * os.Getpagesize()
}

// TestReserveIsNotResident checks that the ballast costs address space,
// not memory: allocating 256 MiB of it leaves the resident set within a
// few MiB.
func TestReserveIsNotResident(t *testing.T) {
	skipIfSet(t)
	before := rss(t)
	r := New(256 << 20)
	defer r.Release()
	runtime.GC()
	after := rss(t)
	if grew := after - before; grew > 16<<20 {
		t.Errorf("resident memory grew by %d MiB for a 256 MiB reserve; want under 16", grew>>20)
	}
	if r.Size() != 256<<20 {
		t.Errorf("Size = %d", r.Size())
	}
}

func TestNoReserveWhenTheUserSetsTheCollector(t *testing.T) {
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(v, func(t *testing.T) {
			t.Setenv(v, "100")
			if r := New(1 << 20); r != nil || r.Size() != 0 {
				t.Errorf("New with %s set = %v, want nil", v, r)
			}
			var r *Reserve
			r.Release() // a nil Reserve's Release does nothing
		})
	}
}
