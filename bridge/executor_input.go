package bridge

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/pybridge/pybridge/pickle"
)

// slice returns the bounds of partition i of n over length items, as
// Spark's parallelize slices a collection.
func slice(length, n, i int) (int, int) {
	return int(int64(i) * int64(length) / int64(n)), int(int64(i+1) * int64(length) / int64(n))
}

// SplitPickle splits a pickle of a list or tuple of records into n
// partitions (as sc.parallelize slices a collection), each a pickle of its
// slice. The pickle is not checked here: Run checks each partition.
func SplitPickle(data []byte, n int) ([]Partition, error) {
	if n < 1 {
		return nil, fmt.Errorf("pybridge: %d partitions", n)
	}
	if n == 1 {
		return []Partition{{Pickle: data}}, nil
	}
	g, err := pickle.Decode(data)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	var items []pickle.Value
	switch r := g.Root.(type) {
	case *pickle.List:
		items = r.Items
	case *pickle.Tuple:
		items = r.Items
	default:
		return nil, &InputError{Err: fmt.Errorf("pybridge: the input is a %T; want a list or tuple of records", g.Root)}
	}
	if len(g.Popped) > 0 || len(g.Leftover) > 0 {
		// Popped state setters belong to the whole graph: keep it whole.
		return nil, &InputError{Err: fmt.Errorf("pybridge: this input pickle cannot be split into partitions (it holds cloudpickled objects); use one partition")}
	}
	parts := make([]Partition, n)
	for i := range parts {
		lo, hi := slice(len(items), n, i)
		var b bytes.Buffer
		if err := pickle.Encode(&b, &pickle.List{Items: items[lo:hi]}, nil); err != nil {
			return nil, &InputError{Err: err}
		}
		parts[i].Pickle = b.Bytes()
	}
	return parts, nil
}

// SplitStream splits a PySpark data stream into n partitions at frame
// boundaries (contiguous runs of frames; a trailing end marker is
// dropped). Streams whose frames go in pairs (PairDeserializer) must stay
// in one partition.
func SplitStream(data []byte, n int) ([]Partition, error) {
	if n < 1 {
		return nil, fmt.Errorf("pybridge: %d partitions", n)
	}
	var frames [][2]int
	r := bytes.NewReader(data)
	for {
		start := len(data) - r.Len()
		b, marker, err := ReadFrame(r)
		if err != nil {
			return nil, &InputError{Err: err}
		}
		if b == nil && marker == FrameEnd {
			break
		}
		frames = append(frames, [2]int{start, len(data) - r.Len()})
	}
	parts := make([]Partition, n)
	for i := range parts {
		lo, hi := slice(len(frames), n, i)
		if lo == hi {
			parts[i].Stream = []byte{}
			continue
		}
		parts[i].Stream = data[frames[lo][0]:frames[hi-1][1]]
	}
	return parts, nil
}

// SplitLines splits text into records, one per line as textFile reads
// them (without "\n" or "\r\n"; no record after a final newline), in n
// partitions.
func SplitLines(text []byte, n int) []Partition {
	s := string(text)
	s = strings.TrimSuffix(s, "\n")
	var lines []string
	if len(text) > 0 {
		lines = strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimSuffix(l, "\r")
		}
	}
	parts := make([]Partition, n)
	for i := range parts {
		lo, hi := slice(len(lines), n, i)
		parts[i].Lines = lines[lo:hi:hi]
		if parts[i].Lines == nil {
			parts[i].Lines = []string{}
		}
	}
	return parts
}

// SplitJSONL reads one JSON value per non-empty line into n partitions of
// Go records: objects become Dict (in document order), arrays []any,
// integers int64 or *big.Int, other numbers float64.
func SplitJSONL(r io.Reader, n int) ([]Partition, error) {
	var recs []any
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<30)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		v, err := jsonValue(dec)
		if err == nil && dec.More() {
			err = fmt.Errorf("extra data after the value")
		}
		if err != nil {
			return nil, &InputError{Err: fmt.Errorf("pybridge: line %d: %v", line, err)}
		}
		recs = append(recs, v)
	}
	if err := sc.Err(); err != nil {
		return nil, &InputError{Err: err}
	}
	parts := make([]Partition, n)
	for i := range parts {
		lo, hi := slice(len(recs), n, i)
		parts[i].Records = recs[lo:hi:hi]
		if parts[i].Records == nil {
			parts[i].Records = []any{}
		}
	}
	return parts, nil
}

func jsonValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch x := tok.(type) {
	case json.Delim:
		switch x {
		case '[':
			out := []any{}
			for dec.More() {
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			_, err := dec.Token()
			return out, err
		case '{':
			out := Dict{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				out = append(out, DictItem{k.(string), v})
			}
			_, err := dec.Token()
			return out, err
		}
		return nil, fmt.Errorf("unexpected %v", x)
	case json.Number:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			if b, ok := new(big.Int).SetString(s, 10); ok {
				if b.IsInt64() {
					return b.Int64(), nil
				}
				return b, nil
			}
		}
		return x.Float64()
	}
	return tok, nil // string, bool, nil
}
