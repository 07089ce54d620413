package cases

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pybridge/pybridge/pickle"
)

// InputKind says how the bytes of an Input are read.
type InputKind int

// The input kinds.
const (
	// NoInput calls the payload once with no argument, as `pybridge run`
	// does without --input.
	NoInput InputKind = iota
	// PickleInput is a pickle of a list or tuple of records, as
	// pickle.dumps(records) writes it.
	PickleInput
	// JSONLInput is JSON Lines: one JSON value a line, read as Python's
	// json.loads reads it (objects become dicts in key order, integers
	// ints of any size, numbers with a fraction or exponent floats). Blank
	// lines are skipped.
	JSONLInput
	// TextInput is text: one str record a line, without its line ending
	// ("\n" or "\r\n"), as sc.textFile reads a file.
	TextInput
)

// String returns the kind's name: "none", "pickle", "jsonl" or "text".
func (k InputKind) String() string {
	switch k {
	case PickleInput:
		return "pickle"
	case JSONLInput:
		return "jsonl"
	case TextInput:
		return "text"
	}
	return "none"
}

// Input is the records a payload is applied to.
type Input struct {
	// Kind says how Data is read.
	Kind InputKind
	// Data is the file's contents.
	Data []byte
}

// inputExts maps input file extensions to kinds.
var inputExts = map[string]InputKind{
	".pkl":    PickleInput,
	".pickle": PickleInput,
	".jsonl":  JSONLInput,
	".ndjson": JSONLInput,
	".txt":    TextInput,
}

// KindOf returns the input kind of a file name by its extension: .pkl and
// .pickle are pickles, .jsonl and .ndjson JSON Lines, .txt text.
func KindOf(path string) (InputKind, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if k, ok := inputExts[ext]; ok {
		return k, nil
	}
	return NoInput, fmt.Errorf("%s: unknown input kind %q (want .pkl, .jsonl or .txt)", path, ext)
}

// ReadInput reads an input file, its kind given by its extension (see
// KindOf). An empty path is NoInput.
func ReadInput(path string) (Input, error) {
	if path == "" {
		return Input{}, nil
	}
	k, err := KindOf(path)
	if err != nil {
		return Input{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Input{}, err
	}
	return Input{Kind: k, Data: data}, nil
}

// Pickle returns the input as the pickle of a list of records that
// bridge.Prepare takes, or nil for NoInput. JSON Lines and text are
// converted; a pickle is returned as is.
func (in Input) Pickle() ([]byte, error) {
	switch in.Kind {
	case NoInput:
		return nil, nil
	case PickleInput:
		return in.Data, nil
	case JSONLInput:
		items, err := jsonlRecords(in.Data)
		if err != nil {
			return nil, err
		}
		return pickle.Marshal(&pickle.List{Items: items})
	case TextInput:
		lines := textLines(in.Data)
		items := make([]pickle.Value, len(lines))
		for i, l := range lines {
			items[i] = &pickle.Str{Value: l}
		}
		return pickle.Marshal(&pickle.List{Items: items})
	}
	return nil, fmt.Errorf("unknown input kind %d", in.Kind)
}

// textLines splits text into lines without their endings; a final line
// ending does not start another record.
func textLines(data []byte) []string {
	s := string(data)
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// jsonlRecords parses JSON Lines into pickle nodes.
func jsonlRecords(data []byte) ([]pickle.Value, error) {
	var items []pickle.Value
	for n, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		v, err := jsonValue(dec)
		if err == nil {
			if _, extra := dec.Token(); extra != io.EOF {
				err = fmt.Errorf("more than one JSON value")
			}
		}
		if err != nil {
			return nil, fmt.Errorf("JSON Lines input, line %d: %v", n+1, err)
		}
		items = append(items, v)
	}
	return items, nil
}

// jsonValue reads one JSON value from dec as a pickle node.
func jsonValue(dec *json.Decoder) (pickle.Value, error) {
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	switch x := tok.(type) {
	case nil:
		return &pickle.None{}, nil
	case bool:
		return &pickle.Bool{Value: x}, nil
	case string:
		return &pickle.Str{Value: x}, nil
	case json.Number:
		return jsonNumber(string(x))
	case json.Delim:
		switch x {
		case '[':
			l := &pickle.List{Items: []pickle.Value{}}
			for dec.More() {
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				l.Items = append(l.Items, v)
			}
			_, err := dec.Token() // ]
			return l, err
		case '{':
			d := &pickle.Dict{}
			pos := map[string]int{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				// A repeated key keeps its first position and takes the
				// last value, as a Python dict does.
				if i, ok := pos[k]; ok {
					d.Entries[i].Value = v
					continue
				}
				pos[k] = len(d.Entries)
				d.Entries = append(d.Entries, pickle.DictEntry{Key: &pickle.Str{Value: k}, Value: v})
			}
			_, err := dec.Token() // }
			return d, err
		}
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

// jsonNumber converts a JSON number as json.loads does: an int when it has
// no fraction or exponent, else a float (out-of-range floats are ±inf).
func jsonNumber(s string) (pickle.Value, error) {
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return &pickle.Int{Value: i}, nil
		}
		b, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return nil, fmt.Errorf("bad number %q", s)
		}
		return &pickle.BigInt{Value: b}, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil, fmt.Errorf("bad number %q", s)
	}
	return &pickle.Float{Value: f}, nil
}
