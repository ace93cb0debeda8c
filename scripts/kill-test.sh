#!/usr/bin/env bash
# Kill test (issue 11): `mpstudy analyze --compare float32` into an existing report folder,
# killed with SIGKILL at random moments. After every kill the folder must be either the old
# complete run (byte for byte) or the new complete run (the same file set as a finished new
# run, every run.json of the new seed, every file exactly what `mpstudy report` regenerates
# from those run.json files), never a mix; the temporaries a killed run leaves must be gone
# once the next run has started, and none may be left after the last run.
#
# The kills cycle through three kinds of moment: uniformly random over a whole run (loading,
# training, writing); random after the run's temporary folder appeared (writing, exchanging,
# removing the old folder), which a uniform choice rarely hits; and as soon as the new run.json
# is in place (between the exchange and the end of the old folder's removal).
#
# Usage: scripts/kill-test.sh            (20 kills, the debug build, Data/mnist)
#   KILLS=40 SEED=7 MPSTUDY=.build/release/mpstudy DATA=Data/mnist scripts/kill-test.sh
# Prints one line per kill and a summary line; exits 1 if any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

kills=${KILLS:-20}
seed=${SEED:-$$}
RANDOM=$seed
data=$(cd "${DATA:-Data/mnist}" && pwd)
if [ -n "${MPSTUDY:-}" ]; then
    bin=$(cd "$(dirname "$MPSTUDY")" && pwd)/$(basename "$MPSTUDY")
else
    swift build --product mpstudy >/dev/null
    bin=$(swift build --show-bin-path)/mpstudy
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/mpstudy-kill-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/parent" "$work/check"
run=$work/parent/run

# Small and quick: real data, 32 units, one epoch, one thread (a few seconds per run).
args=(analyze --data "$data" --units 32 --epochs 1 --threads 1 --compare float32 --layer dense_2 --shadow-every 0)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
sleep_ms() { sleep "$(printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )))"; }
temporaries() { (cd "$work/parent" && ls -A | grep '^\.mpstudy-' || true); }

# The old run (seed 1), kept as the reference the folder is reset to before every kill.
"$bin" "${args[@]}" --seed 1 --output "$work/old" >/dev/null 2>"$work/old.stderr" || { cat "$work/old.stderr" >&2; exit 1; }
# A finished new run (seed 2) into a copy of the old one: its file set, its duration, and
# how long it takes from the temporary folder's appearance to the end.
cp -a "$work/old" "$run"
start=$(now_ms)
"$bin" "${args[@]}" --seed 2 --output "$run" >/dev/null 2>/dev/null &
pid=$!
appeared=""
while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$appeared" ] && compgen -G "$work/parent/.mpstudy-tmp-$pid-*" >/dev/null; then appeared=$(now_ms); fi
    sleep 0.002
done
wait "$pid"
end=$(now_ms)
total=$(( end - start ))
writing=$(( end - ${appeared:-$start} ))
[ "$writing" -gt 0 ] || writing=1
(cd "$run" && find . -type f | sort) > "$work/new-files"
echo "kill test: seed $seed; a run takes $total ms, $writing ms of it from the temporary folder on; $kills kills"

# The folder is the new complete run: the new run's file set, seed 2 in every run.json, and
# every file what `report` regenerates from the run.json files.
is_new() {
    [ "$(cd "$run" && find . -type f | sort)" = "$(cat "$work/new-files")" ] || return 1
    grep -q '"seed":2,' "$run/run.json" && grep -q '"seed":2,' "$run/float32/run.json" || return 1
    rm -rf "$work/check/regen"
    "$bin" report "$run/run.json" --output "$work/check/regen" >/dev/null 2>&1 || return 1
    diff -r -q "$run" "$work/check/regen" >/dev/null
}

old=0 new=0 mixed=0 stale=0 before_writing=0 while_writing=0 after_commit=0 finished=0
i=0
while [ "$i" -lt "$kills" ]; do
    i=$(( i + 1 ))
    rm -rf "$run"
    cp -a "$work/old" "$run"
    "$bin" "${args[@]}" --seed 2 --output "$run" >/dev/null 2>&1 &
    pid=$!
    case $(( i % 3 )) in
    1)
        delay=$(( RANDOM * (total + 200) / 32768 ))
        sleep_ms "$delay"
        moment="${delay} ms after the start";;
    2)
        while kill -0 "$pid" 2>/dev/null && ! compgen -G "$work/parent/.mpstudy-tmp-$pid-*" >/dev/null; do sleep 0.002; done
        delay=$(( RANDOM * writing / 32768 ))
        sleep_ms "$delay"
        moment="${delay} ms after the temporary folder appeared";;
    0)
        while kill -0 "$pid" 2>/dev/null && ! grep -q '"seed":2,' "$run/run.json" 2>/dev/null; do sleep 0.001; done
        moment="when the new run.json appeared";;
    esac
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null && status=0 || status=$?
    temporary=no
    if compgen -G "$work/parent/.mpstudy-tmp-$pid-*" >/dev/null || compgen -G "$work/parent/.mpstudy-old-$pid-*" >/dev/null; then
        temporary=yes
    fi
    # Temporaries of earlier killed runs must be gone: the run just killed removed them when it
    # started (only the killed run's own may remain, until the next run).
    others=$(temporaries | grep -v -- "-$pid-" || true)
    if [ -n "$others" ]; then
        stale=$(( stale + 1 ))
        echo "  stale temporaries of an earlier run: $others"
    fi
    if diff -r -q "$work/old" "$run" >/dev/null 2>&1; then
        state="old complete run"; old=$(( old + 1 ))
    elif is_new; then
        state="new complete run"; new=$(( new + 1 ))
    else
        state="MIXED OR INCOMPLETE"; mixed=$(( mixed + 1 ))
        diff -r -q "$work/old" "$run" | head -5 || true
    fi
    # Where the kill fell, from what it left. A run that finished before the kill (runs vary in
    # length on a shared machine) is checked too, but does not count as a kill: the moment is
    # drawn again.
    if [ "$status" -ne 137 ]; then
        phase="after it finished (exit $status), not counted"; finished=$(( finished + 1 ))
        i=$(( i - 1 ))
    elif [ "$state" = "new complete run" ]; then
        phase="after the commit"; after_commit=$(( after_commit + 1 ))
        [ "$temporary" = yes ] && phase="after the commit, while removing the old folder"
    elif [ "$temporary" = yes ]; then
        phase="while writing, before the commit"; while_writing=$(( while_writing + 1 ))
    else
        phase="before writing"; before_writing=$(( before_writing + 1 ))
    fi
    printf 'kill %2d: %s, %s: %s; temporaries now: %s\n' "$i" "$moment" "$phase" "$state" "$(temporaries | wc -l)"
    if [ "$finished" -gt $(( 3 * kills )) ]; then echo "kill test: the runs keep finishing before the kill" >&2; exit 1; fi
done

# One more run, not killed: the new complete run, and no temporary anywhere.
rm -rf "$run"
cp -a "$work/old" "$run"
"$bin" "${args[@]}" --seed 2 --output "$run" >/dev/null 2>"$work/final.stderr" || { cat "$work/final.stderr" >&2; exit 1; }
final="new complete run"
is_new || { final="NOT the new complete run"; mixed=$(( mixed + 1 )); }
left=$(temporaries | wc -l)
inside=$(find "$run" -name '.mpstudy-*' | wc -l)
echo "final run: $final; temporaries left beside it: $left, inside it: $inside"

echo "kill test summary: $kills SIGKILLs ($before_writing before writing, $while_writing while writing before the commit, $after_commit after the commit; $finished more runs finished before their kill): old complete $old, new complete $(( new - finished )), mixed or incomplete $mixed; earlier runs' temporaries found after a later run started: $stale; left at the end: $(( left + inside ))"
[ "$mixed" -eq 0 ] && [ "$stale" -eq 0 ] && [ "$left" -eq 0 ] && [ "$inside" -eq 0 ]
