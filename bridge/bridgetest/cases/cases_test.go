package cases

import (
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/bridge/check"
	// The -update flag, so `go test ./... -update` accepts this package.
	_ "github.com/pybridge/pybridge/internal/golden"
	"github.com/pybridge/pybridge/pickle"
)

// td is the folder of golden-test cases made by testdata/gen/gen_bridgetest.sh.
func td(elem ...string) string {
	return filepath.Join(append([]string{"..", "..", "..", "testdata", "bridgetest"}, elem...)...)
}

// copyCase copies a case folder into a temporary folder and returns it.
func copyCase(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	// os.CopyFS keeps read-only modes of checked-out files; make them writable.
	ents, err := os.ReadDir(dst)
	require.NoError(t, err)
	for _, e := range ents {
		require.NoError(t, os.Chmod(filepath.Join(dst, e.Name()), 0o644))
	}
	return dst
}

func TestPassingCases(t *testing.T) {
	cs, err := Find(td("pass"))
	require.NoError(t, err)
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
		res := c.Test(TestOptions{})
		assert.Equal(t, StatusPass, res.Status, "%s: %v", c.Name, res.Failures)
		assert.Equal(t, res.Records, res.Outputs, c.Name)
		assert.NotEmpty(t, c.Check, c.Name)
		assert.NotEmpty(t, c.Dis, c.Name)
	}
	assert.Equal(t, []string{"closure_jsonl", "closure_py312", "map_pickle", "text_py312"}, names)
}

func TestFindWholeTree(t *testing.T) {
	cs, err := Find(td())
	require.NoError(t, err)
	require.Len(t, cs, 10)
	assert.Equal(t, "fail/check_drift", cs[0].Name)
	assert.Equal(t, JSON, cs[1+5+0].Format, cs[6].Name) // pass/closure_jsonl
	// A case folder given as the root is one case.
	cs, err = Find(td("pass", "map_pickle"))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, td("pass", "map_pickle"), cs[0].Dir)
	_, err = Find(td("pass", "map_pickle", "payload.pkl"))
	assert.Error(t, err)
	_, err = Find(td("no-such-folder"))
	assert.Error(t, err)
	cs, err = Find(t.TempDir())
	assert.NoError(t, err)
	assert.Empty(t, cs)
}

// failureOf runs a failing case and returns its only failure.
func failureOf(t *testing.T, name string) Failure {
	t.Helper()
	c, err := LoadCase(td("fail", name))
	require.NoError(t, err)
	res := c.Test(TestOptions{})
	require.Equal(t, StatusFail, res.Status)
	require.Len(t, res.Failures, 1, "%v", res.Failures)
	return res.Failures[0]
}

func TestMismatchDiffHasRecordNumbers(t *testing.T) {
	f := failureOf(t, "mismatch")
	assert.Equal(t, KindOutput, f.Kind)
	assert.Contains(t, f.Message, "output differs from")
	assert.Contains(t, f.Message, "run with -update")
	assert.Contains(t, f.Diff, "@@ -1,10 +1,10 @@\n [ 0] 2\n [ 1] 4\n-[ 2] 7\n+[ 2] 6\n [ 3] 8\n")
	assert.Contains(t, f.Diff, "-[ 7] 17\n+[ 7] 16\n [ 8] 18\n")
}

func TestExceptionShowsRecordAndTraceback(t *testing.T) {
	f := failureOf(t, "raises")
	assert.Equal(t, KindRun, f.Kind)
	require.NotNil(t, f.Record)
	assert.Equal(t, 2, *f.Record)
	assert.Contains(t, f.Message, "record 2: 'three'\nTraceback (most recent call last):\n")
	assert.Contains(t, f.Message, ", in inner\nTypeError: can only concatenate str (not \"int\") to str")
	var re *RecordError
	require.True(t, errors.As(f.Err, &re))
	assert.Equal(t, `record 2 'three': TypeError: can only concatenate str (not "int") to str`, re.Error())

	f = failureOf(t, "noinput_raises")
	require.NotNil(t, f.Record)
	assert.Equal(t, 0, *f.Record)
	assert.Contains(t, f.Message, "Traceback (most recent call last):\n")
	assert.NotContains(t, f.Message, "record 0")
	assert.Contains(t, f.Message, "NameError: cannot access free variable 'z'")
}

func TestRefusedPayloadShowsReport(t *testing.T) {
	f := failureOf(t, "refused")
	assert.Equal(t, KindRun, f.Kind)
	var rep *check.Report
	require.True(t, errors.As(f.Err, &rep))
	assert.Contains(t, f.Message, "refused by the checker:\n")
	assert.Contains(t, f.Message, "payload.pkl: error: unpicklable-resource\nPicklingError: Cannot pickle files that are not opened for reading: w\n")
	assert.Nil(t, f.Record)
}

func TestFingerprintDrift(t *testing.T) {
	f := failureOf(t, "check_drift")
	assert.Equal(t, KindCheck, f.Kind)
	assert.Contains(t, f.Diff, "-  \"python\": \"3.8-3.10\",\n+  \"python\": \"3.11-3.12\",\n")
	assert.NotContains(t, f.Diff, "[0]", "check.json lines are not records")

	f = failureOf(t, "dis_drift")
	assert.Equal(t, KindDis, f.Kind)
	assert.Contains(t, f.Diff, "-                        \"value\": \"make_closure.<locals>.inner\"\n+                        \"value\": \"<lambda>\"\n")
	s := f.String()
	assert.Equal(t, maxFingerprintDiff+2, strings.Count(s, "\n")+1, "message, 60 lines, the note")
	assert.Regexp(t, `\n\.\.\. \(\d+ more lines of diff\)$`, s)
}

func TestUpdate(t *testing.T) {
	dir := copyCase(t, td("fail", "mismatch"))
	c, err := LoadCase(dir)
	require.NoError(t, err)
	res := c.Test(TestOptions{Update: true})
	assert.Equal(t, StatusUpdated, res.Status)
	assert.Equal(t, []string{filepath.Join(dir, "want.txt")}, res.Updated)
	got, err := os.ReadFile(filepath.Join(dir, "want.txt"))
	require.NoError(t, err)
	assert.Equal(t, "2\n4\n6\n8\n10\n12\n14\n16\n18\n20\n", string(got))
	assert.Equal(t, StatusPass, c.Test(TestOptions{}).Status)
	// Nothing to write: pass, not updated.
	assert.Equal(t, StatusPass, c.Test(TestOptions{Update: true}).Status)

	// --fingerprints creates check.json and dis.json; they then match.
	res = c.Test(TestOptions{Update: true, Fingerprints: true})
	assert.Equal(t, StatusUpdated, res.Status)
	assert.Len(t, res.Updated, 2)
	c, err = LoadCase(dir)
	require.NoError(t, err)
	assert.NotEmpty(t, c.Check)
	assert.NotEmpty(t, c.Dis)
	assert.Equal(t, StatusPass, c.Test(TestOptions{}).Status)

	// Drifted fingerprints are rewritten by -update.
	for _, name := range []string{"check_drift", "dis_drift"} {
		dir := copyCase(t, td("fail", name))
		c, err := LoadCase(dir)
		require.NoError(t, err)
		res := c.Test(TestOptions{Update: true})
		assert.Equal(t, StatusUpdated, res.Status, name)
		assert.Len(t, res.Updated, 1, name)
		assert.Equal(t, StatusPass, c.Test(TestOptions{}).Status, name)
	}
}

// TestFingerprintsWithoutUpdate: Fingerprints alone creates the missing
// dis.json but still compares the drifted check.json.
func TestFingerprintsWithoutUpdate(t *testing.T) {
	dir := copyCase(t, td("fail", "check_drift"))
	c, err := LoadCase(dir)
	require.NoError(t, err)
	res := c.Test(TestOptions{Fingerprints: true})
	assert.Equal(t, StatusFail, res.Status)
	assert.Equal(t, []string{filepath.Join(dir, "dis.json")}, res.Updated)
	require.Len(t, res.Failures, 1)
	assert.Equal(t, KindCheck, res.Failures[0].Kind)
}

func TestUpdateDoesNotWriteFailedRuns(t *testing.T) {
	dir := copyCase(t, td("fail", "raises"))
	before, err := os.ReadFile(filepath.Join(dir, "want.jsonl"))
	require.NoError(t, err)
	c, err := LoadCase(dir)
	require.NoError(t, err)
	res := c.Test(TestOptions{Update: true})
	assert.Equal(t, StatusFail, res.Status)
	assert.Empty(t, res.Updated)
	after, err := os.ReadFile(filepath.Join(dir, "want.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

func TestMissingGolden(t *testing.T) {
	dir := copyCase(t, td("pass", "closure_jsonl"))
	require.NoError(t, os.Remove(filepath.Join(dir, "want.jsonl")))
	c, err := LoadCase(dir)
	require.NoError(t, err)
	assert.Empty(t, c.Want)
	res := c.Test(TestOptions{})
	require.Len(t, res.Failures, 1)
	assert.Contains(t, res.Failures[0].Message, "want.txt does not exist (run with -update to create it)")
	// -update creates it in the format asked for.
	res = c.Test(TestOptions{Update: true, Options: Options{Format: JSON}})
	assert.Equal(t, StatusUpdated, res.Status)
	got, err := os.ReadFile(filepath.Join(dir, "want.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, "16\n17.5\n0\n12345678901234567890138\n1015.0\n15\n", string(got))
}

func TestLoadCaseErrors(t *testing.T) {
	_, err := LoadCase(t.TempDir())
	assert.ErrorContains(t, err, "not a case folder")

	dir := copyCase(t, td("pass", "map_pickle"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "input.jsonl"), []byte("1\n"), 0o644))
	_, err = LoadCase(dir)
	assert.ErrorContains(t, err, "more than one input file: input.jsonl, input.pkl")

	dir = copyCase(t, td("pass", "map_pickle"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "want.jsonl"), nil, 0o644))
	_, err = LoadCase(dir)
	assert.ErrorContains(t, err, "both want.txt and want.jsonl")

	dir = copyCase(t, td("pass", "map_pickle"))
	require.NoError(t, os.Rename(filepath.Join(dir, "input.pkl"), filepath.Join(dir, "input.csv")))
	_, err = LoadCase(dir)
	assert.ErrorContains(t, err, `unknown input kind ".csv"`)
}

func TestTestPayload(t *testing.T) {
	payload, err := os.ReadFile(td("pass", "closure_jsonl", "payload.pkl"))
	require.NoError(t, err)
	in := Input{Kind: TextInput, Data: []byte("1\n")}
	golden := filepath.Join(t.TempDir(), "out.jsonl")
	res := TestPayload(payload, "p", in, "i", golden, TestOptions{Update: true})
	assert.Equal(t, StatusFail, res.Status, "str + int raises")
	assert.NoFileExists(t, golden)

	in = Input{Kind: JSONLInput, Data: []byte("1\n2\n")}
	res = TestPayload(payload, "p", in, "i", golden, TestOptions{Update: true})
	assert.Equal(t, StatusUpdated, res.Status)
	got, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, "16\n17\n", string(got), "JSON by the .jsonl extension")
}

func TestRunFormats(t *testing.T) {
	payload, err := os.ReadFile(td("pass", "map_pickle", "payload.pkl"))
	require.NoError(t, err)
	// dict * 2 would raise; a list of the dict does not.
	in := Input{Kind: JSONLInput, Data: []byte(`[{"b": 1, "a": [1.5, null, true]}]` + "\n" + `"x\u00e9"` + "\n")}
	out, err := Run(payload, in, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"[{'b': 1, 'a': [1.5, None, True]}, {'b': 1, 'a': [1.5, None, True]}]",
		"'xéxé'",
	}, out.Lines)
	out, err = Run(payload, in, Options{Format: JSON})
	require.NoError(t, err)
	assert.Equal(t, []string{
		`[{"b": 1, "a": [1.5, null, true]}, {"b": 1, "a": [1.5, null, true]}]`,
		`"x\u00e9x\u00e9"`,
	}, out.Lines)
	_, err = Run(payload, in, Options{Format: "yaml"})
	assert.Error(t, err)
	_, err = Run(payload, Input{Kind: JSONLInput, Data: []byte("1\n{\n")}, Options{})
	assert.ErrorContains(t, err, "line 2")
}

func TestJSONLInput(t *testing.T) {
	data := []byte("1\n-0\n1.0\n1e400\n123456789012345678901234567890\n{\"k\": 1, \"j\": 2, \"k\": 3}\n  \n[]\n{}\n\"\\u00e9\"\n")
	items, err := jsonlRecords(data)
	require.NoError(t, err)
	require.Len(t, items, 9)
	assert.Equal(t, int64(1), items[0].(*pickle.Int).Value)
	assert.Equal(t, int64(0), items[1].(*pickle.Int).Value)
	assert.Equal(t, 1.0, items[2].(*pickle.Float).Value)
	assert.True(t, items[3].(*pickle.Float).Value > 1e308)
	want, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	assert.Equal(t, 0, want.Cmp(items[4].(*pickle.BigInt).Value))
	d := items[5].(*pickle.Dict)
	require.Len(t, d.Entries, 2)
	assert.Equal(t, "k", d.Entries[0].Key.(*pickle.Str).Value)
	assert.Equal(t, int64(3), d.Entries[0].Value.(*pickle.Int).Value, "last value, first position")
	assert.Equal(t, "é", items[8].(*pickle.Str).Value)

	for _, bad := range []string{"1 2\n", "[1,\n", "nope\n", "}\n"} {
		_, err := jsonlRecords([]byte(bad))
		assert.Error(t, err, bad)
	}
}

func TestTextInput(t *testing.T) {
	assert.Nil(t, textLines(nil))
	assert.Equal(t, []string{"a", "", "b"}, textLines([]byte("a\r\n\nb")))
	assert.Equal(t, []string{""}, textLines([]byte("\n")))
	assert.Equal(t, []string{"a", ""}, textLines([]byte("a\n\n")))
}

func TestInputKinds(t *testing.T) {
	for name, want := range map[string]InputKind{"a.pkl": PickleInput, "a.PICKLE": PickleInput, "a.jsonl": JSONLInput, "a.ndjson": JSONLInput, "a.txt": TextInput} {
		k, err := KindOf(name)
		assert.NoError(t, err)
		assert.Equal(t, want, k, name)
	}
	_, err := KindOf("a.json")
	assert.Error(t, err)
	in, err := ReadInput("")
	assert.NoError(t, err)
	assert.Equal(t, NoInput, in.Kind)
	p, err := in.Pickle()
	assert.NoError(t, err)
	assert.Nil(t, p)
	assert.Equal(t, "none jsonl", NoInput.String()+" "+JSONLInput.String())
}

func TestDiff(t *testing.T) {
	assert.Equal(t, "", Diff("a", "b", []byte("x\n"), []byte("x\n")))
	// A record inserted and one removed: removed lines count in want,
	// the others in got.
	want := []byte("a\nb\nc\nd\n")
	got := []byte("a\nX\nb\nc\n")
	assert.Equal(t, "--- w\n+++ g\n@@ -1,4 +1,4 @@\n [0] a\n+[1] X\n [2] b\n [3] c\n-[3] d\n", Diff("w", "g", want, got))
	// Empty golden: the hunk header names line 0.
	assert.Equal(t, "--- w\n+++ g\n@@ -0,0 +1,2 @@\n+[0] 1\n+[1] 2\n", Diff("w", "g", nil, []byte("1\n2\n")))
	// Far-apart changes, two hunks, numbers padded to the widest.
	var w, g strings.Builder
	for i := range 120 {
		line := strings.Repeat("x", i%3) + "\n"
		w.WriteString(line)
		if i == 5 || i == 110 {
			line = "changed\n"
		}
		g.WriteString(line)
	}
	d := Diff("w", "g", []byte(w.String()), []byte(g.String()))
	assert.Contains(t, d, "@@ -3,7 +3,7 @@\n [  2] xx\n")
	assert.Contains(t, d, "-[  5] xx\n+[  5] changed\n")
	assert.Contains(t, d, "-[110] xx\n+[110] changed\n")
	// A missing final newline is kept as diff marks it.
	assert.Contains(t, Diff("w", "g", []byte("a\n"), []byte("a\nb")), "+[1] b\n\\ No newline at end of file\n")
	// Binary content is a hex dump, without record numbers.
	assert.NotContains(t, Diff("w", "g", []byte{0, 1}, []byte{0, 2}), "[0]")
}

func TestAddressNumbering(t *testing.T) {
	m := addressNumbering{}
	assert.Equal(t, "<f at 0x7f0000001000> <g at 0x7f0000001040> <f at 0x7f0000001000>",
		m.replace("<f at 0xc000123> <g at 0xc000456> <f at 0xc000123>"))
}

func TestParseFormat(t *testing.T) {
	f, err := ParseFormat("")
	assert.NoError(t, err)
	assert.Equal(t, Repr, f)
	f, err = ParseFormat("json")
	assert.NoError(t, err)
	assert.Equal(t, JSON, f)
	_, err = ParseFormat("xml")
	assert.Error(t, err)
	assert.Equal(t, JSON, FormatOf("a/b.jsonl"))
	assert.Equal(t, Repr, FormatOf("a/b.txt"))
	assert.Equal(t, Repr, FormatOf("a/b.golden"))
}

func TestModes(t *testing.T) {
	lambda, err := os.ReadFile(td("pass", "map_pickle", "payload.pkl")) // lambda x: x * 2
	require.NoError(t, err)
	in := Input{Kind: JSONLInput, Data: []byte("0\n1\n\"ab\"\n")}
	for mode, want := range map[string][]string{
		"":       {"0", "2", "'abab'"},
		"map":    {"0", "2", "'abab'"},
		"filter": {"1", "'ab'"},
	} {
		out, err := Run(lambda, in, Options{Mode: mode})
		require.NoError(t, err, mode)
		assert.Equal(t, want, out.Lines, mode)
		assert.Equal(t, 3, out.Records, mode)
	}
	out, err := Run(lambda, Input{Kind: TextInput, Data: []byte("ab\nc\n")}, Options{Mode: "flatmap"})
	require.NoError(t, err)
	assert.Equal(t, []string{"'a'", "'b'", "'a'", "'b'", "'c'", "'c'"}, out.Lines)

	// An exception outside map mode names no record.
	_, err = Run(lambda, in, Options{Mode: "flatmap"})
	var re *RecordError
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, -1, re.Index)
	assert.Empty(t, re.Input)
	assert.Equal(t, "TypeError: 'int' object is not iterable", re.Traceback(), "raised by flatMap itself: no frames")

	_, err = Run(lambda, in, Options{Mode: "sideways"})
	assert.ErrorContains(t, err, "unknown mode")
	_, err = Run(lambda, Input{}, Options{Mode: "filter"})
	assert.ErrorContains(t, err, "mode filter needs input records")
}
