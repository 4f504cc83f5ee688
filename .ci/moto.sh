#!/usr/bin/env bash
# The suite against moto 5.2.3 (a real AWS emulator not written for this suite) for aws-rest-v1 and
# aws-http-v2, gated by fixtures/moto/expectations.json. Then: a listing of moto finds nothing of the
# run, and the same run without one expectation is red, naming exactly that requirement. Only the
# gated run's TRX goes to the folder given (it counts in .ci/run).
#
#   .ci/moto.sh <folder for the gated run's TRX>
#
# moto comes from ../shared/emulators/moto (its start.sh); without that folder this stage says so and
# skips. Elsewhere: pip install 'moto[server]==5.2.3' and point STAGECONF_BASE_URL at moto_server
# (docs/ci/github-actions.yml).
set -uo pipefail
cd "$(dirname "$0")/.."

trx_dir="${1:?usage: .ci/moto.sh TRX_FOLDER}"
emulator=../shared/emulators/moto
expectations=fixtures/moto/expectations.json
reports=TestResults/moto
dialects=aws-rest-v1,aws-http-v2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
    echo "moto: FAILED: $*" >&2
    exit 1
}

if [ ! -x "$emulator/start.sh" ]; then
    echo "moto: SKIPPED: $emulator/start.sh is absent (moto 5.2.3 is not beside this clone); install it with pip install 'moto[server]==5.2.3' and see docs/ci/github-actions-moto.yml"
    exit 0
fi
for tool in python3 curl dotnet; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH"
done

dotnet build --nologo -v q tests/StageConformance.Suite >/dev/null || fail "the suite does not build"

work="$(mktemp -d)"
port="${STAGECONF_MOTO_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
moto_pid="$("$emulator/start.sh" "$port" "$work/moto.log")" || { cat "$work/moto.log" >&2; fail "moto did not start on 127.0.0.1:$port"; }
stop() {
    kill "$moto_pid" 2>/dev/null && wait "$moto_pid" 2>/dev/null
    rm -rf "$work"
}
trap stop EXIT
base="http://127.0.0.1:$port"
echo "moto: moto 5.2.3 on $base (pid $moto_pid)"

reset() { curl -sf -X POST "$base/moto-api/reset" >/dev/null || fail "moto did not reset"; }

# run_suite <report folder> <expectations file> [dotnet test arguments...]
run_suite() {
    local report_dir="$1" expectations_file="$2"
    shift 2
    reset
    STAGECONF_BASE_URL="$base" STAGECONF_DIALECTS="$dialects" STAGECONF_EXPECTATIONS="$expectations_file" STAGECONF_REPORT_DIR="$report_dir" \
        dotnet test tests/StageConformance.Suite --no-build "$@"
}

report_field() {
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1] + "/report.json")); print(eval(sys.argv[2], {"r": r}))' "$1" "$2"
}

# What moto still holds: the APIs of both families (moto was reset before the run, so all of it is the run's).
listing() {
    local sign=(--aws-sigv4 "aws:amz:us-east-1:apigateway" --user test:test)
    python3 -c 'import json, sys; print(len(json.loads(sys.argv[1])["item"]) + len(json.loads(sys.argv[2])["items"]))' \
        "$(curl -sf "${sign[@]}" "$base/restapis")" "$(curl -sf "${sign[@]}" "$base/v2/apis")"
}

# 1. The gated run: green with the expectations file, and nothing left on moto.
rm -rf "$reports"
started=$(date +%s)
run_suite "$PWD/$reports/gated" "$expectations" --logger trx --results-directory "$trx_dir" >"$work/gated.log" 2>&1
gated=$?
seconds=$(($(date +%s) - started))
grep -E '^(Passed|Failed)!' "$work/gated.log"
if [ "$gated" -ne 0 ]; then
    tail -n 60 "$work/gated.log" >&2
    fail "the suite is red against moto with $expectations: $(report_field "$reports/gated" '",".join(r["gate"]["brokenRequirements"])')"
fi
totals="$(report_field "$reports/gated" '", ".join(f"{v} {k}" for k, v in r["totals"].items())')"
failed_requirements="$(report_field "$reports/gated" 'len({x["requirement"] for x in r["results"] if x["outcome"] == "failed"})')"
leftovers="$(report_field "$reports/gated" 'len(r["leftovers"])')"
left="$(listing)"
[ "$leftovers" = 0 ] && [ "$left" = 0 ] || fail "the run left resources on moto: report.json lists $leftovers, a listing finds $left API(s)"
echo "moto: gated run green in ${seconds} s ($totals; $failed_requirements requirement(s) failed, all expected); report: $reports/gated/report.md"
echo "moto: after the run report.json lists 0 leftovers and a listing of moto finds 0 APIs"

# 2. Without one expectation the run is red, naming that requirement only.
removed=v2.stages.pagination
python3 -c 'import json, sys; f = json.load(open(sys.argv[1])); del f["expectations"][sys.argv[2]]; f.pop("$schema", None); json.dump(f, open(sys.argv[3], "w"), indent=2)' \
    "$expectations" "$removed" "$work/without-one.json"
run_suite "$PWD/$reports/without-$removed" "$work/without-one.json" >"$work/without-one.log" 2>&1
status=$?
named="$(report_field "$reports/without-$removed" '",".join(r["gate"]["brokenRequirements"])')"
[ "$status" -ne 0 ] && [ "$named" = "$removed" ] \
    || { tail -n 40 "$work/without-one.log" >&2; fail "without the expectation '$removed' the run should be red naming it; exit $status, broken: '$named'"; }
echo "moto: without the expectation '$removed' the run is red, naming $named"
