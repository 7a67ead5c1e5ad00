package results

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// WriteFileAtomic writes the file at path through fill: into a temporary
// file in the same directory, synced and then renamed over path, so that
// readers see either the old file or the complete new one, never a part.
// On error the temporary file is removed and path is left untouched. The
// file gets mode 0644.
func WriteFileAtomic(path string, fill func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriter(f)
	if err := fill(bw); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	return nil
}

// RunDirLayout is the time layout of run folder names.
const RunDirLayout = "2006-01-02T15-04-05"

// maxRunDirs bounds the suffixes NewRunDir tries.
const maxRunDirs = 10000

// NewRunDir creates and returns a new, empty folder for one run under base
// (created if missing), named after the time now and the run's name:
// base/2026-11-25T18-30-00-classic. If that folder exists it tries
// …-classic-2, …-classic-3 and so on: it never reuses or overwrites a
// folder. Characters of name other than letters, digits, '.', '_' and '-'
// become '-'; an empty name leaves just the time.
func NewRunDir(base, name string, now time.Time) (string, error) {
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", fmt.Errorf("results: run folder: %w", err)
	}
	stem := now.Format(RunDirLayout)
	if n := sanitizeName(name); n != "" {
		stem += "-" + n
	}
	for i := 1; i <= maxRunDirs; i++ {
		dir := filepath.Join(base, stem)
		if i > 1 {
			dir = fmt.Sprintf("%s-%d", dir, i)
		}
		// Mkdir fails if the folder exists, so two runs starting at the
		// same second cannot both get it.
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("results: run folder: %w", err)
		}
	}
	return "", fmt.Errorf("results: run folder: %d folders named %s exist already", maxRunDirs, stem)
}

// sanitizeName keeps a run name safe as part of a file name.
func sanitizeName(name string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '-'
	}, name)
	return strings.Trim(s, ".-")
}

// SyncDir flushes the entries of the folder dir (the files created and
// renamed in it) to disk, so that a file written after SyncDir returns
// cannot outlive, in a crash, those written before.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("results: syncing %s: %w", dir, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("results: syncing %s: %w", dir, err)
	}
	return nil
}
