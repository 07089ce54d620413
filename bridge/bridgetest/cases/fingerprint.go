package cases

import (
	"bytes"
	"encoding/json"

	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/bridge/cloudpickle"
	"github.com/pybridge/pybridge/pickle"
)

// CheckJSON returns the stored form of the checker's report on a payload:
// the indented JSON document that `pybridge check --golden REPORT.json
// --update` writes (the report of `check --format json` with an empty file
// name).
func CheckJSON(payload []byte, opts check.Options) ([]byte, error) {
	r := check.Bytes(payload, opts)
	r.File = ""
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// disDoc is the document `pybridge dis --format json` prints for one
// payload (without --opcodes).
type disDoc struct {
	File   string          `json:"file"`
	Length int             `json:"length"`
	Graph  json.RawMessage `json:"graph,omitempty"`
	Error  string          `json:"error,omitempty"`
}

// DisJSON returns the fingerprint of what a payload ships: the document
// `pybridge dis --format json --no-offsets FILE` prints, with file as its
// "file" field. The graph names no memo indexes, cloudpickle class-tracker
// ids or byte offsets, so it changes only when the pickled objects do. A
// payload that does not decode gives a document with its "error".
func DisJSON(payload []byte, file string) ([]byte, error) {
	doc := disDoc{File: file, Length: len(payload)}
	g, err := pickle.Decode(payload)
	if err == nil {
		doc.Graph, err = pickle.TreeJSON(g, pickle.TreeOptions{
			Annotate:  cloudpickle.Annotate,
			Redact:    cloudpickle.RedactTrackerID,
			NoOffsets: true,
		})
	}
	if err != nil {
		doc.Error = err.Error()
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// disFile returns the "file" field of a stored dis document, or "" when it
// has none or is not JSON.
func disFile(stored []byte) string {
	var d struct {
		File string `json:"file"`
	}
	if json.Unmarshal(stored, &d) != nil {
		return ""
	}
	return d.File
}
