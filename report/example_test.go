package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/report"
)

// A trainer runs the workshop tournament, then makes its slides; both
// files live in the run folder and open offline.
func ExampleGenerateSlides() {
	base, err := os.MkdirTemp("", "winwin-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(base)
	var out, errs bytes.Buffer
	args := []string{"run", "--no-progress", "--relationships", "2", "--out", base, "../configs/workshop.toml"}
	if code := cli.Main(context.Background(), args, cli.WithIO(nil, &out, &errs, false)); code != cli.ExitOK {
		fmt.Println(errs.String())
		return
	}
	runs, _ := filepath.Glob(filepath.Join(base, "*"))
	path, err := report.GenerateSlides(runs[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range []string{report.File, filepath.Base(path)} {
		_, err := os.Stat(filepath.Join(runs[0], f))
		fmt.Println(f, err == nil)
	}
	// Output:
	// report.html true
	// slides.html true
}
