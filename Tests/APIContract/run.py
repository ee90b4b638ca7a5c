#!/usr/bin/env python3
"""schemathesis against the real daemon and its own /v1/openapi.yaml (make api-contract, make test).

Starts `hearing-planner serve` on a free loopback port with a fresh state directory and a planner
token, submits the sample week so that there is a plan to read, runs every schemathesis check with
the examples, coverage, fuzzing and stateful phases (seeded and bounded by
Tests/APIContract/schemathesis.toml), then checks that the daemon still serves and logged no
internal error. Prints the figures docs/reliability.md quotes and exits non-zero on any failure.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def request(url, token=None, body=None, method=None):
    req = urllib.request.Request(url, data=body, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=120) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/hearing-planner"))
    parser.add_argument("--keep", action="store_true", help="keep the run's folder (state, log, report)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    folder = tempfile.mkdtemp(prefix="hearing-planner-contract-")
    log_path = os.path.join(folder, "serve.log")
    token = subprocess.run(
        [binary, "token", "add", "contract", "--role", "planner", "--tokens", os.path.join(folder, "tokens")],
        check=True, capture_output=True, text=True).stdout.strip()
    config = os.path.join(folder, "config.json")
    with open(config, "w") as f:
        # Rosters schemathesis makes are small; a short limit keeps a stuck one from eating the budget.
        json.dump({"solveTimeLimit": 10, "debounce": 0.05}, f)
    with open(log_path, "w") as log:
        serve = subprocess.Popen(
            [binary, "serve", "--config", config, "--listen", "127.0.0.1:0",
             "--state-dir", os.path.join(folder, "state"), "--tokens", os.path.join(folder, "tokens")],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    failures = []
    try:
        port = None
        deadline = time.time() + 60
        while port is None and time.time() < deadline and serve.poll() is None:
            time.sleep(0.05)
            match = re.search(r"address=[^ ]*:(\d+)", open(log_path).read())
            port = int(match.group(1)) if match and "listening" in open(log_path).read() else None
        if port is None:
            sys.exit("the daemon did not start:\n" + open(log_path).read())
        base = f"http://127.0.0.1:{port}"
        with open(os.path.join(ROOT, "data/sample/roster.json"), "rb") as f:
            status, body = request(base + "/v1/rosters", token, f.read(), "POST")
        if status != 201:
            sys.exit(f"the sample week was not planned: {status} {body[:300]!r}")

        report = os.path.join(folder, "report.json")
        started = time.time()
        run = subprocess.run(
            ["schemathesis", "--config-file", os.path.join(HERE, "schemathesis.toml"), "--no-color",
             "run", base + "/v1/openapi.yaml", "-H", f"Authorization: Bearer {token}", "--checks", "all",
             "--report", "ndjson", "--report-ndjson-path", report],
            cwd=folder, capture_output=True, text=True, timeout=600)
        seconds = time.time() - started
        output = run.stdout + run.stderr
        summary = [line for line in output.splitlines()
                   if re.search(r"(passed|failed|error|Test cases|API Operations|Stateful|Examples|Coverage|Fuzzing)", line)]
        print("\n".join(summary[-12:]))
        cases = re.search(r"(\d+) generated", output)
        print(f"schemathesis: {run.returncode == 0 and 'no failure' or 'FAILURES'}; "
              f"{cases.group(1) if cases else '?'} test cases in {seconds:.0f} s")
        if run.returncode != 0:
            failures.append("schemathesis found failures")
            print(output[-20000:])

        status, _ = request(base + "/healthz")
        if status != 200:
            failures.append(f"the daemon stopped answering /healthz ({status})")
        log = open(log_path).read()
        if "request failed" in log:
            failures.append("the daemon logged an internal error (see its log)")
    finally:
        serve.terminate()
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
        if serve.returncode not in (0, -15, None):
            failures.append(f"the daemon exited with {serve.returncode}")
        if not args.keep and not failures:
            shutil.rmtree(folder, ignore_errors=True)
        elif failures:
            print(f"the run's folder is kept: {folder}")
    if failures:
        sys.exit("; ".join(failures))


if __name__ == "__main__":
    main()
