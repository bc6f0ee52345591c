#!/usr/bin/env bash
# Golden outputs: the JSON and HTML that the CLI writes for the bundled examples and the ECSI
# data, compared with the files in tests/golden/expected/: text identical, numbers equal to their
# last printed digit (full-precision numbers to 1e-9 relative: the last bits differ between CPUs;
# compare.py). A refactoring must keep them identical (stored as NAME.golden, data rather than code); a deliberate change of output regenerates them with `run.sh CLI SRC SHARED --update`
# and the diff is reviewed in the commit.
# Usage: run.sh CSIKIT_BINARY SOURCE_DIR SHARED_DATA [--update]
set -euo pipefail
cli=$1 src=$(cd "$2" && pwd) shared=$(cd "$3" 2>/dev/null && pwd || echo "$3") mode=${4:-check}
expected=$src/tests/golden/expected
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bank=$src/examples/bank_branch courier=$src/examples/courier_ipa ecsi=$shared/ecsi

run() {  # name, then the csikit arguments; stdout becomes $out/name
  local name=$1; shift
  "$cli" "$@" > "$out/$name"
}
run bank_score.json score --schema "$bank/schema.json" --data "$bank/responses.csv" --by channel --json
run bank_score.txt score --schema "$bank/schema.json" --data "$bank/responses.csv" --by channel
run bank_analyze.json analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --missing mean --json
run bank_analyze.txt analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --missing mean
run bank_analyze_wave.json analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --missing mean --by wave --bootstrap 200 --seed 3 --threads 2 --json
"$cli" report --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --missing mean --lang en --out "$out/bank_report" >/dev/null
"$cli" report --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --missing mean --lang zh --out "$out/bank_report_zh" >/dev/null
run courier_score.json score --schema "$courier/schema.json" --data "$courier/responses.csv" --json
run courier_ipa.json ipa --schema "$courier/schema.json" --data "$courier/responses.csv" --json  # issue 14
run courier_ipa_rwa.txt ipa --schema "$courier/schema.json" --data "$courier/responses.csv" --importance rwa --by customer_type
if [ -f "$ecsi/mobi.csv" ]; then
  run ecsi_analyze.json analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --bootstrap 300 --seed 1 --threads 2 --json
  run ecsi_analyze.txt analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --bootstrap 300 --seed 1 --threads 2
  "$cli" report --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --target CUSA --bootstrap 300 --seed 1 --threads 2 --out "$out/ecsi_report" >/dev/null
fi
for d in bank_report bank_report_zh ecsi_report; do
  [ -d "$out/$d" ] || continue
  for f in "$out/$d"/*; do mv "$f" "$out/${d}_$(basename "$f")"; done
  rmdir "$out/$d"
done

# File names in the settings tables depend on where the checkout is: write them relative.
for f in "$out"/*; do
  SRC="$src/" SH="$shared/" perl -pi -e 's/\Q$ENV{SRC}\E//g; s/\Q$ENV{SH}\E/SHARED\//g' "$f"
done

if [ "$mode" = "--update" ]; then
  rm -rf "$expected"; mkdir -p "$expected"
  for f in "$out"/*; do cp "$f" "$expected/$(basename "$f").golden"; done
  echo "golden: wrote $(ls "$expected" | wc -l) files to $expected"
  exit 0
fi
fail=0
for f in "$expected"/*.golden; do
  name=$(basename "$f" .golden)
  if [ ! -f "$out/$name" ]; then echo "golden: $name was not written"; fail=1; continue; fi
  if ! cmp -s "$f" "$out/$name" && ! python3 "$src/tests/golden/compare.py" "$f" "$out/$name" > "$out/.why"; then
    echo "golden: $name differs:"; cat "$out/.why"; diff "$f" "$out/$name" | head -20; fail=1
  fi
done
for f in "$out"/*; do [ -f "$expected/$(basename "$f").golden" ] || { echo "golden: new output $(basename "$f") has no expected file"; fail=1; }; done
rm -f "$out/.why"
[ $fail -eq 0 ] && echo "golden: $(ls "$expected" | wc -l) outputs identical"
exit $fail
