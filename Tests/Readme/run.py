#!/usr/bin/env python3
"""Runs every command in README.md's shell blocks, as written, against a demo server.

    python3 Tests/Readme/run.py path/to/dossier

Starts `dossier serve --demo` on a throwaway data directory (the README's first command),
takes the tokens from the `export` lines it prints, then runs each `dossier` and `curl`
line of the README in a shell with that `dossier` first on the PATH. A line fails when it
exits otherwise than its comment says ("# exits 1: ..."; 0 when it says nothing), when a
curl answers an HTTP error, or when its output lacks what the README promises of it
(below). Lines that cannot run here are skipped by name, each with its reason, and a
skipped line that is no longer in the README fails too, so the list cannot go stale.
"""

import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Lines that do not run here, by how they start, and why.
SKIPPED = {
    "swift run dossier serve --demo": "this script runs it itself, first",
    "swift test": "CI runs the suite itself",
    "DOSSIER_TEST_NOW=": "CI runs the suite at those instants itself",
    "export PATH=": "this script puts the dossier under test first on the PATH",
    "DATABASE_URL=postgres://dossier_app": "needs a PostgreSQL server of your own",
    "dossier serve --port 8080": "runs until stopped; the demo server is already serving",
    "dossier demo --scale 1000000": "takes about an hour; ScaleDemoTests runs it small",
    "cd ArtTheft && swift test": "a full build of its own: .ci/run generates and tests a scaffold itself",
}

# What a line's output must hold, beyond its exit status: what the README says it shows.
PROMISES = {
    "dossier network search --country ES": r"[1-9][0-9]* found",
    "dossier extradition board --as l.chen": r"[1-9][0-9]* overdue$",
    "/api/v1/deadlines?days=30": r"\"overdue\"\s*:\s*true",
    "/api/v1/persons?name=ivanov": r"Ivanov",
    "dossier network import examples/directory.csv --dry-run": r"would import nothing",
    "dossier surveillance verify": r"^verified ",
    "dossier cold-cases lead add": r"in your review queue",
}


def commands(readme):
    """The README's shell lines (continuations joined), with the exit status each expects."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        pending = ""
        for raw in block.splitlines():
            line = raw.strip()
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            line, pending = (pending + line).strip(), ""
            if not line or line.startswith("#"):
                continue
            expected = re.search(r"#\s*exits (\d+)", line)
            found.append((line, int(expected.group(1)) if expected else 0))
    return found


def stop(server):
    """Stops the server and what it started (its process group), if it still runs."""
    for sig, wait in ((signal.SIGTERM, 60), (signal.SIGKILL, 10)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: run.py path/to/dossier")
    dossier = os.path.abspath(sys.argv[1])
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    lines = commands(readme)

    work = tempfile.mkdtemp(prefix="dossier-readme-")
    os.chmod(work, 0o755)   # as root, the embedded cluster runs as the postgres user
    bin_dir = os.path.join(work, "bin")
    os.mkdir(bin_dir)
    os.symlink(dossier, os.path.join(bin_dir, "dossier"))
    os.symlink(os.path.join(ROOT, "examples"), os.path.join(work, "examples"))
    port = free_port()
    env = dict(os.environ, DOSSIER_DATA_DIR=os.path.join(work, "data"), PATH=bin_dir + ":" + os.environ["PATH"])
    env.pop("DATABASE_URL", None)

    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [dossier, "serve", "--demo", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work,
        start_new_session=True)
    failures = []
    try:
        deadline = time.monotonic() + 600
        while "export ADMIN_TOKEN=" not in open(log_path).read():
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("serve --demo did not start:\n" + open(log_path).read())
            time.sleep(1)
        served = open(log_path).read()
        # The tokens and try-lines come last, once the server listens, not lost above its start-up.
        if "serving on" not in served or served.index("serving on") > served.index("export TOKEN="):
            failures.append("serve --demo printed its tokens before it was serving:\n" + served[-3000:])
        if served.count("timer fired") > 0:
            failures.append("serve --demo logged a line per fired timer; one summary line is due")
        for name, value in re.findall(r"^  export (\w+)=(\S+)", served, re.M):
            env[name] = value
        # The README speaks of 127.0.0.1:8080; this server listens on a free port.
        this_year = str(datetime.datetime.now(datetime.timezone.utc).year)

        used = set()
        for line, expected in lines:
            skip = next((prefix for prefix in SKIPPED if line.startswith(prefix)), None)
            if skip:
                used.add(skip)
                print(f"-- skipped: {line}  ({SKIPPED[skip]})")
                continue
            if not (line.startswith("dossier ") or line.startswith("curl ")):
                failures.append(f"{line}: neither a dossier nor a curl line, and not in the skip list")
                continue
            command = line.replace("127.0.0.1:8080", f"127.0.0.1:{port}")
            # References carry the year the demo was loaded in.
            command = re.sub(r"\b([A-Z]{2,8})-2026-(\d{6})\b", rf"\g<1>-{this_year}-\g<2>", command)
            if command.startswith("curl "):
                command = "curl --fail-with-body " + command[5:]
            started = time.monotonic()
            run = subprocess.run(
                ["bash", "-c", command], env=env, cwd=work, capture_output=True, text=True, timeout=600)
            output = run.stdout + run.stderr
            status = "ok" if run.returncode == expected else "FAILED"
            print(f"{status} ({run.returncode}, {time.monotonic() - started:.1f} s): {line}")
            if run.returncode != expected:
                failures.append(f"{line}: exit {run.returncode}, expected {expected}\n{output[-2000:]}")
                continue
            promise = next((pattern for key, pattern in PROMISES.items() if key in line), None)
            if promise and not re.search(promise, output, re.M):
                failures.append(f"{line}: the output does not show /{promise}/\n{output[-2000:]}")
        for prefix in SKIPPED:
            if prefix not in used:
                failures.append(f"the skip list names '{prefix}', which the README no longer has")
    finally:
        stop(server)
        log.close()

    if failures:
        print(f"\n{len(failures)} README line(s) failed:", file=sys.stderr)
        for failure in failures:
            print("- " + failure, file=sys.stderr)
        print("\nserver log:\n" + open(log_path).read()[-3000:], file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    print(f"all {len(lines)} README lines passed or were skipped with a reason")


if __name__ == "__main__":
    main()
