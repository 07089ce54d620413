"""Run one pickle scanner's command line over a list of files, in one process.

    python3 bench/check_peer.py TOOL LIST
    python3 bench/check_peer.py pybridge-json OUTPUT.json

TOOL is "picklescan" or "fickling"; the tool's source must be importable
(bench/check_peer.sh puts $PICKLESCAN_SRC or $FICKLING_SRC on PYTHONPATH).
LIST names one file per line. For each file the tool's own CLI entry point is
called with the arguments a user would type, its stdout and stderr are
captured, and one line is written:

    VERDICT<TAB>FILE<TAB>REASONS

REASONS are what the tool printed as the cause of a dangerous verdict,
joined with " | " (picklescan: each "module name" it found; fickling: each
line --print-results printed, with _varN renamed _var; pybridge: rule and
global of each
error finding); for other verdicts, a short note.

VERDICT is read only from what the CLI printed and returned:
  dangerous   the tool's failing verdict (picklescan: exit 1, "... FOUND";
              fickling --check-safety: exit 1, severity above LIKELY_SAFE)
  suspicious  not failing, but the tool printed a warning (picklescan:
              "Suspicious globals: N" with N > 0)
  error       the tool could not scan the file (exit 2 or an exception)
  clean       none of the above
The last line is "TIME<TAB>seconds" for the whole list, imports included.

With pybridge-json it reads what "pybridge check --format json FILE..."
printed and writes the same verdict lines: dangerous for an error finding,
error for a malformed payload, suspicious for warnings only.
"""

import contextlib
import io
import json
import logging
import os
import re
import sys
import time

T0 = time.perf_counter()


def run_picklescan(path):
    from picklescan import cli

    log = logging.getLogger("picklescan")
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["picklescan", "-p", path]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = cli.main()
            except SystemExit as e:
                rc = e.code if isinstance(e.code, int) else 2
            except Exception as e:  # the CLI would have crashed
                print(f"exception: {e!r}", file=sys.stderr)
                rc = 2
    finally:
        sys.argv = argv
        # cli.main adds a stdout handler on every call: drop it again so
        # that the next file's output is not printed twice.
        for h in list(log.handlers):
            log.removeHandler(h)
    text = out.getvalue() + err.getvalue()
    found = re.findall(r"import '([^']*)' FOUND", text)
    m = re.search(r"Suspicious globals: (\d+)", text)
    suspicious = int(m.group(1)) if m else 0
    if rc == 1:
        return "dangerous", " | ".join(sorted(set(found)))
    if rc not in (0, None):
        last = text.strip().splitlines()[-1:] or [""]
        return "error", f"exit {rc}: {last[0][:120]}"
    if suspicious:
        return "suspicious", f"{suspicious} suspicious globals"
    return "clean", ""


def run_fickling(path):
    from fickling import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = cli.main(["fickling", "--check-safety", "--print-results", path])
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 2
        except Exception as e:
            print(f"exception: {e!r}", file=sys.stderr)
            rc = 2
    # --print-results prints one line per cause; its variable numbers
    # differ from file to file.
    reasons = {re.sub(r"_var\d+", "_var", ln.strip()) for ln in out.getvalue().splitlines() if ln.strip()}
    if rc == 1:
        return "dangerous", " | ".join(sorted(reasons))
    if rc not in (0, None):
        last = (err.getvalue() + out.getvalue()).strip().splitlines()[:1] or [""]
        return "error", f"exit {rc}: {last[0][:120]}"
    return "clean", ""


def pybridge_verdicts(jsonfile):
    """Turn "pybridge check --format json" output into verdict lines."""
    with open(jsonfile) as f:
        docs = json.load(f)
    if isinstance(docs, dict):
        docs = [docs]
    for d in docs:
        fs = d.get("findings") or []
        errs = [x for x in fs if x["severity"] == "error" and x["rule"] != "malformed"]
        bad = [x for x in fs if x["severity"] == "error" and x["rule"] == "malformed"]
        warns = [x for x in fs if x["severity"] == "warning"]
        if errs:
            reasons = sorted({f"{x['rule']} {x.get('global', '')}".strip() for x in errs})
            steps = " > ".join(s.get("text", s["kind"]) for s in errs[0]["path"])
            v, detail = "dangerous", " | ".join(reasons) + "\tpath: " + steps
        elif bad or d.get("error"):
            v, detail = "error", (bad[0]["message"] if bad else d["error"])
        elif warns:
            v, detail = "suspicious", f"{warns[0]['rule']}: {warns[0]['message']}"
        else:
            v, detail = "clean", ""
        print(f"{v}\t{d['file']}\t{detail}".replace("\n", " "))


def main():
    tool, listfile = sys.argv[1], sys.argv[2]
    if tool == "pybridge-json":
        pybridge_verdicts(listfile)
        return
    scan = {"picklescan": run_picklescan, "fickling": run_fickling}[tool]
    with open(listfile) as f:
        files = [ln.strip() for ln in f if ln.strip()]
    lines = []
    for path in files:
        verdict, detail = scan(path)
        lines.append(f"{verdict}\t{path}\t{detail}".replace("\n", " "))
    elapsed = time.perf_counter() - T0
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.write(f"TIME\t{elapsed:.3f}\n")


if __name__ == "__main__":
    main()
