// Command service is an HTTP service that runs cloudpickled Python
// functions on records with pybridge's executor.
//
//	POST /run   {"payload": "<base64 cloudpickle>", "records": [...],
//	             "partitions": 2, "mode": "map"}
//
// answers {"results": [...], "tasks": [{"partition", "records_in",
// "records_out", "steps", "micros"}]} with the results as JSON (Python's
// json.dumps of each result), or an error: 400 for a bad request or a
// payload the checker refuses (with its findings), 413 for a body over the
// limit, 422 for a Python exception (with partition, attempt and
// traceback), 504 when the request's time limit passes.
//
// client.py makes a payload with cloudpickle and posts it. Every request is
// bounded: body size, partitions, steps per task and wall time.
//
// Usage:
//
//	go run ./examples/service [--addr 127.0.0.1:8080] [--workers N]
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/bridge/check"
	_ "github.com/pybridge/pybridge/bridge/pyspark"
)

// Limits bounds what one request may use.
type Limits struct {
	MaxBody       int64
	MaxPartitions int
	MaxSteps      int64
	Timeout       time.Duration
}

// DefaultLimits are the service's defaults.
var DefaultLimits = Limits{MaxBody: 4 << 20, MaxPartitions: 64, MaxSteps: 50_000_000, Timeout: 10 * time.Second}

type request struct {
	Payload    string          `json:"payload"`
	Records    json.RawMessage `json:"records"`
	Partitions int             `json:"partitions"`
	Mode       string          `json:"mode"`
}

type taskInfo struct {
	Partition  int   `json:"partition"`
	RecordsIn  int64 `json:"records_in"`
	RecordsOut int64 `json:"records_out"`
	Steps      int64 `json:"steps"`
	Micros     int64 `json:"micros"`
}

type errorReply struct {
	Error     string `json:"error"`
	Partition *int   `json:"partition,omitempty"`
	Attempt   int    `json:"attempt,omitempty"`
	Traceback string `json:"traceback,omitempty"`
	Findings  string `json:"findings,omitempty"`
}

// server holds one executor per mode-independent configuration; the
// executor bounds the tasks running at once over all requests.
type server struct {
	lim Limits
	ex  *bridge.Executor
}

func newServer(workers int, lim Limits) (*server, error) {
	ex, err := bridge.NewExecutor(bridge.ExecutorOptions{Workers: workers, Output: bridge.FormatPython,
		MaxSteps: lim.MaxSteps, MaxFailures: 2})
	if err != nil {
		return nil, err
	}
	return &server{lim: lim, ex: ex}, nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/run" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		reply(w, http.StatusMethodNotAllowed, errorReply{Error: "use POST"})
		return
	}
	var req request
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, s.lim.MaxBody))
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			reply(w, http.StatusRequestEntityTooLarge, errorReply{Error: fmt.Sprintf("request body over %d bytes", s.lim.MaxBody)})
			return
		}
		reply(w, http.StatusBadRequest, errorReply{Error: "bad JSON: " + err.Error()})
		return
	}
	payload, err := base64.StdEncoding.DecodeString(req.Payload)
	if err != nil {
		reply(w, http.StatusBadRequest, errorReply{Error: "payload: " + err.Error()})
		return
	}
	if req.Partitions == 0 {
		req.Partitions = 1
	}
	if req.Partitions < 0 || req.Partitions > s.lim.MaxPartitions {
		reply(w, http.StatusBadRequest, errorReply{Error: fmt.Sprintf("partitions must be 1 to %d", s.lim.MaxPartitions)})
		return
	}
	mode, err := bridge.ParseMode(req.Mode)
	if err != nil {
		reply(w, http.StatusBadRequest, errorReply{Error: err.Error()})
		return
	}
	// The records: one JSON array, parsed as JSON lines of one line each.
	var items []json.RawMessage
	if len(req.Records) > 0 {
		if err := json.Unmarshal(req.Records, &items); err != nil {
			reply(w, http.StatusBadRequest, errorReply{Error: "records must be a JSON array"})
			return
		}
	}
	var lines bytes.Buffer
	for _, it := range items {
		lines.Write(bytes.ReplaceAll(it, []byte("\n"), nil))
		lines.WriteByte('\n')
	}
	parts, err := bridge.SplitJSONL(&lines, req.Partitions)
	if err != nil {
		reply(w, http.StatusBadRequest, errorReply{Error: err.Error()})
		return
	}
	prog, err := s.ex.Load(payload)
	if err != nil {
		var rep *check.Report
		if errors.As(err, &rep) {
			var b strings.Builder
			_ = rep.WriteText(&b)
			reply(w, http.StatusBadRequest, errorReply{Error: "refused by the checker", Findings: b.String()})
			return
		}
		reply(w, http.StatusBadRequest, errorReply{Error: err.Error()})
		return
	}
	if prog, err = prog.WithMode(mode); err != nil {
		reply(w, http.StatusBadRequest, errorReply{Error: err.Error()})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.lim.Timeout)
	defer cancel()
	res, err := prog.Run(ctx, parts)
	if err != nil {
		var te *bridge.TaskError
		if errors.As(err, &te) {
			status := http.StatusUnprocessableEntity
			switch te.Kind {
			case bridge.FailTimeout, bridge.FailCanceled:
				status = http.StatusGatewayTimeout
			case bridge.FailInput:
				status = http.StatusBadRequest
			}
			p := te.Partition
			reply(w, status, errorReply{Error: err.Error(), Partition: &p, Attempt: te.Attempt, Traceback: te.Traceback})
			return
		}
		reply(w, http.StatusInternalServerError, errorReply{Error: err.Error()})
		return
	}
	out := struct {
		Results []json.RawMessage `json:"results"`
		Tasks   []taskInfo        `json:"tasks"`
	}{Results: []json.RawMessage{}}
	for _, r := range res {
		for _, v := range r.Values {
			s, err := bridge.ToJSON(r.Thread, v)
			if err != nil {
				reply(w, http.StatusUnprocessableEntity, errorReply{Error: "result is not JSON: " + err.Error()})
				return
			}
			out.Results = append(out.Results, json.RawMessage(s))
		}
		st := r.Stats
		out.Tasks = append(out.Tasks, taskInfo{st.Partition, st.RecordsIn, st.RecordsOut, st.Steps, st.Duration.Microseconds()})
	}
	reply(w, http.StatusOK, out)
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	workers := flag.Int("workers", 0, "worker goroutines (default GOMAXPROCS)")
	flag.Parse()
	s, err := newServer(*workers, DefaultLimits)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	srv := &http.Server{Addr: *addr, Handler: s, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, MaxHeaderBytes: 64 << 10}
	log.Printf("pybridge service on http://%s/run", *addr)
	log.Fatal(srv.ListenAndServe())
}
