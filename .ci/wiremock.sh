#!/usr/bin/env bash
# The suite against a real WireMock serving fixtures/wiremock/mappings, gated by
# fixtures/wiremock/expectations.json. Then the two proofs that the gate can go red: the same run
# without one expectation, and with one rejecting stub removed, each red naming exactly the
# requirement concerned. Only the gated run's TRX goes to the folder given (it counts in .ci/run).
#
#   .ci/wiremock.sh <folder for the gated run's TRX>
#   (WIREMOCK_PORT=N picks the port; default: any free one)
#
# Needs java (17+) and npm; without them this stage fails, it never passes silently.
set -uo pipefail
cd "$(dirname "$0")/.."

trx_dir="${1:?usage: .ci/wiremock.sh TRX_FOLDER}"
version=3.13.2
tools=.tools/wiremock
jar="$tools/node_modules/wiremock/build/wiremock-standalone-$version.jar"
expectations=fixtures/wiremock/expectations.json
canned=tests/StageConformance.SelfTests/Expectations/wiremock-run.json
reports=TestResults/wiremock
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
    echo "wiremock: FAILED: $*" >&2
    exit 1
}

for tool in java npm node curl dotnet; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH; this stage needs java 17+, npm (node) and curl"
done

if [ ! -f "$jar" ]; then
    echo "wiremock: installing wiremock@$version from npm into $tools"
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund "wiremock@$version" >/dev/null \
        || fail "npm install wiremock@$version failed"
    [ -f "$jar" ] || fail "the npm package wiremock@$version did not bring $jar"
fi

dotnet build --nologo -v q tests/StageConformance.Suite >/dev/null || fail "the suite does not build"
dotnet build --nologo -v q src/StageConformance.Cli >/dev/null || fail "stageconf does not build"
stageconf() { dotnet src/StageConformance.Cli/bin/Debug/net10.0/stageconf.dll "$@"; }

work="$(mktemp -d)"
java -jar "$jar" --port "${WIREMOCK_PORT:-0}" --bind-address 127.0.0.1 --root-dir fixtures/wiremock --disable-banner --no-request-journal \
    >"$work/wiremock.log" 2>&1 &
wiremock_pid=$!
stop() {
    kill "$wiremock_pid" 2>/dev/null && wait "$wiremock_pid" 2>/dev/null
    rm -rf "$work"
}
trap stop EXIT

port=""
for _ in $(seq 1 120); do
    port="$(sed -n 's/^port: *\([0-9][0-9]*\)$/\1/p' "$work/wiremock.log" | head -n 1)"
    if [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/__admin/health" >/dev/null 2>&1; then
        break
    fi
    kill -0 "$wiremock_pid" 2>/dev/null || { cat "$work/wiremock.log" >&2; fail "WireMock exited while starting"; }
    port=""
    sleep 0.5
done
[ -n "$port" ] || { cat "$work/wiremock.log" >&2; fail "WireMock did not answer on 127.0.0.1 within 60 s"; }
stubs="$(curl -sf "http://127.0.0.1:$port/__admin/mappings" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).meta.total))')"
echo "wiremock: WireMock $version on 127.0.0.1:$port with $stubs stubs from fixtures/wiremock/mappings"

# run_suite <report folder> <expectations file> [dotnet test arguments...]
run_suite() {
    local report_dir="$1" expectations_file="$2"
    shift 2
    STAGECONF_BASE_URL="http://127.0.0.1:$port" STAGECONF_DIALECTS=aws-rest-v1,aws-http-v2,ncp STAGECONF_CATEGORIES=throttling \
        STAGECONF_EXPECTATIONS="$expectations_file" STAGECONF_REPORT_DIR="$report_dir" \
        dotnet test tests/StageConformance.Suite --no-build "$@"
}

broken_requirements() {
    node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).gate.brokenRequirements.join(","))' "$1/report.json"
}

# 1. The gated run: green with the expectations file.
rm -rf "$reports"
run_suite "$PWD/$reports/gated" "$expectations" --logger trx --results-directory "$trx_dir" >"$work/gated.log" 2>&1
gated=$?
grep -E '^(Passed|Failed)!' "$work/gated.log"
if [ "$gated" -ne 0 ]; then
    tail -n 60 "$work/gated.log" >&2
    fail "the suite is red against WireMock with $expectations: $(broken_requirements "$reports/gated")"
fi
echo "wiremock: gated run green; report: $reports/gated/report.md, junit: $reports/gated/junit.xml"

# The self-tests judge the gate on a snapshot of this run's outcomes: it must still describe it.
# Outcomes only: a property may break another requirement from one run to the next.
drift="$(node -e '
const fs = require("fs");
const outcomes = f => new Map(JSON.parse(fs.readFileSync(f)).results.map(r => [r.id, r.outcome]));
const canned = outcomes(process.argv[1]), live = outcomes(process.argv[2]);
for (const id of new Set([...canned.keys(), ...live.keys()]))
    if (canned.get(id) !== live.get(id)) console.log(`  ${id}: ${canned.get(id) ?? "absent"} in the snapshot, ${live.get(id) ?? "absent"} live`);
' "$canned" "$reports/gated/report.json")"
if [ -n "$drift" ]; then
    echo "$drift" >&2
    fail "$canned no longer matches the live run: replace its results with those of jq '[.results[] | {id, requirement, dialect, kind, outcome}]' $reports/gated/report.json"
fi
echo "wiremock: the live run matches $canned"

# 2. Without one expectation the run is red, naming that requirement only.
removed=v1.duplicate.conflict
node -e 'const fs=require("fs"); const f=JSON.parse(fs.readFileSync(process.argv[1])); delete f.expectations[process.argv[2]]; delete f["$schema"]; fs.writeFileSync(process.argv[3], JSON.stringify(f, null, 2));' \
    "$expectations" "$removed" "$work/without-one.json"
STAGECONF_PROPERTY_CASES=5 run_suite "$PWD/$reports/without-$removed" "$work/without-one.json" >"$work/without-one.log" 2>&1
status=$?
named="$(broken_requirements "$reports/without-$removed")"
[ "$status" -ne 0 ] && [ "$named" = "$removed" ] \
    || { tail -n 40 "$work/without-one.log" >&2; fail "without the expectation '$removed' the run should be red naming it; exit $status, broken: '$named'"; }
echo "wiremock: without the expectation '$removed' the run is red, naming $named"

# 3. With one rejecting stub removed the run is red, naming the requirement that stub models;
#    the diff against the gated run lists the regressions under that requirement.
stub=fixtures/wiremock/mappings/create-stage-400-stagename-length.json
requirement="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1])).metadata.requirement' "$stub")"
stub_id="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1])).id' "$stub")"
curl -sf -X DELETE "http://127.0.0.1:$port/__admin/mappings/$stub_id" >/dev/null || fail "could not remove the stub $stub_id"
STAGECONF_PROPERTY_CASES=5 run_suite "$PWD/$reports/broken-stub" "$expectations" >"$work/broken.log" 2>&1
status=$?
named="$(broken_requirements "$reports/broken-stub")"
curl -sf -X POST "http://127.0.0.1:$port/__admin/mappings/reset" >/dev/null
[ "$status" -ne 0 ] && [ "$named" = "$requirement" ] \
    || { tail -n 40 "$work/broken.log" >&2; fail "without $stub the run should be red naming $requirement; exit $status, broken: '$named'"; }
stageconf diff "$reports/gated/report.json" "$reports/broken-stub/report.json" --markdown "$reports/broken-stub/diff.md" >"$work/diff.txt"
diff_status=$?
regressed="$(sed -n 's/^regressed requirements: //p' "$work/diff.txt")"
[ "$diff_status" -eq 1 ] && [ "$regressed" = "$requirement" ] \
    || { cat "$work/diff.txt" >&2; fail "stageconf diff should report regressions under $requirement only; exit $diff_status, regressed: '$regressed'"; }
echo "wiremock: without $(basename "$stub") the run is red, naming $named; stageconf diff: $(grep "regressed, " "$work/diff.txt")"
