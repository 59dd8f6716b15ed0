#!/usr/bin/env bash
# The one test command (npm test): typecheck, module boundaries (ESLint), OpenAPI freshness, then the server tests on
# PGlite and on PostgreSQL 15 side by side with the browser journeys. Stops at the first failing step. Its last line is
# "N passed, N failed" (tests summed over the vitest runs), which CI tooling reads.
set -uo pipefail

cd "$(dirname "$0")/.."

PG_URL="${TEST_DATABASE_URL:-postgres://coherence:coherence@127.0.0.1:5432/coherence_test}"
PG_VERSION=15
PG_CLUSTER=main
CHROMIUM=/usr/bin/chromium

passed=0
failed=0
skipped=0
timings=()
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/coherence-test.XXXXXX")"
trap 'rm -rf "$work_dir"' EXIT

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
is_root() { [ "$(id -u)" -eq 0 ]; }

finish() {
  local code=$1
  echo
  echo "Durées :"
  for t in "${timings[@]}"; do echo "  $t"; done
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  exit "$code"
}

# A step that is not a vitest run (setup, typecheck, OpenAPI check) counts as one failed test when it fails.
run_step() {
  local label=$1
  shift
  say "$label"
  local start
  start=$(now)
  if "$@"; then
    timings+=("$label : $(elapsed "$start") s")
  else
    timings+=("$label : $(elapsed "$start") s (échec)")
    failed=$((failed + 1))
    echo "Échec : $label" >&2
    finish 1
  fi
}

# Adds a vitest run's counts (from its JSON report) to the totals; records its timing line (its own
# duration in seconds). Returns its exit code.
count_vitest() {
  local label=$1 report=$2 code=$3 seconds=$4
  local counts
  counts=$(node -e '
    const fs = require("node:fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      console.log(`${r.numPassedTests} ${r.numFailedTests} ${r.numPendingTests + r.numTodoTests} ${r.numFailedTestSuites}`);
    } catch { console.log("0 0 0 1"); }
  ' "$report")
  local p f s fs
  read -r p f s fs <<<"$counts"
  passed=$((passed + p))
  skipped=$((skipped + s))
  # a file that fails to load counts as a failed test even though no test in it ran
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then f=$((fs > 0 ? fs : 1)); fi
  failed=$((failed + f))
  if [ "$code" -ne 0 ]; then
    timings+=("$label : $seconds s (échec)")
    echo "Échec : $label" >&2
    return 1
  fi
  timings+=("$label : $seconds s ($p réussis)")
}

vitest_reporters() { echo "--reporter=default --reporter=json --outputFile.json=$1"; }

# A vitest run in the background (side_by_side): its output to $report.log, its exit code to
# $report.rc, its duration in seconds to $report.seconds. Returns its exit code.
vitest_in_background() {
  local report=$1
  shift
  local start code
  start=$(now)
  # shellcheck disable=SC2046
  "$@" $(vitest_reporters "$report") >"$report.log" 2>&1
  code=$?
  elapsed "$start" >"$report.seconds"
  echo "$code" >"$report.rc"
  return "$code"
}

# Runs the given shell functions side by side and waits for all of them, saying every two minutes
# that it is still waiting (CI would otherwise see no output for half an hour).
side_by_side() {
  local -a pids=()
  local stream
  for stream in "$@"; do
    "$stream" &
    pids+=($!)
  done
  local waited=0 pid running
  while :; do
    running=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ "$running" -eq 1 ] || break
    sleep 5
    waited=$((waited + 5))
    if [ $((waited % 120)) -eq 0 ]; then echo "… en cours depuis ${waited} s"; fi
  done
  wait
}

# Prints background runs' output whole, one after the other, and adds up their counts; arguments are
# « label|report » pairs. A run that did not start (an earlier run of its stream failed) is listed as
# not run. Stops the script when any failed.
report_background_runs() {
  local ok=0 pair label report
  for pair in "$@"; do
    label=${pair%%|*}
    report=${pair#*|}
    say "$label"
    if [ ! -f "$report.rc" ]; then
      echo "Non lancé : l’exécution qui le précède a échoué."
      timings+=("$label : non lancé")
      continue
    fi
    cat "$report.log"
    count_vitest "$label" "$report" "$(cat "$report.rc")" "$(cat "$report.seconds")" || ok=1
  done
  [ "$ok" -eq 0 ] || finish 1
}

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
pg_can_connect() { psql "$PG_URL" -Atqc 'select 1' >/dev/null 2>&1; }
as_postgres() { su postgres -c "$1"; }

ensure_postgresql() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_ready; then
    if ! is_root; then
      echo "PostgreSQL $PG_VERSION n'est pas installé et ce script ne tourne pas en root : installez-le (apt-get install postgresql-$PG_VERSION) ou lancez les tests en root." >&2
      return 1
    fi
    echo "Installation de PostgreSQL $PG_VERSION…"
    DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "postgresql-$PG_VERSION" || return 1
  fi
  if ! pg_ready; then
    if ! is_root; then
      echo "PostgreSQL ne répond pas sur 127.0.0.1:5432 et ce script ne tourne pas en root : démarrez-le (pg_ctlcluster $PG_VERSION $PG_CLUSTER start)." >&2
      return 1
    fi
    echo "Démarrage de PostgreSQL $PG_VERSION…"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start || return 1
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    pg_ready || { echo "PostgreSQL n'a pas démarré." >&2; return 1; }
  fi
  if pg_can_connect; then return 0; fi
  if ! is_root; then
    echo "Impossible de se connecter à $PG_URL, et sans root ce script ne peut pas créer le rôle « coherence » ni la base « coherence_test »." >&2
    return 1
  fi
  echo "Création du rôle coherence et de la base coherence_test…"
  as_postgres "psql -qAtc \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname = 'coherence') then create role coherence login createdb password 'coherence'; else alter role coherence login createdb password 'coherence'; end if; end \\\$\\\$\"" || return 1
  if [ -z "$(as_postgres "psql -qAtc \"select 1 from pg_database where datname = 'coherence_test'\"")" ]; then
    as_postgres "createdb -O coherence coherence_test" || return 1
  fi
  pg_can_connect || { echo "Toujours impossible de se connecter à $PG_URL (vérifiez pg_hba.conf)." >&2; return 1; }
}

ensure_chromium() {
  [ -x "$CHROMIUM" ] && return 0
  if ! is_root; then
    echo "Chromium est absent ($CHROMIUM) et ce script ne tourne pas en root : installez-le (apt-get install chromium) pour les parcours navigateur." >&2
    return 1
  fi
  echo "Installation de Chromium…"
  DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
}

run_step "PostgreSQL $PG_VERSION" ensure_postgresql
run_step "Chromium" ensure_chromium
run_step "Vérification des types (tsc)" npx tsc --noEmit -p tsconfig.json
run_step "Frontières des modules (ESLint)" npx eslint src
run_step "openapi.json à jour" npx tsx scripts/check-openapi.ts
# The browser journeys beside the server tests, PGlite then PostgreSQL. The journeys mostly wait on
# Chromium and their server; a server run has one worker (vitest's default on two cores: cores − 1),
# which leaves the other core to the journeys. (The PGlite run used to go alone, one core idle for
# its 17 minutes, and the journeys beside the PostgreSQL run.)
pglite_report="$work_dir/server-pglite.json"
postgresql_report="$work_dir/server-postgresql.json"
e2e_report="$work_dir/e2e.json"
# When the journeys have ended before the PostgreSQL run starts, it takes both cores (two workers).
postgresql_workers() { if [ -f "$e2e_report.rc" ]; then echo 2; else echo 1; fi; }
server_runs() {
  vitest_in_background "$pglite_report" env -u TEST_DATABASE_URL npx vitest run --project server &&
    vitest_in_background "$postgresql_report" env TEST_DATABASE_URL="$PG_URL" npx vitest run --project server --maxWorkers="$(postgresql_workers)"
}
journey_run() { vitest_in_background "$e2e_report" npx vitest run --project e2e --passWithNoTests; }
say "Tests serveur (PGlite puis PostgreSQL) à côté des parcours navigateur"
side_by_side_start=$(now)
side_by_side server_runs journey_run
timings+=("Tests serveur et parcours, côte à côte : $(elapsed "$side_by_side_start") s")
report_background_runs "Tests serveur sur PGlite|$pglite_report" "Tests serveur sur PostgreSQL|$postgresql_report" \
  "Parcours navigateur (e2e)|$e2e_report"
finish 0
