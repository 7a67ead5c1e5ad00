package heapfloor

import (
	"os"
	"os/exec"
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

// goal returns the heap size at which the next collection starts, after
// a collection now.
func goal() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestReserveRaisesTheGoal checks what the reserve is for: with the
// default GOGC, a 32 MiB ballast counts as live, so the collector's next
// goal is at least 64 MiB (the ballast and as much again, where a small
// live heap alone gives the runtime's minimum, 4 MiB): the rest of the
// heap grows by at least 32 MiB between cycles.
func TestReserveRaisesTheGoal(t *testing.T) {
	skipIfSet(t)
	before := goal()
	r := New(32 << 20)
	defer r.Release()
	with := goal()
	t.Logf("heap goal %d MiB without a reserve, %d MiB with 32 MiB", before>>20, with>>20)
	if with < 62<<20 || with < before+32<<20 {
		t.Errorf("heap goal %d MiB with a 32 MiB reserve, %d MiB without: want at least 64", with>>20, before>>20)
	}
	r.Release()
	if after := goal(); after > before+8<<20 {
		t.Errorf("heap goal %d MiB after Release, %d MiB before the reserve: want it back", after>>20, before>>20)
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
// not memory: allocating 256 MiB of it in a fresh process, as winwin does
// first thing, leaves the resident set within a few MiB. (In this
// process, earlier tests' freed memory could become part of the ballast,
// which the allocator would then zero and so make resident: New's doc
// says to call it early.)
func TestReserveIsNotResident(t *testing.T) {
	skipIfSet(t)
	if raceEnabled {
		t.Skip("the race detector's allocator writes what it allocates")
	}
	if os.Getenv("HEAPFLOOR_FRESH") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReserveIsNotResident$", "-test.v")
		cmd.Env = append(os.Environ(), "HEAPFLOOR_FRESH=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("in a fresh process: %v\n%s", err, out)
		}
		return
	}
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
