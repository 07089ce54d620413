package bridge

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pybridge/pybridge/internal/golden"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

// wantOutput is one expected result of a golden case.
type wantOutput struct {
	Repr      *string `json:"repr"`
	Exception string  `json:"exception"`
	Message   string  `json:"message"`
	// Traceback, when present, lists the traceback's frames as
	// [function name, line], outermost first.
	Traceback [][2]any `json:"traceback"`
}

type wantFile struct {
	Case             string                  `json:"case"`
	Outputs          []wantOutput            `json:"outputs"`
	OutputsByVersion map[string][]wantOutput `json:"outputs_by_version"`
	Payloads         map[string]struct {
		File string `json:"file"`
	} `json:"payloads"`
	// LoadRepr is CPython's repr of the loaded payload, addresses masked.
	LoadRepr string `json:"load_repr"`
}

func (w wantOutput) String() string {
	if w.Repr != nil {
		return *w.Repr
	}
	s := "EXC " + w.Exception
	if w.Message != "" {
		s += ": " + w.Message
	}
	return s
}

// caseDirs lists the golden case folders of testdata/cloudpickle and
// testdata/run.
func caseDirs(t *testing.T) []string {
	var dirs []string
	for _, top := range []string{"cloudpickle", "run"} {
		root := golden.Path(top)
		ents, err := os.ReadDir(root)
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		for _, e := range ents {
			if e.IsDir() {
				dirs = append(dirs, filepath.Join(root, e.Name()))
			}
		}
	}
	return dirs
}

func readWant(t *testing.T, dir string) wantFile {
	data, err := os.ReadFile(filepath.Join(dir, "want.json"))
	require.NoError(t, err)
	var w wantFile
	require.NoError(t, json.Unmarshal(data, &w))
	return w
}

// runCase runs one payload over its inputs exactly as "pybridge run" does
// and returns one line per record, or a load error.
func runCase(dir, file string) ([]string, []*pyexec.Exception, error) {
	return runCaseAs(dir, file, bytecode.Version{})
}

// runCaseAs is runCase with the CPython version given rather than inferred.
func runCaseAs(dir, file string, v bytecode.Version) ([]string, []*pyexec.Exception, error) {
	payload, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return nil, nil, err
	}
	input, err := os.ReadFile(filepath.Join(dir, "input.pkl"))
	if err != nil {
		return nil, nil, err
	}
	job, err := Prepare(payload, input, RunOptions{Materialize: MaterializeOptions{AllowUntested: true, Version: v}})
	if err != nil {
		return nil, nil, err
	}
	var got []string
	var excs []*pyexec.Exception
	for _, r := range job.Records {
		job.Payload.Thread.StepBudget = job.Payload.Thread.Steps() + 50_000_000
		res, err := job.Payload.Apply(r)
		if err != nil {
			var e *pyexec.Exception
			if errors.As(err, &e) {
				got = append(got, "EXC "+e.Error())
				excs = append(excs, e)
			} else {
				got = append(got, "ERROR "+err.Error())
				excs = append(excs, nil)
			}
			continue
		}
		s, err := pyexec.Repr(job.Payload.Thread, res)
		if err != nil {
			s = "REPR ERROR " + err.Error()
		}
		got = append(got, s)
		excs = append(excs, nil)
	}
	return got, excs, nil
}

// pyexecGaps are cases that fail only because pyexec lacks a feature; a
// case is skipped only while its failure shows the symptom.
var pyexecGaps = map[string]struct{ symptom, reason string }{}

// TestGoldenRun runs every golden case for every CPython version it has a
// payload for. Versions the evaluator runs (RunnableVersions) must match
// CPython exactly; the others are reported only.
func TestGoldenRun(t *testing.T) {
	type tally struct{ pass, fail, pending int }
	per := map[string]*tally{}
	var pendingNotes []string
	for _, dir := range caseDirs(t) {
		w := readWant(t, dir)
		name := filepath.Base(filepath.Dir(dir)) + "/" + filepath.Base(dir)
		vers := make([]string, 0, len(w.Payloads))
		for v := range w.Payloads {
			vers = append(vers, v)
		}
		sort.Strings(vers)
		for _, v := range vers {
			ver, err := bytecode.ParseVersion(v)
			require.NoError(t, err)
			strict := isRunnable(ver)
			if per[v] == nil {
				per[v] = &tally{}
			}
			tl := per[v]
			t.Run(name+"/"+v, func(t *testing.T) {
				want := w.Outputs
				if o, ok := w.OutputsByVersion[v]; ok {
					want = o
				}
				got, excs, err := runCase(dir, w.Payloads[v].File)
				if err != nil {
					var le *LoadError
					if errors.As(err, &le) && le.Missing != "" {
						tl.pending++
						pendingNotes = append(pendingNotes, name+"/"+v+": "+le.Missing)
						t.Skipf("pending: needs %s in pyexec (%v)", le.Missing, err)
					}
					tl.fail++
					if strict {
						t.Fatalf("load: %v", err)
					}
					t.Logf("report-only %s: load: %v", v, err)
					return
				}
				ok := len(got) == len(want)
				var diffs []string
				for i := range want {
					g := "<missing>"
					if i < len(got) {
						g = got[i]
					}
					if g != want[i].String() {
						ok = false
						diffs = append(diffs, "record "+itoa(i)+":\n  got  "+g+"\n  want "+want[i].String())
						continue
					}
					if want[i].Traceback != nil && i < len(excs) && excs[i] != nil {
						if d := tracebackDiff(want[i].Traceback, excs[i]); d != "" {
							ok = false
							diffs = append(diffs, "record "+itoa(i)+" traceback: "+d)
						}
					}
				}
				if ok {
					tl.pass++
					return
				}
				if gap, ok := pyexecGaps[name]; ok && strings.Contains(strings.Join(diffs, "\n"), gap.symptom) {
					tl.pending++
					pendingNotes = append(pendingNotes, name+"/"+v+": "+gap.reason)
					t.Skipf("pending: %s", gap.reason)
				}
				tl.fail++
				if strict {
					t.Errorf("%s", strings.Join(diffs, "\n"))
				} else {
					t.Logf("report-only %s:\n%s", v, strings.Join(diffs, "\n"))
				}
			})
		}
	}
	vs := make([]string, 0, len(per))
	for v := range per {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	for _, v := range vs {
		tl := per[v]
		t.Logf("CPython %s: %d pass, %d fail, %d pending", v, tl.pass, tl.fail, tl.pending)
	}
	for _, n := range pendingNotes {
		t.Logf("pending: %s", n)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// tracebackDiff compares a traceback's frames (outermost first) with
// CPython's.
func tracebackDiff(want [][2]any, e *pyexec.Exception) string {
	var w, g []string
	for _, f := range want {
		b, _ := json.Marshal(f)
		w = append(w, string(b))
	}
	for i := len(e.Frames) - 1; i >= 0; i-- {
		b, _ := json.Marshal([2]any{e.Frames[i].Name, e.Frames[i].Line})
		g = append(g, string(b))
	}
	if strings.Join(w, " ") == strings.Join(g, " ") {
		return ""
	}
	return "got " + strings.Join(g, " ") + " want " + strings.Join(w, " ")
}
