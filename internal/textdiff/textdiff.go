// Package textdiff renders unified-style line diffs, with a hex-dump
// fallback for binary content.
package textdiff

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Context is the number of unchanged lines shown around each change in a diff.
const Context = 3

// maxCells bounds the size of the LCS table; inputs whose differing middle
// section is larger are shown as one replaced block.
const maxCells = 16 << 20

// Unified returns a unified-style diff that turns want into got, labelled
// wantName and gotName, or "" when they are equal. Text is compared line by
// line; if either side is not valid UTF-8 or contains a NUL byte, both are
// compared as hex dumps of 16 bytes a line.
func Unified(wantName, gotName string, want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	var a, b []string
	if isText(want) && isText(got) {
		a, b = splitLines(string(want)), splitLines(string(got))
	} else {
		a, b = hexLines(want), hexLines(got)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", wantName, gotName)
	for _, h := range hunks(diffOps(a, b), Context) {
		writeHunk(&sb, h, a, b)
	}
	return sb.String()
}

func isText(b []byte) bool {
	return utf8.Valid(b) && bytes.IndexByte(b, 0) < 0
}

// splitLines splits s after each newline; the last line lacks one only when
// s does not end with a newline.
func splitLines(s string) []string {
	parts := strings.SplitAfter(s, "\n")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// hexLines renders b as hex dump lines: offset, 16 bytes in hex, ASCII.
func hexLines(b []byte) []string {
	var lines []string
	for off := 0; off < len(b); off += 16 {
		end := min(off+16, len(b))
		var sb strings.Builder
		fmt.Fprintf(&sb, "%08x ", off)
		for i := off; i < off+16; i++ {
			if i < end {
				fmt.Fprintf(&sb, " %02x", b[i])
			} else {
				sb.WriteString("   ")
			}
		}
		sb.WriteString("  |")
		for _, c := range b[off:end] {
			if c >= 0x20 && c < 0x7f {
				sb.WriteByte(c)
			} else {
				sb.WriteByte('.')
			}
		}
		sb.WriteString("|\n")
		lines = append(lines, sb.String())
	}
	return lines
}

// opKind is one step of an edit script.
type opKind byte

const (
	opEqual  opKind = '='
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// op covers line a[i] (equal, delete) and/or b[j] (equal, insert).
type op struct {
	kind opKind
	i, j int
}

// diffOps returns an edit script from a to b: common prefix and suffix are
// matched directly, the middle by a longest-common-subsequence table (or, if
// that table would be too big, as one deleted and one inserted block).
func diffOps(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]op, 0, len(a)+len(b))
	for k := 0; k < pre; k++ {
		ops = append(ops, op{opEqual, k, k})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(ma), len(mb)
	if n*m > maxCells {
		for k := 0; k < n; k++ {
			ops = append(ops, op{opDelete, pre + k, pre})
		}
		for k := 0; k < m; k++ {
			ops = append(ops, op{opInsert, pre + n, pre + k})
		}
	} else {
		// lcs[i*(m+1)+j] = LCS length of ma[i:] and mb[j:].
		lcs := make([]int32, (n+1)*(m+1))
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				switch {
				case ma[i] == mb[j]:
					lcs[i*(m+1)+j] = lcs[(i+1)*(m+1)+j+1] + 1
				case lcs[(i+1)*(m+1)+j] >= lcs[i*(m+1)+j+1]:
					lcs[i*(m+1)+j] = lcs[(i+1)*(m+1)+j]
				default:
					lcs[i*(m+1)+j] = lcs[i*(m+1)+j+1]
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && ma[i] == mb[j]:
				ops = append(ops, op{opEqual, pre + i, pre + j})
				i++
				j++
			case j == m || (i < n && lcs[(i+1)*(m+1)+j] >= lcs[i*(m+1)+j+1]):
				ops = append(ops, op{opDelete, pre + i, pre + j})
				i++
			default:
				ops = append(ops, op{opInsert, pre + i, pre + j})
				j++
			}
		}
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, op{opEqual, len(a) - suf + k, len(b) - suf + k})
	}
	return ops
}

// hunks cuts an edit script into runs of changes with up to ctx equal lines
// around each; changes separated by at most 2*ctx equal lines share a hunk.
func hunks(ops []op, ctx int) [][]op {
	var out [][]op
	k := 0
	for k < len(ops) {
		for k < len(ops) && ops[k].kind == opEqual {
			k++
		}
		if k == len(ops) {
			break
		}
		start := max(0, k-ctx)
		end := k
		for end < len(ops) {
			if ops[end].kind != opEqual {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == opEqual {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(end+ctx, run)
				break
			}
			end = run
		}
		out = append(out, ops[start:end])
		k = end
	}
	return out
}

// writeHunk prints one hunk with its "@@ -l,s +l,s @@" header.
func writeHunk(sb *strings.Builder, h []op, a, b []string) {
	na, nb := 0, 0
	for _, o := range h {
		if o.kind != opInsert {
			na++
		}
		if o.kind != opDelete {
			nb++
		}
	}
	sa, sbStart := h[0].i+1, h[0].j+1
	if na == 0 {
		sa--
	}
	if nb == 0 {
		sbStart--
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(sa, na), hunkRange(sbStart, nb))
	for _, o := range h {
		var line string
		prefix := " "
		switch o.kind {
		case opEqual:
			line = a[o.i]
		case opDelete:
			prefix, line = "-", a[o.i]
		case opInsert:
			prefix, line = "+", b[o.j]
		}
		sb.WriteString(prefix)
		sb.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
