#!/usr/bin/env bash
# Coverage-guided fuzzing (issue #7): SharpFuzz-instrumented EgressLsp under AFL++ (Debian's afl++), two targets from
# tests/EgressLsp.Fuzz — `core` (parse → validate → expand → editor queries) and `jsonrpc` (the language server's input
# stream) — each started from its seed corpus in tests/fuzz/corpus/.
#   bash tests/fuzz/run.sh            30 s per target (the test command runs this: npm run test:fuzz)
#   bash tests/fuzz/run.sh 3600       an hour per target
# Findings land in tests/fuzz/out/findings-TARGET/default/{crashes,hangs}; the script fails when there is any, and
# prints how to replay one (`dotnet tests/fuzz/out/build/EgressLsp.Fuzz.dll TARGET < FILE`). A finding, once fixed,
# becomes a test in tests/EgressLsp.Tests and its input a seed in the corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
out=tests/fuzz/out

if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    [[ -n ${EGRESSLSP_APT_UPDATED:-} ]] || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
  else
    echo "fuzz: afl-fuzz not found: install Debian's afl++ (apt-get install afl++) and run again" >&2
    exit 2
  fi
fi

rm -rf "$out"
dotnet tool restore >/dev/null
dotnet publish tests/EgressLsp.Fuzz -c Release -o "$out/build" --nologo -v quiet >/dev/null
# Coverage is recorded in our assemblies and in the YAML parser they drive.
for assembly in EgressLsp.Core EgressLsp.LanguageServer YamlDotNet; do
  dotnet tool run sharpfuzz "$out/build/$assembly.dll" >/dev/null
done

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_FAST_CAL=1 AFL_NO_AFFINITY=1
status=0
for target in core jsonrpc; do
  findings=$out/findings-$target
  # -t: one input may take this long before it counts as a hang (the jsonrpc target waits up to 5 s for answers).
  timeout=$([[ $target == core ]] && echo 10000 || echo 20000)
  started=$SECONDS
  # -V stops fuzzing after that many seconds but only between steps, and the jsonrpc target is slow (each input runs a
  # server): an interrupt (afl-fuzz then saves its state and stops cleanly) bounds the run.
  timeout -s INT $((seconds + 30)) afl-fuzz -i "tests/fuzz/corpus/$target" -o "$findings" -t "$timeout" -m none -V "$seconds" \
    -- dotnet "$out/build/EgressLsp.Fuzz.dll" "$target" >"$out/afl-$target.log" 2>&1 || [[ $? -eq 124 ]] || {
      echo "fuzz: afl-fuzz failed for $target; its log:" >&2
      tail -20 "$out/afl-$target.log" >&2
      status=1
      continue
    }
  stat() { sed -n "s/^$1 *: //p" "$findings/default/fuzzer_stats"; }
  crashes=$(stat saved_crashes)
  hangs=$(stat saved_hangs)
  echo "fuzz: $target: $(stat execs_done) inputs in $((SECONDS - started)) s ($(stat execs_per_sec)/s), corpus $(stat corpus_count), $crashes crashes, $hangs hangs" >&2
  if ((crashes + hangs > 0)); then
    status=1
    for file in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
      [[ -e $file ]] && echo "fuzz: finding: dotnet $out/build/EgressLsp.Fuzz.dll $target < '$file'" >&2
    done
  fi
done
exit $status
