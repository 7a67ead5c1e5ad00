// Package validate checks the Kubernetes manifests of deploy/k8s offline,
// against the Kubernetes API types: every document decodes strictly (an
// unknown or misspelt field, or a value of the wrong type, fails) into
// the type its kind names, and the parts fit together — an Indexed Job
// whose completions, parallelism and --shards agree, a merge that reads
// where the shards write, one claim, one image.
//
// It is a module of its own so that winwin's module does not depend on
// the Kubernetes API; from the repository's root:
//
//	(cd deploy/k8s/validate && go test ./...)
package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// decodeStrict decodes one YAML document into v, refusing unknown fields.
func decodeStrict(doc []byte, v any) error {
	j, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// manifests reads every document of deploy/k8s/*.yaml by its kind.
func manifests(t *testing.T) (jobs map[string]*batchv1.Job, claims map[string]*corev1.PersistentVolumeClaim) {
	t.Helper()
	files, err := filepath.Glob("../*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests in deploy/k8s: %v", err)
	}
	jobs, claims = map[string]*batchv1.Job{}, map[string]*corev1.PersistentVolumeClaim{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range bytes.Split(b, []byte("\n---")) {
			if len(bytes.TrimSpace(doc)) == 0 {
				continue
			}
			var head struct{ APIVersion, Kind string }
			if err := yaml.Unmarshal(doc, &head); err != nil {
				t.Fatalf("%s, document %d: %v", f, i+1, err)
			}
			where := fmt.Sprintf("%s (%s %s)", filepath.Base(f), head.APIVersion, head.Kind)
			switch head.APIVersion + " " + head.Kind {
			case "batch/v1 Job":
				var j batchv1.Job
				if err := decodeStrict(doc, &j); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				jobs[j.Name] = &j
			case "v1 PersistentVolumeClaim":
				var c corev1.PersistentVolumeClaim
				if err := decodeStrict(doc, &c); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				claims[c.Name] = &c
			default:
				t.Fatalf("%s: a kind this test does not know", where)
			}
		}
	}
	return jobs, claims
}

func TestManifests(t *testing.T) {
	jobs, claims := manifests(t)
	shards, merge := jobs["winwin-shards"], jobs["winwin-merge"]
	if shards == nil || merge == nil || len(claims) != 1 {
		t.Fatalf("want the jobs winwin-shards and winwin-merge and one claim, got %d jobs and %d claims", len(jobs), len(claims))
	}
	var claim string
	for name, c := range claims {
		claim = name
		if !slices.Contains(c.Spec.AccessModes, corev1.ReadWriteMany) {
			t.Errorf("claim %s: pods on several nodes share it: want ReadWriteMany, got %v", name, c.Spec.AccessModes)
		}
	}

	s := shards.Spec
	if s.CompletionMode == nil || *s.CompletionMode != batchv1.IndexedCompletion {
		t.Error("winwin-shards: want completionMode Indexed, which sets JOB_COMPLETION_INDEX")
	}
	if s.Completions == nil || s.Parallelism == nil || *s.Completions != *s.Parallelism {
		t.Errorf("winwin-shards: completions and parallelism must be set and equal")
	}
	for _, j := range []*batchv1.Job{shards, merge} {
		p := j.Spec.Template.Spec
		if p.RestartPolicy != corev1.RestartPolicyNever && p.RestartPolicy != corev1.RestartPolicyOnFailure {
			t.Errorf("%s: a Job's pods restart Never or OnFailure, not %q", j.Name, p.RestartPolicy)
		}
		if len(p.Containers) != 1 {
			t.Fatalf("%s: want one container", j.Name)
		}
		mounted := false
		for _, v := range p.Volumes {
			if v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName == claim {
				for _, m := range p.Containers[0].VolumeMounts {
					mounted = mounted || (m.Name == v.Name && m.MountPath == "/data")
				}
			}
		}
		if !mounted {
			t.Errorf("%s: does not mount the claim %s at /data", j.Name, claim)
		}
	}
	sc, mc := shards.Spec.Template.Spec.Containers[0], merge.Spec.Template.Spec.Containers[0]
	if sc.Image != mc.Image {
		t.Errorf("the shards run %s, the merge %s: a merge refuses shards of another winwin", sc.Image, mc.Image)
	}
	args := strings.Join(sc.Args, " ")
	if want := fmt.Sprintf("--shards %d", *s.Completions); !strings.HasPrefix(sc.Args[0], "run") || !strings.Contains(args, want) || !strings.Contains(args, "--out /data/shards") {
		t.Errorf("winwin-shards runs %q: want run CONFIG %s --out /data/shards", args, want)
	}
	if margs := strings.Join(mc.Args, " "); !strings.HasPrefix(margs, "merge /data/shards") {
		t.Errorf("winwin-merge runs %q: want merge /data/shards", margs)
	}
}
