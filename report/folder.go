package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// A run folder is data someone may have sent: Load reads it as untrusted
// input. Every file is opened through an os.Root of the folder (no name,
// link or "..", absolute or relative, reaches outside it), only the files
// a run writes are read, each must be a regular file, and each read is
// capped to these sizes, far above what a run writes.
const (
	// MaxManifestBytes caps manifest.json (it echoes the configuration).
	MaxManifestBytes = 4 << 20
	// MaxTableBytes caps each CSV table.
	MaxTableBytes = 64 << 20
	// MaxChartBytes caps each chart image.
	MaxChartBytes = 32 << 20
	// MaxSamplesBytes caps samples.json.
	MaxSamplesBytes = 256 << 20
	// MaxDomainBytes caps the folder's copy of its domain file: what the
	// configs package reads of any domain file.
	MaxDomainBytes = configs.MaxFileSize
)

// errTooLarge is wrapped by the error of a file past its cap.
var errTooLarge = errors.New("larger than a run writes")

// readFile reads the regular file name of root, at most limit bytes.
func readFile(root *os.Root, name string, limit int64) ([]byte, error) {
	f, err := openFile(root, name, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(capped(f, limit))
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", name, err)
	}
	return b, nil
}

// capped returns f limited to limit bytes, reading past which is an
// error (openFile checked the file's size, but a file may grow).
func capped(f io.Reader, limit int64) io.Reader {
	return &capReader{r: io.LimitReader(f, limit+1), limit: limit}
}

// capReader reads at most limit bytes, and fails if there are more.
type capReader struct {
	r           io.Reader
	read, limit int64
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += int64(n)
	if c.read > c.limit {
		return 0, fmt.Errorf("%w (more than %d MB)", errTooLarge, c.limit>>20)
	}
	return n, err
}

// openFile opens the regular file name of root, refusing anything else
// (a device, a pipe, a folder, a link out of the folder) before reading a
// byte, and files larger than limit.
func openFile(root *os.Root, name string, limit int64) (*os.File, error) {
	// Stat before opening: opening a named pipe would block.
	fi, err := root.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("report: %s is not a regular file", name)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("report: %s: %w (more than %d MB)", name, errTooLarge, limit>>20)
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("report: %s is not a regular file", name)
	}
	return f, nil
}

// checkFiles returns an error naming the first file that m lists and the
// folder lacks: a run writes its manifest last, listing only files it
// wrote, whether it completed, was interrupted or failed. report.html is
// left out: it is the file the report writes.
func checkFiles(root *os.Root, m *results.Manifest) error {
	for _, f := range m.Files {
		if f == File {
			continue
		}
		if !filepath.IsLocal(f) {
			return fmt.Errorf("report: %s lists %q, which is not a file of a run folder", results.ManifestFile, f)
		}
		fi, err := root.Stat(f)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("report: %s says the run is %s, but its file %q is missing: the folder was changed after the run", results.ManifestFile, m.Status, f)
		case err != nil:
			return fmt.Errorf("report: %w", err)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("report: %q is not a regular file", f)
		}
	}
	return nil
}

// errDomainOutside is why a run folder's configuration cannot read a
// domain file other than the folder's copy.
var errDomainOutside = fmt.Errorf("a run folder's configuration reads no file but its own copy of the domain, %s", results.DomainFile)

// domainFS is what a run folder's configuration may read: the folder's
// copy of its domain file, and nothing else.
type domainFS struct{ root *os.Root }

// Open opens results.DomainFile of the folder, capped to MaxDomainBytes.
func (d domainFS) Open(name string) (fs.File, error) {
	if name != results.DomainFile {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errDomainOutside}
	}
	b, err := readFile(d.root, name, MaxDomainBytes)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &memFile{name: name, data: b}, nil
}

// memFile is a file read into memory.
type memFile struct {
	name string
	data []byte
	off  int
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f}, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Read(p []byte) (int, error) {
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.off:])
	f.off += n
	return n, nil
}

type memInfo struct{ f *memFile }

func (i memInfo) Name() string       { return i.f.name }
func (i memInfo) Size() int64        { return int64(len(i.f.data)) }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// parseConfig reads a run folder's configuration text back. The only file
// it may read is the folder's copy of its domain, through fsys: a domain
// named otherwise (an absolute path, "../secret.toml", another file of
// the folder) cannot be read, and the configuration is then described as
// written.
func parseConfig(text string, fsys fs.FS) (*configs.Config, error) {
	return configs.ParseFS([]byte(text), results.ConfigFile, fsys)
}

// ParseRecorded reads back a configuration as a run folder records it:
// the text of its config.toml and the copy of the domain file it names
// (nil: it names none). It reads nothing else, as Load does.
func ParseRecorded(text string, domain []byte) (*configs.Config, error) {
	return parseConfig(text, copyFS(domain))
}

// copyFS holds a run folder's copy of its domain file, and nothing else.
type copyFS []byte

// Open opens results.DomainFile.
func (c copyFS) Open(name string) (fs.File, error) {
	if name != results.DomainFile || c == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errDomainOutside}
	}
	return &memFile{name: name, data: c}, nil
}
