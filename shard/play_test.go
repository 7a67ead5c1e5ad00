package shard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// tally is a toy job's state: the tasks it holds.
type tally struct{ tasks []int }

func (s *tally) Write(w io.Writer) error {
	for _, k := range s.tasks {
		if _, err := fmt.Fprintln(w, k); err != nil {
			return err
		}
	}
	return nil
}

func (s *tally) Merge(o State) error {
	s.tasks = append(s.tasks, o.(*tally).tasks...)
	slices.Sort(s.tasks)
	return nil
}

// countJob is a Job of n tasks whose state lists the tasks played; it
// records the stretches Prefix saw, and plays no task at or after stop.
type countJob struct {
	n, stop  int
	cancel   context.CancelFunc // called at stop
	prefixes []Range
	held     [][]int // the tasks the state held at each Prefix
}

func (j *countJob) Tasks() int { return j.n }

func (j *countJob) Play(ctx context.Context, r Range, progress func(int)) (State, error) {
	s := &tally{}
	for k := r.Lo; k < r.Hi; k++ {
		if k >= j.stop {
			j.cancel()
			return s, ctx.Err()
		}
		s.tasks = append(s.tasks, k)
	}
	return s, nil
}

func (j *countJob) Empty() State { return &tally{} }

func (j *countJob) Read(r io.Reader) (State, error) {
	var s tally
	for {
		var k int
		if _, err := fmt.Fscan(r, &k); err != nil {
			break
		}
		s.tasks = append(s.tasks, k)
	}
	return &s, nil
}

func (j *countJob) Prefix(st State, done Range) {
	j.prefixes = append(j.prefixes, done)
	j.held = append(j.held, slices.Clone(st.(*tally).tasks))
}

// Play merges slices in the order of the task list while the next one
// plays: a Watcher sees the stretch it holds whole grow from the range's
// start to its end, and the state then holds at least that stretch —
// also when a resume finds slices done, and in a shard's range.
func TestPlayWatcherSeesThePrefixGrow(t *testing.T) {
	for _, tc := range []struct {
		name   string
		r      Range
		done   []Range // slices found done
		size   int
		ends   []int // the ends of the stretches Prefix sees
		resume bool
	}{
		{name: "fresh", r: Range{0, 10}, size: 3, ends: []int{3, 6, 9, 10}},
		{name: "a shard", r: Range{10, 17}, size: 4, ends: []int{14, 17}},
		{name: "resumed", r: Range{0, 10}, size: 3, done: []Range{{0, 3}, {6, 9}}, ends: []int{3, 9, 10}},
		{name: "resumed from a gap", r: Range{0, 10}, size: 3, done: []Range{{3, 6}}, ends: []int{6, 9, 10}},
		{name: "all done", r: Range{0, 4}, size: 3, done: []Range{{0, 4}}, ends: []int{4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			job := &countJob{n: 20, stop: 20}
			for _, d := range tc.done {
				st, _ := job.Play(context.Background(), d, nil)
				if err := os.MkdirAll(filepath.Join(dir, SlicesDir), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := writeSlice(dir, d, st); err != nil {
					t.Fatal(err)
				}
			}
			st, err := Play(context.Background(), job, dir, tc.r, tc.size, nil)
			if err != nil {
				t.Fatal(err)
			}
			var ends []int
			for i, p := range job.prefixes {
				if p.Lo != tc.r.Lo {
					t.Errorf("Prefix %d starts at %d, not at the range's start %d", i, p.Lo, tc.r.Lo)
				}
				ends = append(ends, p.Hi)
				for k := p.Lo; k < p.Hi; k++ {
					if !slices.Contains(job.held[i], k) {
						t.Errorf("Prefix %v: the state lacks task %d", p, k)
					}
				}
			}
			if !slices.Equal(ends, tc.ends) {
				t.Errorf("Prefix saw stretches ending at %v, want %v", ends, tc.ends)
			}
			want := []int{}
			for k := tc.r.Lo; k < tc.r.Hi; k++ {
				want = append(want, k)
			}
			if got := st.(*tally).tasks; !slices.Equal(got, want) {
				t.Errorf("state holds %v, want %v", got, want)
			}
			slices, err := Done(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := tiles(tc.r, slices); err != nil {
				t.Errorf("the folder's slices: %v", err)
			}
		})
	}
}

// A run interrupted while a slice plays keeps every slice played before
// it written (the writer finishes them) and returns their state with what
// the interrupted slice finished.
func TestPlayInterruptedKeepsTheSlicesPlayed(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	job := &countJob{n: 10, stop: 7, cancel: cancel}
	st, err := Play(ctx, job, dir, Range{0, 10}, 3, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the job's", err)
	}
	if got := st.(*tally).tasks; !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6}) {
		t.Errorf("state holds %v", got)
	}
	done, err := Done(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 2 || done[0].Range != (Range{0, 3}) || done[1].Range != (Range{3, 6}) {
		t.Errorf("slices written: %v, want 0–2 and 3–5", done)
	}
}

// A slice that cannot be written stops the run with the error: no later
// slice is reported as played.
func TestPlayStopsWhenASliceCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	job := &countJob{n: 12, stop: 12}
	if err := os.MkdirAll(filepath.Join(dir, SlicesDir), 0o755); err != nil {
		t.Fatal(err)
	}
	// A folder where the second slice's file goes: it cannot be renamed over.
	if err := os.Mkdir(filepath.Join(dir, SlicesDir, sliceName(Range{3, 6})), 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := Play(context.Background(), job, dir, Range{0, 12}, 3, nil)
	if err == nil || st != nil {
		t.Fatalf("Play = %v, %v; want an error", st, err)
	}
	if len(job.prefixes) != 1 || job.prefixes[0] != (Range{0, 3}) {
		t.Errorf("Prefix saw %v, want only 0–2", job.prefixes)
	}
}
