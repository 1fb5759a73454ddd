#!/usr/bin/env bash
# schemathesis (PyPI) against /api/v1/openapi.json of a `dossier serve --demo` on the
# embedded default, in every phase (coverage, fuzzing, stateful; the document has no
# examples), as a supervisor and as an admin: any 5xx fails. The server checks every
# answer against the document (--check-responses), so an answer the document misdescribes
# is a 500 too. Bounded: 60 examples per operation, fixed seeds.
#   Tests/APIFuzz/run.sh path/to/dossier
set -euo pipefail
dossier="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
# Never the operator's database: the demo server runs on a throwaway embedded cluster.
unset DATABASE_URL DATABASE_OWNER_URL DOSSIER_CHECKPOINT_DIR DOSSIER_DATA_DIR
work="$(mktemp -d /tmp/dossier-apifuzz.XXXXXX)"
server=""
stop() {
    if [ -n "$server" ]; then
        kill -TERM "$server" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
        kill -KILL "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop EXIT
chmod 755 "$work"   # the embedded cluster runs as the postgres user when we are root
venv="${DOSSIER_SCHEMATHESIS_VENV:-/tmp/dossier-schemathesis-venv}"
if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DOSSIER_DATA_DIR="$work/data" "$dossier" serve --demo --check-responses --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do
    grep -q "export ADMIN_TOKEN=" "$work/serve.log" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 1
done
grep -q "export ADMIN_TOKEN=" "$work/serve.log" || { echo "the server did not start in 180 s" >&2; cat "$work/serve.log"; exit 1; }
base="http://127.0.0.1:$port"
# serve --demo prints `export TOKEN=...` lines once it listens.
token_of() { sed -n "s/^  export $1=\([^ ]*\).*/\1/p" "$work/serve.log"; }
supervisor="$(token_of TOKEN)"
admin="$(token_of ADMIN_TOKEN)"
if [ -z "$supervisor" ] || [ -z "$admin" ]; then
    echo "serve --demo printed no tokens" >&2; cat "$work/serve.log"; exit 1
fi

first_case() {   # the newest case of a module the supervisor may see
    curl -sf -H "Authorization: Bearer $supervisor" "$base/api/v1/cases?module=$1&limit=1" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["cases"][0]["reference"])'
}
cold="$(first_case cold-cases)"
extradition="$(first_case extradition)"
surveillance="$(first_case surveillance)"
export DOSSIER_COLD_REF="$cold" DOSSIER_EXTRADITION_REF="$extradition" DOSSIER_SURVEILLANCE_REF="$surveillance"

# schemathesis keeps a cache in its working directory: the throwaway one, not the repository.
cd "$work"
status=0
for who in supervisor admin; do
    token="$supervisor"; seed=1
    [ "$who" = admin ] && token="$admin" && seed=2
    echo "== schemathesis as the demo $who"
    "$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$base/api/v1/openapi.json" \
        -H "Authorization: Bearer $token" --checks not_a_server_error --max-examples 60 --seed "$seed" \
        --max-failures 20 >"$work/schemathesis-$who.log" 2>&1 || status=$?
    sed -n '/SUMMARY/,$p' "$work/schemathesis-$who.log"
    if [ "$status" != 0 ]; then
        sed -n '/FAILURES/,/SUMMARY/p' "$work/schemathesis-$who.log" | head -n 200
        break
    fi
done
exit "$status"
