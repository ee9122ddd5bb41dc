# Steering conventions across tools (SPEC 2 "Input and output" on
# appended columns, "Splits" on saved thresholds; SPEC 3 "kpi" on
# targets).  Expected figures are worked out by hand in the comments.

### appended columns: segment twice without -c is a usage error naming -c
$ segment --needs need_intrinsic,need_extrinsic,need_strategic "$DATA/segment_needs.csv" | segment --abc need_intrinsic 2>&1 >/dev/null | head -n 1; echo "rc=${PIPESTATUS[1]}"
>segment: the input has a column 'segment' already; name the appended column with -c NAME
>rc=2

### appended columns: with -c the chain works and keeps both columns
$ segment --needs need_intrinsic,need_extrinsic,need_strategic "$DATA/segment_needs.csv" | segment --abc need_intrinsic -c abc | head -n 1
>customer,need_intrinsic,need_extrinsic,need_strategic,segment,abc

### appended columns: prioritize twice names -c first, then --ev-column
$ prioritize --value value --probability prob "$DATA/prio.csv" > p.csv
$ prioritize --value value --probability prob p.csv 2>&1 | head -n 1
$ prioritize --value value --probability prob -c p2 p.csv 2>&1 | head -n 1
$ prioritize --value value --probability prob -c p2 --ev-column ev2 p.csv | head -n 2
>prioritize: the input has a column 'priority' already; name the appended column with -c NAME
>prioritize: the input has a column 'expected_value' already; name the appended column with --ev-column NAME
>id,name,value,prob,priority,expected_value,p2,ev2
>1,Alpha,100,0.9,1,90,1,90

### appended columns: two new columns of one name
$ prioritize --value value --probability prob -c ev --ev-column ev "$DATA/prio.csv"
!prioritize: the output has a column 'ev' already; name the appended column with --ev-column NAME
!usage: prioritize --value MEASURE --probability MEASURE
!           [--value-split SPLIT] [--probability-split SPLIT] [-c NAME]
!           [--ev-column NAME] [--sort | --summary] [options] [FILE ...]
!Try 'prioritize --help' for more information.
? 2

### appended columns: quadrant, and -o FILE keeps its old contents
$ echo old > out.csv
$ quadrant -x revenue/target -y margin/cost "$DATA/quadrant_basic.csv" | quadrant -x revenue -y cost -o out.csv 2>&1 | head -n 1
$ cat out.csv
>quadrant: the input has a column 'quadrant' already; name the appended column with -c NAME
>old

### appended columns: --summary appends nothing, -H has no names to clash
# revenue median (90 + 100) / 2 = 95, cost median 10: waste (revenue
# < 95, cost < 10) is K6 alone, 1 of 6.  -H: medians 2 and 3.
$ quadrant -x revenue/target -y margin/cost "$DATA/quadrant_basic.csv" | quadrant -x revenue -y cost --summary | head -n 2
$ printf '1,2\n3,4\n' | quadrant -H -x '{1}' -y '{2}' -c 1
>label,customers,share,x_threshold,y_threshold
>waste,1,0.166666666666667,95,10
>1,2,waste
>3,4,qualified

### kpi --targets: keys and columns matching nothing are reported with the nearest name
# Groups: 'Jürgen Weiß', 'Anna Schmidt'.  Line 3's key folds to the
# first (ü -> ue, ß -> ss); 'Bernd Maier' is near nothing; column
# 'revnue' is one edit from metric 'revenue', 'visits' from none.
# '(all)' is the total's row: never reported.  Exit status 0.
$ printf 'rep,revenue,cost\nJürgen Weiß,100,10\nAnna Schmidt,50,20\nJürgen Weiß,60,10\n' > k.csv
$ printf 'rep,revnue,revenue,visits\nAnna Schmidt,1,40,3\nJuergen Weiss,1,200,3\nBernd Maier,1,1,1\n(all),1,1,1\n' > targets.csv
$ kpi --by rep 'revenue=sum(revenue)' --targets targets.csv k.csv; echo "rc=$?"
>rep,revenue,revenue_target,revenue_attainment
>Jürgen Weiß,160,,
>Anna Schmidt,50,40,1.25
>rc=0
!kpi: targets.csv:1: no metric 'revnue' (did you mean 'revenue'?)
!kpi: targets.csv:1: no metric 'visits'
!kpi: targets.csv:3: no group 'Juergen Weiss' (did you mean 'Jürgen Weiß'?)
!kpi: targets.csv:4: no group 'Bernd Maier'

### kpi --strict-targets: the same are a data error, and -o FILE is kept
$ printf 'rep,revenue\nA,100\nB,50\n' > k.csv
$ printf 'rep,revenue\nA,90\nb,40\n' > targets.csv
$ echo old > out.csv
$ kpi --by rep 'revenue=sum(revenue)' --targets targets.csv --strict-targets -o out.csv k.csv; echo "rc=$?"; cat out.csv
>rc=1
>old
!kpi: targets.csv:3: no group 'b' (did you mean 'B'?)
!kpi: targets.csv: 1 target matches nothing (--strict-targets)

### kpi --strict-targets with every key and column matched: status 0
$ printf 'rep,revenue\nA,100\nB,50\n' > k.csv
$ printf 'rep,revenue\nA,80\nB,40\n' > targets.csv
$ kpi --by rep 'revenue=sum(revenue)' --targets targets.csv --strict-targets k.csv
>rep,revenue,revenue_target,revenue_attainment
>A,100,80,1.25
>B,50,40,1.25

### kpi: a metric marked lower has attainment target / actual; a metric may be named lower
# cost_per_customer A: 30 / 2 = 15 against 12: 12 / 15 = 0.8 (20 %
# worse); B: 10 / 1 = 10 against 12: 1.2 (20 % better).  revenue is
# higher-is-better: 100 / 80 = 1.25.  'lower = count()' is named lower.
$ printf 'rep,revenue,cost\nA,60,10\nA,40,20\nB,50,10\n' > k.csv
$ printf 'lower cost_per_customer = sum(cost) / count()\nrevenue = sum(revenue)\nlower = count()\n' > m.metrics
$ printf 'rep,cost_per_customer,revenue,lower\nA,12,80,4\nB,12,80,\n' > targets.csv
$ kpi --by rep --metrics m.metrics --targets targets.csv k.csv
>rep,cost_per_customer,cost_per_customer_target,cost_per_customer_attainment,revenue,revenue_target,revenue_attainment,lower,lower_target,lower_attainment
>A,15,12,0.8,100,80,1.25,2,4,0.5
>B,10,12,1.2,50,80,0.625,1,,

### kpi: the steering preset marks both cost rates lower
# A: cost 30 over 2 customers and 4 contacts: 15 and 7.5 against 10
# and 5: 10 / 15 and 5 / 7.5, both 0.666666666666667
$ printf 'rep,cost_per_customer,cost_per_contact\nA,10,5\n' > targets.csv
$ kpi --by rep --preset steering --targets targets.csv "$DATA/kpi_small.csv" | cut -d, -f1,8-13 | head -n 2
>rep,cost_per_customer,cost_per_customer_target,cost_per_customer_attainment,cost_per_contact,cost_per_contact_target,cost_per_contact_attainment
>A,15,10,0.666666666666667,7.5,5,0.666666666666667
