package runfolder

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/heapfloor"
)

// The run's end-to-end benchmarks: the tournament played and every output
// written (tables, samples.json, charts, report.html, manifest), as
// `winwin run` does. Run them on a quiet machine, one at a time:
//
//	go test ./runfolder/ -run '^$' -bench Classic -benchtime 1x -count 3 -cpu 1,2
//	go test ./runfolder/ -run '^$' -bench Width -benchtime 1x -cpu 2
//
// Besides ns/op they report ns per relationship, the peak of the live
// heap and of the memory the Go runtime holds from the system (sampled
// every 5 ms: a lower bound of the peak resident set), and idle-P-s: the
// seconds per run that a processor of GOMAXPROCS had nothing to run
// (the runtime's /cpu/classes/idle). At -cpu 2 that is the time one core
// waited for the other — a serial tail — and it says so even on a loaded
// machine, where wall times say little.

// BenchmarkClassic runs the default tournament end to end with as many
// workers as -cpu gives.
func BenchmarkClassic(b *testing.B) {
	cfg, err := configs.Default()
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, cfg)
}

// BenchmarkWidth runs tournaments of 24, 48 and 96 entrants (the classic
// strategies, each entered 2, 4 and 8 times) with 10 relationships per
// ordered pair, end to end: memory must grow with the tables (entrants²
// pairs), not with the sampled transcripts, which are bounded.
func BenchmarkWidth(b *testing.B) {
	for _, copies := range []int{2, 4, 8} {
		cfg := wideConfig(b, copies, 10)
		b.Run(fmt.Sprintf("entrants=%d", len(cfg.Strategies)), func(b *testing.B) { benchRun(b, cfg) })
	}
}

// wideConfig returns the classic tournament with each strategy entered
// copies times and rels relationships per ordered pair.
func wideConfig(tb testing.TB, copies, rels int) *configs.Config {
	tb.Helper()
	def, err := configs.Default()
	if err != nil {
		tb.Fatal(err)
	}
	var s strings.Builder
	fmt.Fprintf(&s, "relationships = %d\n", rels)
	for c := range copies {
		for _, e := range def.Strategies {
			fmt.Fprintf(&s, "[[strategies]]\nname = %q\nstrategy = %q\n", fmt.Sprintf("%s-%d", e.Name, c), e.Strategy)
		}
	}
	cfg, err := configs.Parse([]byte(s.String()), "wide.toml")
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// benchRun runs cfg end to end b.N times into temporary folders, on
// GOMAXPROCS workers, and reports ns/relationship and peak memory. Like
// `winwin run`, it holds a 32 MiB heap floor (internal/heapfloor) while
// it runs; the peaks it reports leave the floor's ballast out.
func benchRun(b *testing.B, cfg *configs.Config) {
	cfg.Workers = runtime.GOMAXPROCS(0)
	floor := heapfloor.New(32 << 20)
	defer floor.Release()
	var rels int
	peak := watchMemory()
	idle := []metrics.Sample{{Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(idle)
	idle0 := idle[0].Value.Float64()
	for b.Loop() {
		res, err := Run(context.Background(), Options{Config: cfg, Name: "bench", Base: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		rels += int(res.Manifest.RelationshipsDone)
	}
	metrics.Read(idle)
	heap, sys := peak()
	b.ReportMetric((idle[0].Value.Float64()-idle0)/float64(b.N), "idle-P-s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rels), "ns/relationship")
	b.ReportMetric(float64(heap-uint64(floor.Size()))/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(sys-uint64(floor.Size()))/(1<<20), "peak-sys-MB")
}

// watchMemory samples the live heap (its objects) and the memory the
// runtime holds from the system every 5 ms, without stopping the world,
// until the function it returns is called; that returns the peaks.
func watchMemory() func() (heap, sys uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	var heap, sys uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(samples)
			heap = max(heap, samples[0].Value.Uint64())
			sys = max(sys, samples[1].Value.Uint64())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() (uint64, uint64) {
		close(stop)
		wg.Wait()
		return heap, sys
	}
}
