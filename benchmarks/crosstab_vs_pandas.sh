#!/usr/bin/env bash
# crosstab of SAT1 by channel per wave on 200,400 respondents: csikit CLI vs pandas (read_csv + weighted crosstab + scipy chi2)
# usage: crosstab_vs_pandas.sh CSIKIT SOURCE_DIR (writes /tmp/xtab_big.csv: the bank example x 334)
CLI=${1:-./csikit} SRC=${2:-.}
S=$SRC/examples/bank_branch/schema.json D=/tmp/xtab_big.csv
python -c "import pandas as pd; f = pd.read_csv('$SRC/examples/bank_branch/responses.csv'); pd.concat([f] * 334, ignore_index=True).to_csv('$D', index=False)"
for k in 1 2 3; do
/usr/bin/time -f "csikit wall %e s cpu %U+%S s" "$CLI" crosstab --schema $S --data $D --rows SAT1 --cols channel --layer wave --json > /dev/null
/usr/bin/time -f "pandas wall %e s cpu %U+%S s" python -c "
import pandas as pd
from scipy.stats import chi2_contingency
f = pd.read_csv('$D'); f = f[f.SAT1.isin([1,2,3,4,5])]
for w, g in f.groupby('wave'):
    t = pd.crosstab(g.SAT1, g.channel, values=g.weight, aggfunc='sum').fillna(0)
    s = t / t.sum(); chi2_contingency(pd.crosstab(g.SAT1, g.channel))
"
done
