package shard

import (
	"strings"
	"testing"
)

// The n shards of a task list cover it exactly once, in order, with
// lengths that differ by at most one.
func TestSpecRangesTile(t *testing.T) {
	for _, tasks := range []int{0, 1, 5, 63, 28800} {
		for n := 1; n <= 9; n++ {
			at, lo, hi := 0, tasks, 0
			for i := range n {
				r := Spec{Index: i, Count: n}.Range(tasks)
				if r.Lo != at || r.Hi < r.Lo {
					t.Fatalf("%d tasks, shard %d/%d: %v after %d", tasks, i, n, r, at)
				}
				at = r.Hi
				lo, hi = min(lo, r.Len()), max(hi, r.Len())
			}
			if at != tasks || hi-lo > 1 {
				t.Errorf("%d tasks in %d shards: end at %d, lengths %d..%d", tasks, n, at, lo, hi)
			}
		}
	}
}

func TestParseSpec(t *testing.T) {
	tests := []struct {
		in   string
		want Spec
		err  string
	}{
		{"0/4", Spec{0, 4}, ""},
		{"3/4", Spec{3, 4}, ""},
		{" 2 / 3 ", Spec{2, 3}, ""},
		{"4/4", Spec{}, "numbered from 0 to 3"},
		{"-1/4", Spec{}, "numbered from 0 to 3"},
		{"1/0", Spec{}, "1..100000 shards, not 0"},
		{"1", Spec{}, "want INDEX/COUNT"},
		{"a/b", Spec{}, "want INDEX/COUNT"},
	}
	for _, tt := range tests {
		got, err := ParseSpec(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseSpec(%q) = %v, %v; want an error saying %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSpec(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestSpecFromEnv(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		count int
		want  Spec
		err   string
	}{
		{"slurm", map[string]string{EnvSlurmID: "3", EnvSlurmCount: "4"}, 0, Spec{3, 4}, ""},
		{"slurm with --shards", map[string]string{EnvSlurmID: "3", EnvSlurmCount: "4"}, 4, Spec{3, 4}, ""},
		{"slurm from 1", map[string]string{EnvSlurmID: "1", EnvSlurmCount: "4", EnvSlurmMin: "1"}, 0, Spec{0, 4}, ""},
		{"slurm without count", map[string]string{EnvSlurmID: "1"}, 3, Spec{1, 3}, ""},
		{"slurm count disagrees", map[string]string{EnvSlurmID: "1", EnvSlurmCount: "4"}, 3, Spec{}, "--shards 3, but Slurm's array has"},
		{"slurm out of range", map[string]string{EnvSlurmID: "7", EnvSlurmCount: "4"}, 0, Spec{}, "submit the array as --array=0-3"},
		{"slurm garbage", map[string]string{EnvSlurmID: "x", EnvSlurmCount: "4"}, 0, Spec{}, "is not a whole number"},
		{"slurm no count at all", map[string]string{EnvSlurmID: "1"}, 0, Spec{}, "give the number of shards with --shards"},
		{"kubernetes", map[string]string{EnvK8sIndex: "2"}, 5, Spec{2, 5}, ""},
		{"kubernetes without count", map[string]string{EnvK8sIndex: "2"}, 0, Spec{}, "with --shards"},
		{"kubernetes out of range", map[string]string{EnvK8sIndex: "5"}, 5, Spec{}, "numbered from 0 to 4"},
		{"neither", nil, 4, Spec{}, "no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SpecFromEnv(func(k string) string { return tt.env[k] }, tt.count)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("got %v, %v; want an error saying %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// Gaps cuts what is not done of a range into slices, and nothing else.
func TestGaps(t *testing.T) {
	done := []Slice{{Range: Range{10, 20}}, {Range: Range{25, 30}}}
	got := Gaps(Range{5, 42}, done, 8)
	want := []Range{{5, 10}, {20, 25}, {30, 38}, {38, 42}}
	if len(got) != len(want) {
		t.Fatalf("Gaps = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Gaps = %v, want %v", got, want)
		}
	}
	if g := Gaps(Range{10, 20}, done, 3); len(g) != 0 {
		t.Errorf("a range done has gaps %v", g)
	}
}

// Slice names sort like ranges and read back; other names are not slices.
func TestSliceNames(t *testing.T) {
	r := Range{12, 345}
	if got, ok := parseSliceName(sliceName(r)); !ok || got != r {
		t.Errorf("parseSliceName(%q) = %v, %v", sliceName(r), got, ok)
	}
	for _, bad := range []string{".0000000012-0000000345.state.tmp-99", "12-345.state", "0000000020-0000000010.state", "x.state"} {
		if _, ok := parseSliceName(bad); ok {
			t.Errorf("%q read as a slice", bad)
		}
	}
}
