#!/usr/bin/env python3
"""Load benchmarks for `dossier serve`, with pgbench baselines from the same run.

Builds the release binary, loads `dossier demo --scale N` into an embedded cluster of its
own (or DATABASE_URL), creates benchmark users and tokens, starts the server on
127.0.0.1, then for each scenario and connection count runs wrk (Debian's package) with
the Lua scripts beside this file. pgbench runs the equivalent SQL of the read and of the
transition on the same PostgreSQL, and `dossier audit verify` times chain verification.
The console's pages (My work, the case list, a case) are read through sessions signed in
with the form, as a browser's. Prints a Markdown table; BENCHMARKS.md records one.

    python3 Tests/Benchmarks/load.py                 # 1,000,000 cases, 10 s per run
    python3 Tests/Benchmarks/load.py --scale 20000 --duration 3   # a quick look
    python3 Tests/Benchmarks/load.py --no-build --only console     # the console's pages alone
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import http.cookiejar
import urllib.parse
import urllib.request
from urllib.parse import urlsplit, urlunsplit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
AGENCIES = ["MET", "NCA", "GMP", "PSNI", "BKA", "PJ", "FBI", "USMS", "AFP", "RCMP"]
# The console users' password (benchmark data only), and how many sessions each signs in:
# every wrk connection's requests spread over them, as staff in several tabs would.
CONSOLE_PASSWORD = "benchmark console passphrase"
CONSOLE_SESSIONS = 8


def log(message):
    print(f"[load] {message}", file=sys.stderr, flush=True)


def run(command, env=None, check=True, capture=True, input=None):
    result = subprocess.run(command, env=env, text=True, capture_output=capture, input=input)
    if check and result.returncode != 0:
        sys.exit(f"[load] {' '.join(map(str, command))} failed ({result.returncode}):\n{result.stderr}")
    return result


class Bench:
    def __init__(self, args):
        self.args = args
        self.env = dict(os.environ)
        if not self.env.get("DATABASE_URL"):
            self.env["DOSSIER_DATA_DIR"] = args.data_dir
        self.dossier = str(ROOT / ".build" / "release" / "dossier")
        self.work = Path(args.work_dir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.base = f"http://127.0.0.1:{args.port}"
        self.results = []

    # --- set-up -------------------------------------------------------------------------

    def build(self):
        if self.args.no_build:
            return
        log("building the release binary (swift build -c release --product dossier)")
        run(["swift", "build", "-c", "release", "--product", "dossier", "--package-path", str(ROOT)], capture=False)

    def cli(self, *arguments, check=True):
        return run([self.dossier, *arguments], env=self.env, check=check)

    def database_url(self):
        if self.env.get("DATABASE_URL"):
            return self.env["DATABASE_URL"]
        self.cli("db", "start")
        return self.cli("db", "url").stdout.strip()

    def psql(self, sql):
        result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", self.url],
                                input=sql, text=True, capture_output=True)
        if result.returncode != 0:
            sys.exit(f"[load] psql failed:\n{result.stderr}")
        return result.stdout

    def load_data(self):
        log(f"dossier demo --scale {self.args.scale} (bulk; resumes if interrupted)")
        started = time.monotonic()
        summary = json.loads(self.cli("demo", "--scale", str(self.args.scale), "--json").stdout)
        self.data_seconds = time.monotonic() - started
        self.summary = summary
        self.directory_entries = int(self.psql("SELECT count(*) FROM network_investigators"))
        log(f"data: {summary} in {self.data_seconds:.0f} s; {self.directory_entries} directory entries")

    def users_and_tokens(self):
        """A supervisor per generated agency (`met.supervisor`, as generated cases name them),
        and `met.intake`, an investigator who opens the benchmark's cases: each open makes its
        opener a member, and the supervisor's lists must not grow with every run."""
        existing = set(self.psql("SELECT id FROM users").split())
        self.tokens = {}
        for agency in AGENCIES:
            user = f"{agency.lower()}.supervisor"
            if user not in existing:
                self.cli("users", "create", user, "--role", "supervisor", "--role", "investigator",
                         "--agency", agency, "--clearance", "secret")
            issued = json.loads(self.cli("tokens", "issue", user, "--label", "benchmark", "--json").stdout)
            self.tokens[agency] = issued["token"]
        if "met.intake" not in existing:
            self.cli("users", "create", "met.intake", "--role", "investigator", "--agency", "MET", "--clearance", "secret")
        self.intake = json.loads(self.cli("tokens", "issue", "met.intake", "--label", "benchmark", "--json").stdout)["token"]
        # met.legal01 is the legal member the generator gives MET's extraditions.
        if "met.legal01" not in existing:
            self.cli("users", "create", "met.legal01", "--role", "legal", "--agency", "MET", "--clearance", "secret")
        for user in ["met.supervisor", "met.legal01"]:
            run([self.dossier, "users", "set-password", user, "--password-stdin"], env=self.env,
                input=CONSOLE_PASSWORD)

    def write(self, name, lines):
        path = self.work / name
        path.write_text("\n".join(lines) + "\n")
        return path

    def scenario_data(self):
        """The request lines each scenario's Lua script reads."""
        rng = random.Random(7)
        met = self.tokens["MET"]
        ids = self.psql(
            "SELECT id FROM cases WHERE owning_agency = 'MET' AND tags @> '{scale-demo}' ORDER BY random() LIMIT 20000"
        ).split()
        self.case_ids = ids
        data = {"get-case": self.write("get-case.tsv", [f"{met}\t/api/v1/cases/{i}" for i in ids])}

        states = ["cold", "admin_closed", "active", "closed"]
        countries = ["GB", "DE", "FR", "US"]
        data["list-page"] = self.write("list-page.tsv", [
            f"{met}\t/api/v1/cases?state={rng.choice(states)}&limit=50" if n % 2 else
            f"{met}\t/api/v1/cases?module=cold-cases&country={rng.choice(countries)}&limit=50"
            for n in range(200)])

        names = self.psql(
            "SELECT name FROM person_names WHERE kind = 'spelling' ORDER BY random() LIMIT 500").splitlines()
        data["person-search"] = self.write("person-search.tsv", [
            f"{met}\t/api/v1/persons?name={urllib.request.quote(misspell(name, rng))}&limit=20" for name in names])

        surnames = self.psql(
            "SELECT DISTINCT split_part(latin_name, ' ', 2) FROM network_investigators LIMIT 300").split()
        countries_dir = self.psql("SELECT DISTINCT country FROM network_investigators").split()
        data["directory-search"] = self.write("directory-search.tsv", [
            f"{met}\t/api/v1/network/search?q={urllib.request.quote(misspell(s, rng))}&limit=20" if n % 2 else
            f"{met}\t/api/v1/network/search?country={rng.choice(countries_dir)}&specialty=fugitive_tracking&limit=20"
            for n, s in enumerate(surnames)])

        open_body = json.dumps({
            "module": "cold-cases", "type": "cold-case", "title": "Benchmark: robbery at the Old Market",
            "owning_agency": "MET", "country": "GB", "attributes": {
                "offence_category": "robbery", "offence_date": "2001-05-04", "offence_place": "Old Market",
                "went_cold_on": "2003-01-10", "jurisdiction": "GB"}})
        data["open-case"] = self.write("open-case.tsv", [f"{self.intake}\t/api/v1/cases\t{open_body}"])

        # Distinct cold cases of every agency, each closed once by its agency's supervisor.
        rows = [line.split("|") for line in self.psql(
            "SELECT owning_agency, id FROM cases WHERE state = 'cold' AND tags @> '{scale-demo}' "
            "ORDER BY random() LIMIT 200000").splitlines()]
        close = json.dumps({"inputs": {"reason": "benchmark: duplicate record"}})
        lines = [f"{self.tokens[agency]}\t/api/v1/cases/{case_id}/transitions/close_administratively\t{close}"
                 for agency, case_id in rows]
        # Each run closes cases no earlier run touched.
        runs = self.args.connections.split(",")
        share = len(lines) // len(runs)
        for n, c in enumerate(runs):
            data[f"transition-{c}"] = self.write(f"transition-{c}.tsv", lines[n * share:(n + 1) * share])

        data["surveillance-append"] = self.write("surveillance-append.tsv", self.surveillance_operations(met))

        # Each agency's supervisor reads the deadline board of the extraditions they may see.
        data["board"] = self.write("board.tsv", [
            f"{self.tokens[agency]}\t/api/v1/extradition/board?limit=100" for agency in AGENCIES])

        # The console, through sessions signed in with the form.
        supervisor = [self.console_session("met.supervisor") for _ in range(CONSOLE_SESSIONS)]
        legal = [self.console_session("met.legal01") for _ in range(CONSOLE_SESSIONS)]
        data["console-my-work"] = self.write("console-my-work.tsv", [
            f"{(legal if n % 2 else supervisor)[n % CONSOLE_SESSIONS]}\t/console/" for n in range(64)])
        lists = ["/console/cases?state=cold", "/console/cases?module=cold-cases&country=GB", "/console/cases?sort=updated",
                 "/console/cases?sort=deadline", "/console/cases?state=active&sort=deadline", "/console/cases"]
        data["console-case-list"] = self.write("console-case-list.tsv", [
            f"{supervisor[n % CONSOLE_SESSIONS]}\t{rng.choice(lists)}" for n in range(200)])
        references = self.psql(
            "SELECT reference FROM cases WHERE owning_agency = 'MET' AND tags @> '{scale-demo}' ORDER BY random() LIMIT 20000"
        ).split()
        data["console-case-page"] = self.write("console-case-page.tsv", [
            f"{supervisor[n % CONSOLE_SESSIONS]}\t/console/cases/{reference}" for n, reference in enumerate(references)])
        return data

    def console_session(self, user):
        """Signs `user` in through the console's form, as a browser does; the session cookie."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        form = opener.open(self.base + "/console/sign-in").read().decode()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrf": csrf, "user": user, "password": CONSOLE_PASSWORD, "next": "/console/"})
        try:
            opener.open(self.base + "/console/sign-in", data=body.encode())
        except urllib.error.HTTPError as error:
            if error.code != 303:
                sys.exit(f"[load] signing in {user} to the console: {error.code} {error.read().decode()[:300]}")
        session = next((c.value for c in jar if c.name == "dossier_session"), None)
        if not session:
            sys.exit(f"[load] signing in {user} to the console set no session cookie")
        return session

    def surveillance_operations(self, token):
        """16 MET operations with a current authorisation each, made through the API."""
        lines = []
        now = time.time()
        iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        for n in range(16):
            opened = self.api("POST", "/api/v1/cases", token, {
                "module": "surveillance", "type": "surveillance-operation", "title": f"Benchmark operation {n}",
                "classification": "secret", "owning_agency": "MET", "country": "GB",
                "attributes": {"objective": "benchmark the surveillance log", "jurisdiction": "GB"}})
            reference = opened["reference"]
            authorisation = self.api("POST", f"/api/v1/surveillance/cases/{reference}/authorisations", token, {
                "reference": f"BENCH-{reference}", "legal_basis": "uk-ripa-directed", "issuing_authority": "Supt Bench",
                "applicant": "DI Bench", "approver": "Supt Bench", "subjects": ["Subject A"], "methods": ["visual"],
                "valid_from": iso(now - 3600), "valid_to": iso(now + 30 * 86400)})
            entry = json.dumps({
                "authorisation_id": authorisation["id"], "started_at": iso(now - 60), "location": "Harbour Road",
                "subject": "Subject A", "method": "visual", "text": "Left the unit at 09:12 with a holdall."})
            lines.append(f"{token}\t/api/v1/surveillance/cases/{reference}/entries\t{entry}")
        return lines

    def api(self, method, path, token, body=None):
        request = urllib.request.Request(
            self.base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            sys.exit(f"[load] {method} {path}: {error.code} {error.read().decode()}")

    # --- the server ---------------------------------------------------------------------

    def start_server(self):
        log(f"starting dossier serve on {self.base}")
        self.server_log = open(self.work / "server.log", "w")
        self.server = subprocess.Popen(
            [self.dossier, "serve", "--host", "127.0.0.1", "--port", str(self.args.port)], env=self.env,
            stdout=self.server_log, stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                with urllib.request.urlopen(self.base + "/health/ready") as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self.server.poll() is not None:
                sys.exit(f"[load] the server exited; see {self.work / 'server.log'}")
            time.sleep(0.2)
        else:
            sys.exit("[load] the server did not become ready in 120 s")
        self.wait_for_startup_checkpoint()

    def wait_for_startup_checkpoint(self):
        """The server signs a checkpoint of every chain head when it starts (a minute or more
        at 1M cases); measuring during it would time the checkpoint, not the requests."""
        started = time.monotonic()
        log("waiting for the start-up checkpoint")
        for _ in range(3000):
            text = (self.work / "server.log").read_text(errors="replace")
            if "checkpoint taken" in text:
                log(f"start-up checkpoint done after {time.monotonic() - started:.0f} s; "
                    f"server RSS now {self.current_rss_mb():.0f} MB")
                return
            if self.server.poll() is not None:
                sys.exit(f"[load] the server exited; see {self.work / 'server.log'}")
            time.sleep(0.2)
        sys.exit("[load] the start-up checkpoint did not finish in 600 s")

    def current_rss_mb(self):
        status = Path(f"/proc/{self.server.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def stop_server(self):
        self.server.terminate()
        self.server.wait(timeout=30)

    def reset_peak_rss(self):
        Path(f"/proc/{self.server.pid}/clear_refs").write_text("5")

    def peak_rss_mb(self):
        status = Path(f"/proc/{self.server.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    # --- measuring ----------------------------------------------------------------------

    def wrk(self, name, script, data, connections, once=False):
        if self.args.only and not re.search(self.args.only, name):
            return None
        threads = min(2, connections)   # wrk needs a connection per thread
        env = dict(os.environ, DOSSIER_BENCH_DATA=str(data), DOSSIER_BENCH_LUA=str(HERE / "wrk"),
                   DOSSIER_BENCH_THREADS=str(threads))
        if once:
            env["DOSSIER_BENCH_ONCE"] = "1"
        self.reset_peak_rss()
        output = run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{self.args.duration}s", "--timeout", "10s",
                      "-s", str(HERE / "wrk" / script), self.base], env=env).stdout
        line = next(l for l in output.splitlines() if l.startswith("{"))
        result = json.loads(line)
        result.update(scenario=name, connections=connections, rss_mb=self.peak_rss_mb(),
                      rps=result["requests"] / (result["duration_us"] / 1e6))
        errors = result["non_2xx"] + result["connect_errors"] + result["read_errors"] + result["write_errors"] \
            + result["timeouts"]
        result["errors"] = errors
        log(f"{name} c={connections}: {result['rps']:.0f}/s p50 {result['p50_us'] / 1000:.1f} ms "
            f"p95 {result['p95_us'] / 1000:.1f} ms p99 {result['p99_us'] / 1000:.1f} ms, errors {errors}, "
            f"peak RSS {result['rss_mb']:.0f} MB")
        self.results.append(result)
        return result

    def pgbench(self, script, clients, ids):
        output = run(["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(self.args.duration),
                      "-D", f"ids={ids}", "-f", str(HERE / "pgbench" / script), self.url]).stdout
        tps = float(re.search(r"tps = ([0-9.]+)", output).group(1))
        latency = float(re.search(r"latency average = ([0-9.]+) ms", output).group(1))
        log(f"pgbench {script} c={clients}: {tps:.0f} tps, average {latency:.2f} ms")
        return tps

    def pgbench_builtin(self):
        """pgbench's own select-only and TPC-B-like runs on a scale-10 database beside ours."""
        self.psql("DROP DATABASE IF EXISTS dossier_pgbench")
        self.psql("CREATE DATABASE dossier_pgbench")
        url = urlunsplit(urlsplit(self.url)._replace(path="/dossier_pgbench"))
        run(["pgbench", "-i", "-q", "-s", "10", url])
        figures = {}
        for label, flags in [("select-only", ["-S"]), ("tpcb-like", [])]:
            output = run(["pgbench", "-n", "-M", "prepared", "-c", "8", "-j", "2", "-T", str(self.args.duration),
                          *flags, url]).stdout
            figures[label] = float(re.search(r"tps = ([0-9.]+)", output).group(1))
            log(f"pgbench built-in {label} c=8: {figures[label]:.0f} tps")
        self.psql("DROP DATABASE dossier_pgbench")
        return figures

    def prepare_pgbench_tables(self):
        token_hash = self.psql(
            "SELECT encode(token_hash, 'hex') FROM api_tokens WHERE user_id = 'met.supervisor' "
            "AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1").strip()
        values = ",".join(f"({n + 1}, '{i}', decode('{token_hash}', 'hex'))" for n, i in enumerate(self.case_ids))
        self.psql("DROP TABLE IF EXISTS bench_case_ids, bench_cases, bench_events")
        self.psql("CREATE TABLE bench_case_ids (n int PRIMARY KEY, id uuid NOT NULL, token_hash bytea NOT NULL)")
        self.psql(f"INSERT INTO bench_case_ids VALUES {values}")
        self.psql("CREATE TABLE bench_cases (LIKE cases INCLUDING ALL)")
        self.psql("INSERT INTO bench_cases (id, reference, module, type, title, summary, state, priority, classification, "
                  "owning_agency, country, opened_at, closed_at, version, attributes, tags, event_count, chain_head, "
                  "updated_at, next_due_at) "
                  "SELECT id, reference, module, type, title, summary, state, priority, classification, owning_agency, "
                  "country, opened_at, closed_at, version, attributes, tags, event_count, chain_head, updated_at, next_due_at "
                  "FROM cases WHERE owning_agency = 'MET'")
        self.psql("CREATE TABLE bench_events (LIKE case_events INCLUDING ALL)")
        self.psql("ANALYZE bench_case_ids, bench_cases")
        return len(self.case_ids)

    def drop_pgbench_tables(self):
        self.psql("DROP TABLE IF EXISTS bench_case_ids, bench_cases, bench_events")

    def verify_chains(self):
        started = time.monotonic()
        report = json.loads(self.cli("audit", "verify", "--json").stdout)
        seconds = time.monotonic() - started
        log(f"audit verify: {report['events_checked']} events in {seconds:.1f} s, intact {report['intact']}")
        return report, seconds

    # --- the run ------------------------------------------------------------------------

    def main(self):
        for tool in ["wrk", "pgbench", "psql"]:
            if not shutil.which(tool):
                sys.exit(f"[load] {tool} is missing: apt-get install -y wrk postgresql-client")
        self.build()
        self.url = self.database_url()
        self.load_data()
        self.users_and_tokens()
        self.start_server()
        try:
            data = self.scenario_data()
            connections = [int(c) for c in self.args.connections.split(",")]
            for c in connections:
                self.wrk("get case", "get.lua", data["get-case"], c)
                self.wrk("list a filtered page", "get.lua", data["list-page"], c)
                self.wrk("person fuzzy search", "get.lua", data["person-search"], c)
                self.wrk("directory search", "get.lua", data["directory-search"], c)
                self.wrk("extradition board", "get.lua", data["board"], c)
                self.wrk("console: My work", "console.lua", data["console-my-work"], c)
                self.wrk("console: case list", "console.lua", data["console-case-list"], c)
                self.wrk("console: a case page", "console.lua", data["console-case-page"], c)
                self.wrk("open a case", "post.lua", data["open-case"], c)
                self.wrk("transition", "post.lua", data[f"transition-{c}"], c, once=True)
                self.wrk("append a surveillance entry", "post.lua", data["surveillance-append"], c)
            count = self.count_visible_cases()
        finally:
            self.stop_server()
        if self.args.only:
            self.report(None, None, None, None, count)
            return
        ids = self.prepare_pgbench_tables()
        try:
            baseline = {c: (self.pgbench("get-case.sql", c, ids), self.pgbench("transition.sql", c, ids))
                        for c in connections}
        finally:
            self.drop_pgbench_tables()
        builtin = self.pgbench_builtin()
        report, seconds = self.verify_chains()
        self.report(baseline, builtin, report, seconds, count)

    def count_visible_cases(self):
        """GET /api/v1/cases/count as the MET supervisor, timed from here (median of 5)."""
        timings, total = [], None
        for _ in range(5):
            started = time.monotonic()
            total = self.api("GET", "/api/v1/cases/count", self.tokens["MET"])["count"]
            timings.append((time.monotonic() - started) * 1000)
        timings.sort()
        log(f"count of visible cases: {total} in {timings[2]:.0f} ms (median of 5)")
        return total, timings[2]

    def report(self, baseline, builtin, chain, chain_seconds, count):
        s = self.summary
        print(f"\nData: {s.get('cases_in_all')} cases, {s.get('events_in_all')} events, {s.get('persons_in_all')} persons, "
              f"{self.directory_entries} directory entries; generated in {self.data_seconds:.0f} s "
              f"(`dossier demo --scale {self.args.scale}`).\n")
        if builtin:
            print(f"pgbench built-in, 8 clients: select-only {builtin['select-only']:.0f} tps, "
                  f"TPC-B-like {builtin['tpcb-like']:.0f} tps.\n")
        print("| scenario | conns | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | pgbench equivalent tps | ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in self.results:
            equivalent = None
            if baseline is None:
                pass
            elif r["scenario"] == "get case":
                equivalent = baseline[r["connections"]][0]
            elif r["scenario"] == "transition":
                equivalent = baseline[r["connections"]][1]
            baseline_cells = f"{equivalent:.0f} | {r['rps'] / equivalent:.0%}" if equivalent else " | "
            print(f"| {r['scenario']} | {r['connections']} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} | "
                  f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['errors']} | {r['rss_mb']:.0f} | "
                  f"{baseline_cells} |")
        print(f"\nCount of the cases the MET supervisor may see: {count[0]} in {count[1]:.0f} ms (median of 5).")
        if chain is None:
            print(f"Server peak RSS over these runs: {max(r['rss_mb'] for r in self.results):.0f} MB.")
            return
        rate = chain["events_checked"] / chain_seconds
        print(f"Chain verification (`dossier audit verify`): {chain['events_checked']} events in {chain_seconds:.1f} s, "
              f"{rate:,.0f} events/s, intact: {chain['intact']}.")
        print(f"Server peak RSS over all runs: {max(r['rss_mb'] for r in self.results):.0f} MB.")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keeps a 303 as the answer, so the sign-in's Set-Cookie is read from it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def misspell(text, rng):
    """One letter dropped or doubled, as a hurried search types it."""
    letters = list(text)
    if len(letters) < 4:
        return text
    k = rng.randrange(1, len(letters) - 1)
    if rng.random() < 0.5:
        del letters[k]
    else:
        letters.insert(k, letters[k])
    return "".join(letters)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1_000_000, help="cases to generate (default 1000000)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk and pgbench run (default 10)")
    parser.add_argument("--connections", default="8,64", help="connection counts, comma-separated (default 8,64)")
    parser.add_argument("--port", type=int, default=8089, help="port for dossier serve on 127.0.0.1 (default 8089)")
    parser.add_argument("--data-dir", default="/var/tmp/dossier-bench",
                        help="the embedded cluster's directory when DATABASE_URL is not set (default /var/tmp/dossier-bench)")
    parser.add_argument("--work-dir", default="/tmp/dossier-bench", help="request files and the server log")
    parser.add_argument("--no-build", action="store_true", help="use the release binary already built")
    parser.add_argument("--only", metavar="REGEX",
                        help="run only the scenarios whose name matches (e.g. console); skips the pgbench baselines "
                             "and the chain verification")
    Bench(parser.parse_args()).main()
