# clv: CLI golden tests.  Expected figures are independent of clv:
# - fits: SciPy's Nelder-Mead maximising the same likelihoods on the
#   CDNOW summary (r 0.2425929, alpha 4.4135316, a 0.79288615,
#   b 2.42575373, LL -9582.42556; p 6.2488026, q 3.74458876,
#   v 15.44774866, LL -4055.92324), and with a penalty of 0.001
#   (r 0.20689076, alpha 3.08490548, a 0.53114855, b 1.32534491;
#   p 7.91202546, q 2.44681939, v 7.20956405) or 0.01 (q 0.9683855);
# - scores: the paper's equations (10) and (13) and the Gamma-Gamma
#   mean evaluated with mpmath at 40 digits (hyp2f1), with the paper's
#   rounded parameters (data/clv_model.csv), monthly discounting as the
#   man page says; shown with --precision 6.

### fit on the CDNOW summary: the published parameters
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ clv --frequency x --recency t_x --age T --monetary zbar --summary --precision 3 "$C" | grep -v iterations
>model,parameter,value
>bgnbd,r,0.243
>bgnbd,alpha,4.414
>bgnbd,a,0.793
>bgnbd,b,2.426
>bgnbd,unit,week
>bgnbd,log_likelihood,-9582.426
>bgnbd,customers,2357
>gamma_gamma,p,6.249
>gamma_gamma,q,3.745
>gamma_gamma,v,15.448
>gamma_gamma,log_likelihood,-4055.923
>gamma_gamma,customers,946

### fit and score: the columns appended to every row
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ clv --frequency x --recency t_x --age T --monetary zbar --precision 4 "$C" | head -n 4
>ID,x,t_x,T,zbar,p_alive,churn,expected_purchases,expected_value,clv
>1,2,30.43,38.86,22.35,0.7266,0.2734,1.5586,24.6586,36.6409
>2,1,1.71,38.86,11.77,0.2122,0.7878,0.2599,18.9115,4.6841
>3,0,0.00,38.86,0.00,1.0000,0.0000,0.2517,35.1710,8.4287

### -v reports the fits
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ clv --frequency x --recency t_x --age T --monetary zbar -v --summary "$C" 2>&1 >/dev/null | sed -E 's/[0-9]+ iterations/N iterations/g'
>clv: as-of date 2026-12-01
>clv: numbers use the decimal point, as the delimiter is ','
>clv: second pass: the values of the first, rows unsplit
>clv: BG/NBD: r 0.242593, alpha 4.41353, a 0.792886, b 2.42575, log-likelihood -9582.425561; 2357 customers in 1016 distinct rows, N iterations; Gamma-Gamma: p 6.2488, q 3.74459, v 15.4477, log-likelihood -4055.923244, 946 customers, N iterations
>clv: 2357 rows read, 2357 valid

### --model: scores with saved parameters (one streaming pass)
$ clv --model "$DATA/clv_model.csv" --precision 6 "$DATA/clv_small.csv"
>x,t_x,T,m,p_alive,churn,expected_purchases,expected_value,clv
>2,30.43,38.86,22.35,0.726579,0.273421,1.558721,24.663714,36.651732
>1,1.71,38.86,11.77,0.212101,0.787899,0.259823,18.916852,4.683878
>0,0,38.86,0,1.000000,0.000000,0.252073,35.218978,8.453841
>7,35,38,40.5,0.861991,0.138009,5.728682,40.188750,219.687651
>0,0,0.5,0,1.000000,0.000000,1.348888,35.218978,45.495683
>3,0.5,1,10,0.803005,0.196995,9.806028,13.215449,124.546876

### --model reads standard input in one pass
$ cat "$DATA/clv_small.csv" | clv --model "$DATA/clv_model.csv" --precision 6 | tail -n 1
>3,0.5,1,10,0.803005,0.196995,9.806028,13.215449,124.546876

### --horizon 26
$ clv --model "$DATA/clv_model.csv" --precision 6 --horizon 26 "$DATA/clv_small.csv"
>x,t_x,T,m,p_alive,churn,expected_purchases,expected_value,clv
>2,30.43,38.86,22.35,0.726579,0.273421,0.861649,24.663714,20.692180
>1,1.71,38.86,11.77,0.212101,0.787899,0.141848,18.916852,2.612358
>0,0,38.86,0,1.000000,0.000000,0.134620,35.218978,4.614813
>7,35,38,40.5,0.861991,0.138009,3.244808,40.188750,127.007201
>0,0,0.5,0,1.000000,0.000000,0.835177,35.218978,28.691686
>3,0.5,1,10,0.803005,0.196995,6.570282,13.215449,84.812705

### --horizon 0: nothing expected
$ clv --model "$DATA/clv_model.csv" --horizon 0 --precision 6 "$DATA/clv_small.csv" | sed -n 2p
>2,30.43,38.86,22.35,0.726579,0.273421,0.000000,24.663714,0.000000

### --discount 0
$ clv --model "$DATA/clv_model.csv" --precision 6 --discount 0 "$DATA/clv_small.csv"
>x,t_x,T,m,p_alive,churn,expected_purchases,expected_value,clv
>2,30.43,38.86,22.35,0.726579,0.273421,1.558721,24.663714,38.443844
>1,1.71,38.86,11.77,0.212101,0.787899,0.259823,18.916852,4.915042
>0,0,38.86,0,1.000000,0.000000,0.252073,35.218978,8.877754
>7,35,38,40.5,0.861991,0.138009,5.728682,40.188750,230.228557
>0,0,0.5,0,1.000000,0.000000,1.348888,35.218978,47.506456
>3,0.5,1,10,0.803005,0.196995,9.806028,13.215449,129.591060

### --discount 0: clv is expected_value x expected_purchases (discounting 0.1 is not)
$ for d in 0 0.1; do clv --model "$DATA/clv_model.csv" --discount $d "$DATA/clv_small.csv" | awk -F, 'NR > 1 { d = $9 - $7 * $8; if (d < 0) d = -d; if (d > 1e-12 * $9) bad++ } END { print NR - 1, "rows,", bad + 0, "differ" }'; done
>6 rows, 0 differ
>6 rows, 6 differ

### --discount takes a percentage
$ clv --model "$DATA/clv_model.csv" --discount 10% "$DATA/clv_small.csv" > a.csv; clv --model "$DATA/clv_model.csv" "$DATA/clv_small.csv" > b.csv; cmp a.csv b.csv && echo same
>same

### --unit day: the same customers in days score alike (alpha of a week model times 7)
$ awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { print $1, $2 * 7, $3 * 7, $4 }' "$DATA/clv_small.csv" | clv --model "$DATA/clv_model.csv" --unit day --precision 6
>x,t_x,T,m,p_alive,churn,expected_purchases,expected_value,clv
>2,213.01,272.02,22.35,0.726579,0.273421,1.558721,24.663714,36.651732
>1,11.97,272.02,11.77,0.212101,0.787899,0.259823,18.916852,4.683878
>0,0,272.02,0,1.000000,0.000000,0.252073,35.218978,8.453841
>7,245,266,40.5,0.861991,0.138009,5.728682,40.188750,219.687651
>0,0,3.5,0,1.000000,0.000000,1.348888,35.218978,45.495683
>3,3.5,7,10,0.803005,0.196995,9.806028,13.215449,124.546876

### --unit month --horizon 12: twelve whole months (52.18 weeks)
$ awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { printf "%s,%.12g,%.12g,%s\n", $1, $2 * 7 / 30.4375, $3 * 7 / 30.4375, $4 }' "$DATA/clv_small.csv" | clv --model "$DATA/clv_model.csv" --unit month --horizon 12 --precision 6 | cut -d, -f5-
>p_alive,churn,expected_purchases,expected_value,clv
>0.726579,0.273421,1.563100,24.663714,36.749154
>0.212101,0.787899,0.260573,18.916852,4.696664
>1.000000,0.000000,0.252834,35.218978,8.478014
>0.861991,0.138009,5.743971,40.188750,220.241913
>1.000000,0.000000,1.351914,35.218978,45.591823
>0.803005,0.196995,9.824068,13.215449,124.761913

### --unit day on a fit: alpha times 7, the log-likelihood less sum(x) log 7
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ awk -F, 'BEGIN { OFS = "," } NR == 1 { print "x,t_x,T,m"; next } { print $2, $3 * 7, $4 * 7, $5 }' "$C" | clv --unit day --summary --precision 3 | sed -n '2,7p'
>bgnbd,r,0.243
>bgnbd,alpha,30.895
>bgnbd,a,0.793
>bgnbd,b,2.426
>bgnbd,unit,day
>bgnbd,log_likelihood,-14363.527

### --save-model, then --model: the same scores
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ clv --frequency x --recency t_x --age T --monetary zbar --save-model m.csv "$C" > a.csv
$ clv --frequency x --recency t_x --age T --monetary zbar --model m.csv "$C" > b.csv
$ cmp a.csv b.csv && echo same; cut -d, -f1,2 m.csv
>same
>model,parameter
>bgnbd,r
>bgnbd,alpha
>bgnbd,a
>bgnbd,b
>bgnbd,unit
>bgnbd,log_likelihood
>bgnbd,customers
>bgnbd,iterations
>gamma_gamma,p
>gamma_gamma,q
>gamma_gamma,v
>gamma_gamma,log_likelihood
>gamma_gamma,customers
>gamma_gamma,iterations

### --save-model writes 17 significant digits
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ clv --frequency x --recency t_x --age T --monetary zbar --summary --save-model m.csv "$C" >/dev/null; sed -n 's/^bgnbd,r,\(0\.[0-9]\{6\}\)\([0-9]*\)$/\1 and more/p; /customers/p' m.csv
>0.242592 and more
>bgnbd,customers,2357
>gamma_gamma,customers,946

### a model fitted in weeks scores days without --unit in weeks
$ clv --model "$DATA/clv_model.csv" --precision 6 "$DATA/clv_small.csv" | sed -n 2p
>2,30.43,38.86,22.35,0.726579,0.273421,1.558721,24.663714,36.651732

### --penalizer 0.001 (the objective of Python's lifetimes)
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ clv --frequency x --recency t_x --age T --monetary zbar --summary --penalizer 0.001 --precision 3 "$C" | grep -v -e iterations -e customers
>model,parameter,value
>bgnbd,r,0.207
>bgnbd,alpha,3.085
>bgnbd,a,0.531
>bgnbd,b,1.325
>bgnbd,unit,week
>bgnbd,log_likelihood,-9593.172
>gamma_gamma,p,7.912
>gamma_gamma,q,2.447
>gamma_gamma,v,7.210
>gamma_gamma,log_likelihood,-4081.185

### --penalizer 0.01: Gamma-Gamma's q falls below 1, a data error
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ clv --frequency x --recency t_x --age T --monetary zbar --penalizer 0.01 -o out.csv "$C" 2>&1 | sed -E 's/after [0-9]+ iterations/after N iterations/'; ls
>clv: the Gamma-Gamma fit gives q <= 1 (no finite mean spend) after N iterations (last p = 4.10925, q = 0.968385, v = 3.7808); try another --penalizer than 0.01, or more customers

### a fit that does not converge: only one-time buyers
$ printf 'x,t_x,T,m\n0,0,10,0\n0,0,20,0\n0,0,30,0\n0,0,35,0\n' | clv 2>&1 | sed -E 's/after [0-9]+ iterations/after N iterations/; s/= [^,)]+/= N/g'; echo "rc=${PIPESTATUS[1]}"
>clv: the BG/NBD fit did not converge after N iterations (last r = N, alpha = N, a = N, b = N); try --penalizer 0.001, or more customers
>rc=1

### a fit that does not converge: a parameter runs off
$ printf 'x,t_x,T,m\n1,5,10,20\n0,0,20,0\n0,0,30,0\n' | clv 2>&1 | sed -E 's/after [0-9]+ iterations/after N iterations/; s/= [^,)]+/= N/g'
>clv: the Gamma-Gamma fit did not converge after N iterations (last p = N, q = N, v = N); try --penalizer 0.001, or more customers

### -H: columns by number
$ tail -n +2 "$DATA/clv_small.csv" | clv -H --frequency '{1}' --recency '{2}' --age '{3}' --monetary '{4}' --model "$DATA/clv_model.csv" --precision 6 | head -n 2
>2,30.43,38.86,22.35,0.726579,0.273421,1.558721,24.663714,36.651732
>1,1.71,38.86,11.77,0.212101,0.787899,0.259823,18.916852,4.683878

### measures are expressions
$ clv --monetary 'm * 2' --model "$DATA/clv_model.csv" --precision 6 "$DATA/clv_small.csv" | sed -n 2p
>2,30.43,38.86,22.35,0.726579,0.273421,1.558721,42.995407,63.893708

### --decimal-comma and ; in and out
$ printf 'x;t_x;T;m\n2;30,43;38,86;22,35\n' | clv --model "$DATA/clv_model.csv" -d ';' --decimal-comma --precision 6
>x;t_x;T;m;p_alive;churn;expected_purchases;expected_value;clv
>2;30,43;38,86;22,35;0,726579;0,273421;1,558721;24,663714;36,651732

### -o writes the file and nothing to standard output
$ clv --model "$DATA/clv_model.csv" --precision 6 -o out.csv "$DATA/clv_small.csv"; echo "rc=$?"; sed -n 2p out.csv; ls
>rc=0
>2,30.43,38.86,22.35,0.726579,0.273421,1.558721,24.663714,36.651732
>out.csv

### -o keeps the old file when the fit fails
$ echo old > out.csv; printf 'x,t_x,T,m\n0,0,10,0\n0,0,20,0\n' | clv -o out.csv 2>/dev/null; echo "rc=$?"; cat out.csv; ls
>rc=1
>old
>out.csv

### empty input: nothing, status 0
$ printf '' | clv; echo "rc=$?"
>rc=0

### header only: the header with the new columns, status 0
$ printf 'x,t_x,T,m\n' | clv; echo "rc=$?"
>x,t_x,T,m,p_alive,churn,expected_purchases,expected_value,clv
>rc=0

### header only with --summary: the table's header
$ printf 'x,t_x,T,m\n' | clv --summary
>model,parameter,value

### no valid customer: --save-model writes nothing and says so
$ printf 'x,t_x,T,m\n' | clv --save-model m.csv; ls
>x,t_x,T,m,p_alive,churn,expected_purchases,expected_value,clv
!clv: no valid customer, no model: m.csv not written

### invalid: recency after age
$ printf 'x,t_x,T,m\n1,2,3,4\n1,5,4,3\n' | clv --model "$DATA/clv_model.csv" >/dev/null
!clv: <stdin>:3: --recency t_x is 5, more than --age T (4)
? 1

### invalid: negative x
$ printf 'x,t_x,T,m\n-1,2,3,4\n' | clv
!clv: <stdin>:2: --frequency x is -1, not a whole number >= 0
? 1

### invalid: x not a whole number
$ printf 'x,t_x,T,m\n1.5,0,2,4\n' | clv --model "$DATA/clv_model.csv" >/dev/null
!clv: <stdin>:2: --frequency x is 1.5, not a whole number >= 0
? 1

### invalid: T <= 0
$ printf 'x,t_x,T,m\n0,0,0,0\n' | clv; printf 'x,t_x,T,m\n0,0,-1,0\n' | clv
!clv: <stdin>:2: --age T is 0, not positive
!clv: <stdin>:2: --age T is -1, not positive
? 1

### invalid: negative recency, negative spend, empty spend
$ printf 'x,t_x,T,m\n0,-1,3,0\n' | clv; printf 'x,t_x,T,m\n1,1,3,-4\n' | clv; printf 'x,t_x,T,m\n1,1,3,\n' | clv
!clv: <stdin>:2: --recency t_x is -1, not >= 0
!clv: <stdin>:2: --monetary m is -4, not >= 0
!clv: <stdin>:2: column 'm' is empty
? 1

### --invalid keep: empty results
$ printf 'x,t_x,T,m\n1,0,2,x\n2,1,3,4\n' | clv --model "$DATA/clv_model.csv" --invalid keep --precision 6
>x,t_x,T,m,p_alive,churn,expected_purchases,expected_value,clv
>1,0,2,x,,,,,
>2,1,3,4,0.680956,0.319044,5.075910,9.612861,46.804910
!clv: 1 row with invalid values kept with empty results

### --invalid skip with --rejects: the fit leaves them out
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ (tr -d '\r' < "$C"; printf '\n9998,1,5,4,3\n9999,-2,0,1,1\n') | clv --frequency x --recency t_x --age T --monetary zbar --invalid skip --rejects rej.csv --summary > with.csv; cat rej.csv
$ clv --frequency x --recency t_x --age T --monetary zbar --summary "$C" | cmp - with.csv && echo same fit
>ID,x,t_x,T,zbar,error
>9998,1,5,4,3,"--recency t_x is 5, more than --age T (4)"
>9999,-2,0,1,1,"--frequency x is -2, not a whole number >= 0"
>same fit
!clv: 2 rows with invalid values skipped, written to rej.csv

### a column clv appends exists already
$ printf 'x,t_x,T,m,p_alive\n1,1,2,3,4\n' | clv --model "$DATA/clv_model.csv" 2>&1 | head -n 1
>clv: the input has a column 'p_alive' already, which clv appends (drop or rename it first)

### ... but --summary appends none
$ C="$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
$ tr -d '\r' < "$C" | sed '1s/$/,clv/; 2,$s/$/,1/' | clv --frequency x --recency t_x --age T --monetary zbar --summary --precision 3 | sed -n 2p
>bgnbd,r,0.243

### unknown column
$ printf 'a,b\n1,2\n' | clv 2>&1
>clv: unknown column 'x' in expression 'x'
>  available columns: a, b
? 2

### usage: --unit
$ clv --unit year 2>&1 | head -n 1
>clv: --unit: 'year' is not day, week or month

### usage: --horizon, --discount, --penalizer
$ clv --horizon -1 2>&1 </dev/null | head -n 1; clv --discount x 2>&1 </dev/null | head -n 1; clv --penalizer -0.1 2>&1 </dev/null | head -n 1
>clv: --horizon: '-1' is not a number >= 0
>clv: --discount: 'x' is not a number >= 0
>clv: --penalizer: '-0.1' is not a number >= 0

### usage: a horizon beyond 100 years
$ clv --unit month --horizon 1300 2>&1 </dev/null | head -n 1
>clv: --horizon: '1300' is more than 100 years

### usage: --model excludes what needs a fit
$ clv --model m.csv --save-model n.csv </dev/null; echo "rc=$?"
>rc=2
!clv: --model scores with saved parameters: --save-model, --summary and --penalizer need a fit
!usage: clv [--frequency MEASURE] [--recency MEASURE] [--age MEASURE]
!           [--monetary MEASURE] [--unit day|week|month] [--horizon H]
!           [--discount RATE] [--model FILE | --save-model FILE]
!           [--penalizer L] [--summary] [options] [FILE ...]
!Try 'clv --help' for more information.

### --model: no such file
$ clv --model nosuch.csv </dev/null
!clv: nosuch.csv: cannot open: No such file or directory
? 3

### --model: not a model file
$ printf 'a,b\n1,2\n' > bad.csv; clv --model bad.csv </dev/null
!clv: bad.csv:1: not a model file (its header is not model,parameter,value)
? 1

### --model: a parameter missing
$ printf 'model,parameter,value\nbgnbd,r,0.2\n' > part.csv; clv --model part.csv </dev/null
!clv: part.csv: no bgnbd alpha
? 1

### --model: a parameter not positive, an unknown unit, q <= 1
$ sed 's/^bgnbd,alpha,.*/bgnbd,alpha,-1/' "$DATA/clv_model.csv" > neg.csv; clv --model neg.csv </dev/null
$ sed 's/^bgnbd,unit,.*/bgnbd,unit,year/' "$DATA/clv_model.csv" > u.csv; clv --model u.csv </dev/null
$ sed 's/^gamma_gamma,q,.*/gamma_gamma,q,0.9/' "$DATA/clv_model.csv" > q.csv; clv --model q.csv </dev/null
!clv: neg.csv:3: bgnbd alpha: not a positive number
!clv: u.csv:6: unit is not day, week or month
!clv: q.csv: gamma_gamma q is 0.9, not > 1 (no finite mean spend)
? 1

### --help
$ clv --help | head -n 1
>usage: clv [--frequency MEASURE] [--recency MEASURE] [--age MEASURE]
