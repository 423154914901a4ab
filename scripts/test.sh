#!/usr/bin/env bash
# The project's single test command (README, CI): set-up, then every test suite.
#
#   1. scripts/setup.sh                       tools present (fast when they are)
#      cargo fmt --check, cargo clippy -D warnings (native, all targets; and the wasm lib)
#   2. cargo test --all-features --no-fail-fast   native: unit, integration, property,
#                                             corpus, snapshot
#   3. wasm-pack test --headless --chrome     the wasm API in headless Chromium
#      --no-default-features                  (when tests/wasm_api.rs exists)
#   4. bash scripts/build-web.sh              the page's bundle (when the script exists)
#   5. node --test tests/e2e/                 the page end to end (when tests/e2e/ exists)
#
# Stops at the first failing stage (set -e semantics; KEEP_GOING=1 runs every stage and
# still fails at the end); a stage running longer than STAGE_TIMEOUT seconds (1800) fails. Each stage runs in a session of its own, which is emptied when
# the stage ends, so no browser or driver outlives the run. Prints the runners' own output,
# then one line per stage, "stages: N passed, N failed", and as the last line the tests'
# count "N passed, N failed".
set -euo pipefail

cd "$(dirname "$0")/.."
# A UTF-8 locale for every stage (Chromium names downloads and reads uploads with it),
# when the environment sets none.
if [[ -z "${LC_ALL:-}${LANG:-}" ]]; then
    export LANG=C.UTF-8
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

keep_going="${KEEP_GOING:-0}"
# A stage that hangs (a browser that never answers) fails instead of holding CI forever.
stage_timeout="${STAGE_TIMEOUT:-1800}"
logdir="$(mktemp -d)"
stage_pid=""
results=()
stages_failed=0
tests_passed=0
tests_failed=0

cleanup() {
    if [[ -n "$stage_pid" ]]; then
        # Everything the stage started is in its session (id = the stage's pid).
        pkill -TERM -s "$stage_pid" 2>/dev/null || true
    fi
    rm -rf "$logdir"
}
trap cleanup EXIT
trap 'echo "test: interrupted" >&2; exit 130' INT TERM

# Adds up the test counts a runner printed: cargo's and wasm-bindgen-test's
# "test result: ok. 12 passed; 0 failed", node's "# pass 3" / "# fail 0".
count_tests() {
    local counts
    counts=$(awk '
        match($0, /test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed/) {
            split(substr($0, RSTART, RLENGTH), w, " ")
            p += w[4]; f += w[6]
        }
        /^# pass [0-9]+/ { p += $3 }
        /^# fail [0-9]+/ { f += $3 }
        END { print p + 0, f + 0 }
    ' "$1")
    tests_passed=$((tests_passed + ${counts% *}))
    tests_failed=$((tests_failed + ${counts#* }))
}

summary() {
    local passed=$(( ${#results[@]} - stages_failed ))
    echo
    echo "== summary"
    printf '%s\n' "${results[@]}"
    echo "stages: $passed passed, $stages_failed failed"
    # The last line counts tests (what CI and people read), not stages.
    echo "$tests_passed passed, $tests_failed failed"
}

# run_stage NAME COMMAND...: runs the command in its own session with no stdin, streams
# its output, records the outcome.
run_stage() {
    local name=$1
    shift
    local log="$logdir/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_').log"
    echo "== $name: $*"
    local start=$SECONDS rc=0
    : >"$log"
    # A background job of a non-interactive shell is not a group leader, so setsid makes
    # it the leader of a new session without forking: $! is the session id.
    setsid timeout --kill-after=30 "$stage_timeout" "$@" </dev/null >"$log" 2>&1 &
    stage_pid=$!
    tail -n +1 -f --pid="$stage_pid" "$log" &
    local tail_pid=$!
    wait "$stage_pid" || rc=$?
    wait "$tail_pid" 2>/dev/null || true
    pkill -TERM -s "$stage_pid" 2>/dev/null || true
    stage_pid=""
    count_tests "$log"
    local took=$((SECONDS - start))
    if ((rc == 0)); then
        results+=("ok     $name (${took}s)")
    else
        results+=("FAILED $name (exit $rc, ${took}s)")
        stages_failed=$((stages_failed + 1))
        if [[ "$keep_going" != 1 ]]; then
            summary
            exit "$rc"
        fi
    fi
}

run_stage "setup" bash scripts/setup.sh
# Hygiene the codebase keeps: formatted, and no clippy warning natively or in the wasm build.
run_stage "format and lint" bash -c 'cargo fmt --check && cargo clippy --all-targets --all-features -- -D warnings && cargo clippy --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings'
run_stage "native tests" cargo test --all-features --no-fail-fast
if [[ -f tests/wasm_api.rs ]]; then
    run_stage "wasm tests (headless Chromium)" wasm-pack test --headless --chrome --no-default-features
fi
if [[ -f scripts/build-web.sh ]]; then
    run_stage "web build" bash scripts/build-web.sh
fi
if [[ -d tests/e2e ]] && compgen -G "tests/e2e/*" >/dev/null; then
    run_stage "end-to-end tests (Chromium)" node --test tests/e2e/
fi

summary
if ((stages_failed > 0)); then
    exit 1
fi
