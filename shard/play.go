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

// Play plays the tasks of r that the checkpoint folder dir does not hold
// yet, in slices of at most size tasks, writing each slice's state to
// dir/slices atomically once it is played (a Cutter job cuts them
// itself); then it reads every slice of r
// back and returns their merged state. progress, if not nil, is called
// with how many tasks of r are done, those found done included.
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
	for _, g := range gaps {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		base := finished
		st, err := job.Play(ctx, g, func(n int) {
			if progress != nil {
				progress(base + n)
			}
		})
		if err != nil {
			if ctx.Err() != nil && st != nil {
				if merr := total.Merge(st); merr != nil {
					return nil, merr
				}
				return total, err
			}
			return nil, err
		}
		if err := writeSlice(dir, g, st); err != nil {
			return nil, err
		}
		if err := total.Merge(st); err != nil {
			return nil, err
		}
		finished += g.Len()
	}
	return total, nil
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
