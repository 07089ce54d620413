package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/pybridge/pybridge/bridge/cloudpickle"
	"github.com/pybridge/pybridge/pickle"
)

func init() {
	register(&command{
		name:    "dis",
		summary: "disassemble payloads: opcodes with offsets, then the object graph",
		run:     runDis,
	})
}

// disJSON is the document `dis --format json` prints for one payload.
type disJSON struct {
	File    string          `json:"file"`
	Length  int             `json:"length"`
	Opcodes []disOp         `json:"opcodes,omitempty"`
	Graph   json.RawMessage `json:"graph,omitempty"`
	Error   string          `json:"error,omitempty"`
}

type disOp struct {
	Offset int64  `json:"offset"`
	Op     string `json:"op"`
	Arg    string `json:"arg,omitempty"`
}

func runDis(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("dis", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	format := fs.String("format", "text", "output format: text or json")
	opcodes := fs.Bool("opcodes", false, "with --format json, include the opcode listing")
	noOffsets := fs.Bool("no-offsets", false, "leave byte offsets out of the graph")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: pybridge dis [--format text|json] [--opcodes] [--no-offsets] PAYLOAD...")
		fmt.Fprintln(env.stderr, "\nPAYLOAD is a pickle file, or - for standard input. The JSON graph names no memo")
		fmt.Fprintln(env.stderr, "indexes or class-tracker ids, so it is the same for the same objects from run to run.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 || (*format != "text" && *format != "json") {
		fs.Usage()
		return 2
	}
	opts := pickle.TreeOptions{
		Annotate:  cloudpickle.Annotate,
		Redact:    cloudpickle.RedactTrackerID,
		NoOffsets: *noOffsets,
	}
	status := 0
	for _, path := range fs.Args() {
		data, err := readInput(env, path)
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %v\n", err)
			status = 2
			continue
		}
		var derr error
		if *format == "json" {
			derr = disJSONOut(env.stdout, path, data, opts, *opcodes)
		} else {
			derr = disText(env.stdout, path, data, opts, fs.NArg() > 1)
		}
		if derr != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", path, derr)
			status = 2
		}
	}
	return status
}

// disText prints the opcode listing, then the graph tree. On a decode
// error it prints the opcodes read before it and returns the error.
func disText(w io.Writer, path string, data []byte, opts pickle.TreeOptions, header bool) error {
	var b strings.Builder
	if header {
		fmt.Fprintf(&b, "== %s\n", path)
	}
	ops, oerr := pickle.Ops(data)
	fmt.Fprintf(&b, "opcodes (%d bytes):\n", len(data))
	memo := 0
	for _, op := range ops {
		arg := op.ArgString()
		if op.Name == "MEMOIZE" {
			arg = fmt.Sprintf("(as %d)", memo)
			memo++
		}
		fmt.Fprintf(&b, "%8d  %-18s %s\n", op.Offset, op.Name, arg)
	}
	g, err := pickle.Decode(data)
	if err == nil && oerr != nil {
		err = oerr
	}
	if err != nil {
		io.WriteString(w, b.String())
		return err
	}
	b.WriteString("\ngraph:\n")
	io.WriteString(w, b.String())
	return pickle.Tree(w, g, opts)
}

func disJSONOut(w io.Writer, path string, data []byte, opts pickle.TreeOptions, withOps bool) error {
	doc := disJSON{File: path, Length: len(data)}
	if withOps {
		ops, _ := pickle.Ops(data)
		doc.Opcodes = make([]disOp, 0, len(ops))
		for _, op := range ops {
			doc.Opcodes = append(doc.Opcodes, disOp{op.Offset, op.Name, op.ArgString()})
		}
	}
	g, err := pickle.Decode(data)
	if err == nil {
		doc.Graph, err = pickle.TreeJSON(g, opts)
	}
	if err != nil {
		doc.Error = err.Error()
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if merr := enc.Encode(doc); merr != nil {
		return merr
	}
	return err
}
