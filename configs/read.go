package configs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// MaxFileSize is the most bytes winwin reads from a config or domain file:
// 1 MiB, far above any real one (the classic config is about 3 KiB). A
// longer file, or one that never ends such as /dev/zero, is refused after
// reading MaxFileSize+1 bytes.
const MaxFileSize = 1 << 20

// ErrTooLarge is the cause of the error for a file longer than
// MaxFileSize.
var ErrTooLarge = errors.New("larger than 1 MiB, the most winwin reads from a config or domain file")

// bom is the UTF-8 byte-order mark some editors put at the start of a file.
var bom = []byte("\uFEFF")

// readFile reads the file at name, at most MaxFileSize bytes of it.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCapped(f, name)
}

// readFileFS is readFile for a file of fsys.
func readFileFS(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCapped(f, name)
}

// readCapped reads r to its end, refusing more than MaxFileSize bytes.
func readCapped(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	return data, nil
}

// stripBOM returns data without a leading UTF-8 byte-order mark, so that
// lines and columns count from the first character a person sees.
func stripBOM(data []byte) []byte { return bytes.TrimPrefix(data, bom) }

// A domainReader reads the domain file a config names: from the file
// system relative to the config's folder (Load, Parse), or only from
// inside fsys (ParseFS).
type domainReader struct {
	dir  string // the config's folder, for Load and Parse
	fsys fs.FS  // when set, every domain file comes from here
}

// read returns the text of the domain file named (as written in the
// config) and the file name to report errors against.
func (r domainReader) read(name string) (data []byte, file string, err error) {
	if r.fsys == nil {
		file = name
		if r.dir != "" && !filepath.IsAbs(file) {
			file = filepath.Join(r.dir, file)
		}
		data, err = readFile(file)
		return data, file, err
	}
	if filepath.IsAbs(name) || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || filepath.VolumeName(name) != "" {
		return nil, "", errOutside{"an absolute path"}
	}
	clean := path.Clean(filepath.ToSlash(name))
	if clean == ".." || strings.HasPrefix(clean, "../") || !fs.ValidPath(clean) {
		return nil, "", errOutside{`a path through ".."`}
	}
	data, err = readFileFS(r.fsys, clean)
	return data, clean, err
}

// errOutside is the error for a domain path ParseFS will not follow.
type errOutside struct{ what string }

func (e errOutside) Error() string {
	return fmt.Sprintf("must name a file inside the config's own folder; %s is not allowed here", e.what)
}
