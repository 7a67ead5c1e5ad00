package research

import (
	"encoding/csv"
	"errors"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// writeSweepFolder writes the files of a sweep folder (writeSweep) and,
// last, its manifest, which says failed, and why, if a file could not be
// written.
func writeSweepFolder(sw *Sweep, cfg *configs.Config) error {
	m := sw.Manifest
	werr := writeSweep(sw.Dir, sw, cfg)
	if werr != nil {
		m.Status, m.Reason = results.StatusFailed, "an output could not be written: "+werr.Error()
	}
	m.End = time.Now().UTC()
	if _, err := results.WriteManifest(sw.Dir, m); err != nil {
		werr = errors.Join(werr, err)
	}
	return werr
}

// writeSweep writes the files of a sweep folder, each atomically, and
// lists them in the manifest.
func writeSweep(dir string, sw *Sweep, cfg *configs.Config) error {
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{SweepFile, func(w io.Writer) error { return writeSweepCSV(w, sw) }},
		{CrossoverFile, func(w io.Writer) error { return writeCrossoverCSV(w, sw) }},
		{results.ConfigFile, func(w io.Writer) error { _, err := io.WriteString(w, sw.Manifest.Config); return err }},
	}
	for _, f := range files {
		if err := results.WriteFileAtomic(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
		sw.Manifest.Files = append(sw.Manifest.Files, f.name)
	}
	if cfg.Output.Charts {
		for _, c := range sweepCharts(sw) {
			names, err := writeFigure(dir, c.name, c.fig, cfg.Output.Formats)
			sw.Manifest.Files = append(sw.Manifest.Files, names...)
			if err != nil {
				return err
			}
		}
	}
	if err := writeSweepReport(dir, sw); err != nil {
		return err
	}
	sw.Manifest.Files = append(sw.Manifest.Files, "report.html")
	return results.SyncDir(dir)
}

// f6 writes a figure with six decimals, NaN as an empty cell (the tables'
// convention, results.WriteTables).
func f6(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', 6, 64)
}

func estimateCells(e results.Estimate) []string { return []string{f6(e.Mean), f6(e.Low), f6(e.High)} }

// axisHeader returns the columns naming a point: its index and the value
// of each axis, under the axis's key.
func axisHeader(axes []configs.Axis) []string {
	h := []string{"point"}
	for _, a := range axes {
		h = append(h, a.Key)
	}
	return h
}

func axisCells(p *Point) []string {
	c := []string{strconv.Itoa(p.Index)}
	for _, v := range p.Values {
		c = append(c, v.String())
	}
	return c
}

// writeSweepCSV writes sweep.csv: a row per point and strategy.
func writeSweepCSV(w io.Writer, sw *Sweep) error {
	cw := csv.NewWriter(w)
	head := append(axisHeader(sw.Axes), "strategy",
		"one_shot", "one_shot_low", "one_shot_high", "long_run", "long_run_low", "long_run_high",
		"one_shot_rank", "long_run_rank", "win_win_share", "deals_kept", "retention",
		"next", "gap_to_next", "gap_low", "gap_high")
	if err := cw.Write(head); err != nil {
		return err
	}
	for i := range sw.Points {
		p := &sw.Points[i]
		for _, r := range p.Rows {
			row := append(axisCells(p), r.Strategy)
			row = append(row, estimateCells(r.OneShot)...)
			row = append(row, estimateCells(r.LongRun)...)
			row = append(row, strconv.Itoa(r.OneShotRank), strconv.Itoa(r.LongRunRank), f6(r.WinWin), f6(r.Kept), f6(r.Retention), r.Next)
			row = append(row, estimateCells(r.Gap)...)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeCrossoverCSV writes crossover.csv: a row per point with the
// groups' paired difference.
func writeCrossoverCSV(w io.Writer, sw *Sweep) error {
	cw := csv.NewWriter(w)
	head := append(axisHeader(sw.Axes), "win_win_rank", "hard_rank",
		"difference", "difference_low", "difference_high", "one_shot_difference", "one_shot_difference_low", "one_shot_difference_high", "verdict")
	if err := cw.Write(head); err != nil {
		return err
	}
	for i := range sw.Points {
		p := &sw.Points[i]
		row := append(axisCells(p), f6(p.WinWinRank), f6(p.HardRank))
		row = append(row, estimateCells(p.Group)...)
		row = append(row, estimateCells(p.GroupOneShot)...)
		row = append(row, verdict(p.Group))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// verdict says which group is ahead at a point, if the CI says so.
func verdict(d results.Estimate) string {
	switch {
	case math.IsNaN(d.Mean):
		return ""
	case d.Low > 0:
		return "win-win ahead"
	case d.High < 0:
		return "hard bargainers ahead"
	}
	return "not separable"
}
