#!/usr/bin/env python3
"""Client of examples/service: pickles a Python function with cloudpickle
and asks the service to run it over some records.

    python3 examples/service/client.py [--url http://127.0.0.1:8080/run]
    python3 examples/service/client.py --write examples/service/testdata/request.json

--write saves the request instead of sending it (the Go test replays it).
Run it with PYTHONHASHSEED=0 so set and dict orders match the service's.
"""
import argparse
import base64
import json
import sys
import urllib.request

import cloudpickle


def make_function():
    stop = {"a", "an", "the", "of"}

    def summarize(line):
        words = [w.strip(".,").lower() for w in line.split()]
        kept = [w for w in words if w and w not in stop]
        return {"words": len(words), "kept": len(kept), "longest": max(kept, key=len) if kept else None}

    return summarize


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080/run")
    ap.add_argument("--write")
    args = ap.parse_args()
    records = ["The quick brown fox", "jumps over the lazy dog.", "", "An end of a story"]
    req = {"payload": base64.b64encode(cloudpickle.dumps(make_function(), protocol=5)).decode(),
           "records": records, "partitions": 2, "mode": "map"}
    if args.write:
        req["expected"] = [make_function()(r) for r in records]
        with open(args.write, "w") as f:
            json.dump(req, f, indent=1)
            f.write("\n")
        return
    body = json.dumps(req).encode()
    r = urllib.request.Request(args.url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            out = json.load(resp)
    except urllib.error.HTTPError as e:
        print(e.code, json.load(e), file=sys.stderr)
        sys.exit(1)
    for rec, res in zip(records, out["results"]):
        print("%-28r -> %s" % (rec, res))


if __name__ == "__main__":
    main()
