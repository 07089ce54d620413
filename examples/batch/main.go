// Command batch runs a PySpark-shaped word count over a text file with
// pybridge's executor, the way Spark would run its two stages on Python
// workers:
//
//  1. the map side: PySpark's command for
//     textFile(path).flatMap(lambda l: l.lower().split()).map(lambda w: (w, 1)).reduceByKey(add)
//     up to the shuffle (combineLocally, then add_shuffle_key), run on each
//     partition of lines; its output stream alternates pack_long(bucket)
//     and a pickled list of (word, count) pairs;
//  2. the shuffle, done here: each pickled list goes to its bucket;
//  3. the reduce side: PySpark's _mergeCombiners command run on each
//     bucket's stream.
//
// The payloads in payloads/ were made by testdata/gen/gen_exec.py with
// CPython 3.11 and 3.12 and cloudpickle, as PySpark makes them.
//
// Usage:
//
//	go run ./examples/batch [--partitions N] [--workers N] [--top N] FILE
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"

	"github.com/pybridge/pybridge/bridge"
	_ "github.com/pybridge/pybridge/bridge/pyspark"
)

// WordCount is one word and how often it occurs.
type WordCount struct {
	Word  string
	Count int64
}

// Options configures wordCount.
type Options struct {
	Partitions, Workers int
	// Payloads is the folder with wordcount_{map,reduce}_side.py3.X.pkl.
	Payloads string
	// Python is the payloads' CPython version ("3.12").
	Python string
}

// wordCount counts the words of text, most frequent first (ties by word).
func wordCount(ctx context.Context, text []byte, o Options) ([]WordCount, error) {
	// The map side's output is the shuffle stream; the reduce side's, Go values.
	load := func(stage string, out bridge.Format) (*bridge.Program, error) {
		b, err := os.ReadFile(filepath.Join(o.Payloads, fmt.Sprintf("wordcount_%s.py%s.pkl", stage, o.Python)))
		if err != nil {
			return nil, err
		}
		ex, err := bridge.NewExecutor(bridge.ExecutorOptions{Workers: o.Workers, Output: out})
		if err != nil {
			return nil, err
		}
		return ex.Load(b)
	}
	mapSide, err := load("map_side", bridge.FormatStream)
	if err != nil {
		return nil, err
	}
	reduceSide, err := load("reduce_side", bridge.FormatGo)
	if err != nil {
		return nil, err
	}
	// Stage 1: one task per partition of lines.
	out, err := mapSide.Run(ctx, bridge.SplitLines(text, o.Partitions))
	if err != nil {
		return nil, err
	}
	// The shuffle: frames alternate pack_long(bucket) and a pickled batch.
	var buckets []bytes.Buffer
	for _, r := range out {
		rd := bytes.NewReader(r.Data)
		for {
			key, n, err := bridge.ReadFrame(rd)
			if err != nil {
				return nil, err
			}
			if n == bridge.FrameEnd {
				break
			}
			val, _, err := bridge.ReadFrame(rd)
			if err != nil || len(key) != 8 {
				return nil, fmt.Errorf("bad shuffle stream: %v", err)
			}
			b := int(binary.BigEndian.Uint64(key))
			for len(buckets) <= b {
				buckets = append(buckets, bytes.Buffer{})
			}
			if err := bridge.WriteFrame(&buckets[b], val); err != nil {
				return nil, err
			}
		}
	}
	// Stage 2: one task per bucket.
	parts := make([]bridge.Partition, len(buckets))
	for i := range buckets {
		parts[i].Stream = buckets[i].Bytes()
	}
	res, err := reduceSide.Run(ctx, parts)
	if err != nil {
		return nil, err
	}
	var counts []WordCount
	for _, r := range res {
		for _, rec := range r.Records {
			kv, ok := rec.(bridge.Tuple)
			if !ok || len(kv) != 2 {
				return nil, fmt.Errorf("unexpected record %v", rec)
			}
			w, _ := kv[0].(string)
			c, _ := kv[1].(int64)
			counts = append(counts, WordCount{w, c})
		}
	}
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Count != counts[j].Count {
			return counts[i].Count > counts[j].Count
		}
		return counts[i].Word < counts[j].Word
	})
	return counts, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	parts := fs.Int("partitions", 4, "partitions of the input lines")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "worker goroutines")
	top := fs.Int("top", 10, "print this many words (0: all)")
	payloads := fs.String("payloads", "examples/batch/payloads", "folder of the PySpark command payloads")
	python := fs.String("python", "3.12", "CPython version of the payloads to use")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: batch [--partitions N] [--workers N] [--top N] FILE")
		return 2
	}
	text, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "batch:", err)
		return 2
	}
	counts, err := wordCount(context.Background(), text, Options{Partitions: *parts, Workers: *workers, Payloads: *payloads, Python: *python})
	if err != nil {
		fmt.Fprintln(stderr, "batch:", err)
		return 1
	}
	if *top > 0 && len(counts) > *top {
		counts = counts[:*top]
	}
	for _, c := range counts {
		fmt.Fprintf(stdout, "%7d %s\n", c.Count, c.Word)
	}
	return 0
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
