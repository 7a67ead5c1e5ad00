package classroom

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadResult is what a load run measured.
type loadResult struct {
	moves         int
	p50, p99, max time.Duration
	// store50 and store99 are the quantiles of the time a move waited for
	// the database (its append, disk sync included).
	store50, store99 time.Duration
	peakHeapMB       float64
	sysMB            float64
	wall             time.Duration
}

func (l loadResult) String() string {
	return fmt.Sprintf("%d moves in %v: p50 %v, p99 %v, max %v per move (of which the database: p50 %v, p99 %v); peak heap %.0f MB, runtime total %.0f MB",
		l.moves, l.wall.Round(time.Millisecond), l.p50.Round(10*time.Microsecond), l.p99.Round(10*time.Microsecond), l.max.Round(10*time.Microsecond),
		l.store50.Round(10*time.Microsecond), l.store99.Round(10*time.Microsecond), l.peakHeapMB, l.sysMB)
}

// load runs a class of n simulated participants on 127.0.0.1: each joins
// over HTTP, follows its page on the event stream like a browser, and
// answers each turn by the scripted policy after think; half face each
// other, half the strategies, in relationships of up to three deals on
// supply-deal. It stops by itself when every session is over (or after a
// minute, which fails). The latency of a move is its POST's round trip:
// the move stored on disk, handed to the arena, and the session settled
// (a strategy's answer included).
func load(t testing.TB, n int, think time.Duration) loadResult {
	room := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	defer room.Close()
	ts := serve(t, room)
	clients := make([]*client, n)
	for i := range clients {
		clients[i] = newClient(t, ts.URL)
		clients[i].join(fmt.Sprintf("p%02d", i), room.Code())
	}
	if _, err := room.StartRound(RoundSpec{Domain: "supply-deal", Opponents: VsMix,
		Strategies: []string{"hard-anchorer", "integrative", "flincher", "boulware", "tit-for-tat"}, Deals: 3, Deadline: 10}); err != nil {
		t.Fatal(err)
	}
	var (
		mu        sync.Mutex
		stored    []time.Duration
		latencies []time.Duration
		peak      uint64
		wg        sync.WaitGroup
	)
	room.store.took = func(d time.Duration) {
		mu.Lock()
		stored = append(stored, d)
		mu.Unlock()
	}
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stopSampling:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	errs := make(chan error, n)
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.play(think, func(d time.Duration) {
				mu.Lock()
				latencies = append(latencies, d)
				mu.Unlock()
			}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	close(stopSampling)
	<-sampled
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	slices.Sort(latencies)
	slices.Sort(stored)
	q := func(xs []time.Duration, p float64) time.Duration { return xs[min(len(xs)-1, int(p*float64(len(xs))))] }
	return loadResult{moves: len(latencies), p50: q(latencies, 0.50), p99: q(latencies, 0.99), max: latencies[len(latencies)-1],
		store50: q(stored, 0.50), store99: q(stored, 0.99),
		peakHeapMB: float64(peak) / (1 << 20), sysMB: float64(ms.Sys) / (1 << 20), wall: wall}
}

// play follows the participant's event stream and moves by policy until
// its session is over.
func (c *client) play(think time.Duration, took func(time.Duration)) error {
	req, _ := http.NewRequest("GET", c.base+"/api/events", nil)
	hc := *c.hc
	hc.Timeout = time.Minute
	res, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	done := ""
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var v PersonView
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			return err
		}
		if v.Phase == "done" {
			return nil
		}
		if v.Phase != "move" && v.Phase != "continue" {
			continue
		}
		key := fmt.Sprint(v.Phase, v.Session.Period, v.Session.Turn)
		if key == done {
			continue
		}
		done = key
		time.Sleep(think)
		move, ans := policy(v)
		path, body := "/api/move", any(move)
		if ans != nil {
			path, body = "/api/answer", *ans
		}
		t0 := time.Now()
		st := c.post(path, body, nil)
		took(time.Since(t0))
		if st != http.StatusOK {
			return fmt.Errorf("%s %s: status %d", v.Name, path, st)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return fmt.Errorf("the event stream ended before the session")
}

// TestLoad60 plays a class of 60 simulated participants at once over
// HTTP on 127.0.0.1 and reports the latency per move and the memory
// (docs/model.md#classroom has the figures; BenchmarkLoad60 reports them
// as metrics). It checks that everyone finishes without an error; speed
// is the benchmark's business.
func TestLoad60(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test plays 60 participants: skipped with -short")
	}
	r := load(t, 60, 20*time.Millisecond)
	if r.moves < 60*5 {
		t.Errorf("only %d moves", r.moves)
	}
	t.Log(r)
}

// BenchmarkLoad60 reports the load test's figures: targets p99 < 50 ms
// per move, < 200 MB.
func BenchmarkLoad60(b *testing.B) {
	for range b.N {
		r := load(b, 60, 20*time.Millisecond)
		b.ReportMetric(float64(r.p50.Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(r.p99.Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(r.store99.Microseconds())/1000, "store-p99-ms")
		b.ReportMetric(r.peakHeapMB, "peak-heap-MB")
		b.ReportMetric(r.sysMB, "sys-MB")
	}
}
