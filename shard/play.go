package shard

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/winwin-sim/winwin/results"
)

// A Job is a run kind's adapter: its task list and its accumulators.
type Job interface {
	// Tasks returns the length of the task list.
	Tasks() int
	// Play plays the tasks of r and returns their state. progress, if
	// not nil, is called with how many of r's tasks are done. When ctx
	// ends, Play returns ctx's error (its state is not used).
	Play(ctx context.Context, r Range, progress func(done int)) (State, error)
	// Empty returns the state of no task.
	Empty() State
	// Read reads a state that State.Write wrote.
	Read(r io.Reader) (State, error)
}

// A State is the accumulators of some tasks of a run.
type State interface {
	// Write writes the state losslessly.
	Write(w io.Writer) error
	// Merge adds the tasks of o, a state of the same Job, to the state.
	// Merging must be exact: any split of the tasks, merged in any order,
	// gives the same state.
	Merge(o State) error
}

// A Cutter is a Job whose tasks differ in cost from one stretch of its
// task list to another — a tournament's relationships followed by a
// market's replications, each worth thousands of them — and that cuts
// the stretches Play plays into slices itself, rather than into slices
// of one length. Cut returns slices that cover r exactly, in order.
type Cutter interface {
	Cut(r Range) []Range
}

// SlicesDir is the folder of a checkpoint folder that holds the slices'
// states.
const SlicesDir = "slices"

// sliceExt ends the name of a slice's state file.
const sliceExt = ".state"

// sliceName returns the file name of the state of the tasks of r: the
// bounds padded so that names sort like ranges.
func sliceName(r Range) string { return fmt.Sprintf("%010d-%010d%s", r.Lo, r.Hi, sliceExt) }

// parseSliceName reads a name that sliceName made.
func parseSliceName(name string) (Range, bool) {
	stem, ok := strings.CutSuffix(name, sliceExt)
	los, his, ok2 := strings.Cut(stem, "-")
	lo, err1 := strconv.Atoi(los)
	hi, err2 := strconv.Atoi(his)
	if !ok || !ok2 || err1 != nil || err2 != nil || lo < 0 || hi <= lo || sliceName(Range{lo, hi}) != name {
		return Range{}, false
	}
	return Range{lo, hi}, true
}

// A Slice is a finished stretch of the task list whose state is in a
// checkpoint folder: its range and the SHA-256 of its state file.
type Slice struct {
	Range
	SHA256 string `json:"sha256"`
	// Path is the state file (not recorded in the manifest).
	Path string `json:"-"`
}

// Done returns the slices whose states are in the checkpoint folder dir,
// in the order of their ranges, with their files' SHA-256. Temporary
// files of a slice being written when the process died are ignored.
func Done(dir string) ([]Slice, error) {
	ents, err := os.ReadDir(filepath.Join(dir, SlicesDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("shard: %w", err)
	}
	var out []Slice
	for _, e := range ents {
		r, ok := parseSliceName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, SlicesDir, e.Name())
		sum, err := fileSHA256(p)
		if err != nil {
			return nil, err
		}
		out = append(out, Slice{Range: r, SHA256: sum, Path: p})
	}
	slices.SortFunc(out, func(a, b Slice) int { return a.Lo - b.Lo })
	for i := 1; i < len(out); i++ {
		if out[i].Lo < out[i-1].Hi {
			return nil, fmt.Errorf("shard: %s: slices %s and %s overlap", dir, out[i-1].Range, out[i].Range)
		}
	}
	return out, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("shard: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("shard: reading %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Gaps returns the stretches of r that done does not cover, each cut into
// slices of at most size tasks.
func Gaps(r Range, done []Slice, size int) []Range {
	size = max(size, 1)
	var out []Range
	cut := func(g Range) {
		for lo := g.Lo; lo < g.Hi; lo += size {
			out = append(out, Range{lo, min(lo+size, g.Hi)})
		}
	}
	at := r.Lo
	for _, s := range done {
		if s.Hi <= at || s.Lo >= r.Hi {
			continue
		}
		if s.Lo > at {
			cut(Range{at, s.Lo})
		}
		at = max(at, s.Hi)
	}
	if at < r.Hi {
		cut(Range{at, r.Hi})
	}
	return out
}

// SliceSize is the length of the slices Play cuts a range of n tasks
// into: about one in 16, so that a kill loses at most a sixteenth of the
// work and checkpoints cost little, and at least min tasks (a job passes
// enough to keep its workers busy).
func SliceSize(n, min int) int { return max((n+15)/16, min, 1) }

// A Watcher is a Job that looks at the state of a run as its task list
// fills from the start, to begin work that needs only the first tasks —
// a tournament writes its sampled relationships, which are among its
// first tasks, while the rest play. Play calls Prefix with its merged
// state each time the stretch of tasks from r.Lo that it holds whole
// grows: st then holds every task of done (and maybe later ones). Prefix
// is called from one goroutine at a time, while the next slice plays; it
// must not keep st or read it after returning (Play goes on merging into
// it), and should return quickly.
type Watcher interface {
	Prefix(st State, done Range)
}

// Play plays the tasks of r that the checkpoint folder dir does not hold
// yet, in slices of at most size tasks, writing each slice's state to
// dir/slices atomically once it is played (a Cutter job cuts them
// itself), and returns the merged state of every slice of r: those found
// in dir, read back from their files, and those it played, merged as they
// are written. progress, if not nil, is called with how many tasks of r
// are done, those found done included.
//
// A slice's state is written and merged while the next slice plays, so
// that the job's workers do not wait for the disk: a kill loses at most
// the slice being written and the one playing. Slices are merged in the
// order of the task list, and a Watcher job sees the stretch merged grow
// from r.Lo.
//
// If ctx ends, Play returns ctx's error with the state of the slices
// finished so far merged with what the slice being played finished (when
// the job returns it), so that the caller can report what finished;
// dir holds every finished slice, from which Play resumes.
func Play(ctx context.Context, job Job, dir string, r Range, size int, progress func(done int)) (State, error) {
	if r.Lo < 0 || r.Hi > job.Tasks() || r.Lo > r.Hi {
		return nil, fmt.Errorf("shard: %s of a task list of %d", r, job.Tasks())
	}
	if err := os.MkdirAll(filepath.Join(dir, SlicesDir), 0o755); err != nil {
		return nil, fmt.Errorf("shard: %w", err)
	}
	done, err := Done(dir)
	if err != nil {
		return nil, err
	}
	finished := 0
	for _, s := range done {
		if s.Lo < r.Lo || s.Hi > r.Hi {
			return nil, fmt.Errorf("shard: %s holds the state of %s, outside %s", dir, s.Range, r)
		}
		finished += s.Len()
	}
	if progress != nil {
		progress(finished)
	}
	total := job.Empty()
	for _, s := range done {
		st, err := readSlice(job, s.Path)
		if err != nil {
			return nil, err
		}
		if err := total.Merge(st); err != nil {
			return nil, fmt.Errorf("shard: %s: %w", s.Path, err)
		}
	}
	gaps := Gaps(r, done, size)
	if c, ok := job.(Cutter); ok {
		gaps = nil
		for _, g := range Gaps(r, done, r.Len()) {
			cut, at := c.Cut(g), g.Lo
			for _, x := range cut {
				if x.Lo != at || x.Hi <= x.Lo {
					break
				}
				at = x.Hi
			}
			if at != g.Hi {
				return nil, fmt.Errorf("shard: the job cut %s into %v, which does not cover it in order", g, cut)
			}
			gaps = append(gaps, cut...)
		}
	}
	// whole returns the end of the stretch from r.Lo that total holds
	// once the first i gaps are merged: the next gap's start, or r.Hi.
	whole := func(i int) int {
		if i < len(gaps) {
			return gaps[i].Lo
		}
		return r.Hi
	}
	watcher, _ := job.(Watcher)
	if watcher != nil && whole(0) > r.Lo {
		watcher.Prefix(total, Range{r.Lo, whole(0)})
	}
	w := startWriter(dir, total, func(i int) {
		if watcher != nil {
			watcher.Prefix(total, Range{r.Lo, whole(i + 1)})
		}
	})
	for i, g := range gaps {
		if err := ctx.Err(); err != nil {
			if werr := w.wait(); werr != nil {
				return nil, werr
			}
			return total, err
		}
		if w.failed() {
			break
		}
		base := finished
		st, err := job.Play(ctx, g, func(n int) {
			if progress != nil {
				progress(base + n)
			}
		})
		if err != nil {
			if werr := w.wait(); werr != nil {
				return nil, werr
			}
			if ctx.Err() != nil && st != nil {
				if merr := total.Merge(st); merr != nil {
					return nil, merr
				}
				return total, err
			}
			return nil, err
		}
		w.put(i, g, st)
		finished += g.Len()
	}
	if err := w.wait(); err != nil {
		return nil, err
	}
	return total, nil
}

// A writer writes played slices' states to a checkpoint folder and merges
// them into a total, one after the other in the order given, on a
// goroutine of its own.
type writer struct {
	slices chan playedSlice
	done   chan struct{}
	err    atomic.Pointer[error]
}

// A playedSlice is the i-th slice Play played: its tasks and their state.
type playedSlice struct {
	i  int
	r  Range
	st State
}

// startWriter starts a writer of the checkpoint folder dir that merges
// into total and calls merged with the index of every slice merged.
func startWriter(dir string, total State, merged func(i int)) *writer {
	w := &writer{slices: make(chan playedSlice), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for p := range w.slices {
			if w.failed() {
				continue // drained: Play stops at the next slice
			}
			err := writeSlice(dir, p.r, p.st)
			if err == nil {
				err = total.Merge(p.st)
			}
			if err != nil {
				w.err.Store(&err)
				continue
			}
			merged(p.i)
		}
	}()
	return w
}

// put hands the played slice r (the i-th), with its state st, to the
// writer; it waits while the writer writes the slice before it.
func (w *writer) put(i int, r Range, st State) { w.slices <- playedSlice{i, r, st} }

// failed reports whether writing or merging a slice failed.
func (w *writer) failed() bool { return w.err.Load() != nil }

// wait waits until every slice put is written and merged, and returns the
// first error. The writer takes no more slices.
func (w *writer) wait() error {
	close(w.slices)
	<-w.done
	if e := w.err.Load(); e != nil {
		return *e
	}
	return nil
}

// readSlice reads the state file at path.
func readSlice(job Job, path string) (State, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("shard: %w", err)
	}
	defer f.Close()
	st, err := job.Read(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("shard: %s: %w", path, err)
	}
	return st, nil
}

// writeSlice writes the state of the tasks of r into the checkpoint
// folder dir, atomically, and syncs the folder.
func writeSlice(dir string, r Range, st State) error {
	sd := filepath.Join(dir, SlicesDir)
	if err := results.WriteFileAtomic(filepath.Join(sd, sliceName(r)), st.Write); err != nil {
		return err
	}
	return results.SyncDir(sd)
}
