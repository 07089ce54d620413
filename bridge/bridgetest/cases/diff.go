package cases

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pybridge/pybridge/internal/textdiff"
)

// Diff returns a unified diff that turns want into got, labelled wantName
// and gotName, or "" when they are equal. Each line of a hunk carries the
// number of the output record it holds, from 0, after its "-", "+" or " "
// marker: removed lines count in want, the others in got. For example:
//
//	--- testdata/upper/want.txt
//	+++ got
//	@@ -2,3 +2,3 @@
//	 [1] 'BETA'
//	-[2] 'GAMMA'
//	+[2] 'GAMMA '
//	 [3] 'DELTA'
//
// Binary content (not UTF-8, or with a NUL byte) is diffed as a hex dump
// without record numbers.
func Diff(wantName, gotName string, want, got []byte) string {
	d := textdiff.Unified(wantName, gotName, want, got)
	if d == "" || !isText(want) || !isText(got) {
		return d
	}
	width := len(strconv.Itoa(max(strings.Count(string(want), "\n"), strings.Count(string(got), "\n"))))
	lines := strings.SplitAfter(d, "\n")
	var b strings.Builder
	a, g := 0, 0 // 0-based line numbers in want and got
	for i, l := range lines {
		switch {
		case i < 2 || l == "":
			b.WriteString(l)
			continue
		case strings.HasPrefix(l, "@@ "):
			a, g = hunkStarts(l)
			b.WriteString(l)
			continue
		case strings.HasPrefix(l, `\`):
			b.WriteString(l)
			continue
		}
		n := g
		switch l[0] {
		case '-':
			n = a
			a++
		case '+':
			g++
		default:
			a++
			g++
		}
		fmt.Fprintf(&b, "%c[%*d] %s", l[0], width, n, l[1:])
	}
	return b.String()
}

// hunkStarts parses "@@ -l[,s] +l[,s] @@" into the 0-based first line of
// each side.
func hunkStarts(h string) (int, int) {
	var a, g int
	f := strings.Fields(h)
	if len(f) >= 3 {
		a = startOf(strings.TrimPrefix(f[1], "-"))
		g = startOf(strings.TrimPrefix(f[2], "+"))
	}
	return a, g
}

func startOf(r string) int {
	s, n, ok := strings.Cut(r, ",")
	start, _ := strconv.Atoi(s)
	if ok && n == "0" {
		// An empty side names the line before the hunk.
		return start
	}
	return start - 1
}

func isText(b []byte) bool {
	return utf8.Valid(b) && !strings.ContainsRune(string(b), 0)
}
