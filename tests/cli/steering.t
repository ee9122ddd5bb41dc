# Steering conventions across tools (SPEC 2 "Input and output" on
# appended columns, "Splits" on saved thresholds; SPEC 3 "kpi" on
# targets).  Expected figures are worked out by hand in the comments.

### appended columns: segment twice without -c is a usage error naming -c
$ segment --needs need_intrinsic,need_extrinsic,need_strategic "$DATA/segment_needs.csv" | segment --abc need_intrinsic 2>err.txt >/dev/null; echo "rc=$?"; head -n 1 err.txt
>rc=2
>segment: the input has a column 'segment' already; name the appended column with -c NAME

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

### --save-thresholds: the thresholds a run used, 17 significant digits
# revenue/target: 0.6 0.8 0.9 1.0 1.2 1.5, median (0.9 + 1.0) / 2, the
# double nearest 0.95; margin/cost: 0.5 0.5 0.5 3 3 4, median 1.75
$ quadrant -x revenue/target -y margin/cost --save-thresholds base.csv "$DATA/quadrant_basic.csv" | cut -d, -f1,6 | paste -sd ' '
$ cat base.csv
>customer,quadrant K1,qualified K2,fig-leaf K3,pyrrhic K4,waste K5,qualified K6,waste
>tool,measure,expression,split,threshold
>quadrant,--x-split,revenue/target,median,0.94999999999999996
>quadrant,--y-split,margin/cost,median,1.75

### what-if: 10 % more revenue against the baseline's thresholds moves K4
# x becomes 1.32 0.88 1.1 0.99 1.65 0.66: K4's 0.99 >= 0.95 is high now,
# waste -> pyrrhic.  Without --thresholds the median moves with the
# measure ((0.99 + 1.1) / 2 = 1.045) and K4 stays waste.
$ quadrant -x revenue/target -y margin/cost --save-thresholds base.csv "$DATA/quadrant_basic.csv" > /dev/null
$ quadrant -x 'revenue*1.1/target' -y margin/cost --thresholds base.csv "$DATA/quadrant_basic.csv" | cut -d, -f1,6 | paste -sd ' '
$ quadrant -x 'revenue*1.1/target' -y margin/cost "$DATA/quadrant_basic.csv" | cut -d, -f1,6 | paste -sd ' '
>customer,quadrant K1,qualified K2,fig-leaf K3,pyrrhic K4,pyrrhic K5,qualified K6,waste
>customer,quadrant K1,qualified K2,fig-leaf K3,pyrrhic K4,waste K5,qualified K6,waste

### --thresholds: -v reports them, --summary shows them; the file's row order does not matter
# x 1.2 0.8 1.0 0.9 1.5 0.6 and y 3 4 0.5 0.5 3 0.5 against 1 and 1:
# waste K4 K6, fig-leaf K2, pyrrhic K3, qualified K1 K5
$ printf 'tool,measure,expression,split,threshold\nquadrant,--y-split,m,median,1\nquadrant,--x-split,"r, t",p90,1\n' > t.csv
$ quadrant -v -x revenue/target -y margin/cost --thresholds t.csv --summary "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>waste,2,0.333333333333333,1,1
>fig-leaf,1,0.166666666666667,1,1
>pyrrhic,1,0.166666666666667,1,1
>qualified,2,0.333333333333333,1,1
!quadrant: as-of date 2026-12-01
!quadrant: numbers use the decimal point, as the delimiter is ','
!quadrant: x threshold 1 (1)
!quadrant: y threshold 1 (1)
!quadrant: 6 rows read, 6 valid

### prioritize saves and reads its two thresholds
# value median of 50 80 100 150 200 = 100; probability split 0.5 as
# given.  value*2 (200 100 400 160 300) is high everywhere against 100,
# so priority follows the probability (.9 .2 .4 .6 .5): 1 2 2 1 1; its
# own median (200) would make 2 and 4 low.
$ prioritize --value value --probability prob --save-thresholds p.csv "$DATA/prio.csv" > /dev/null
$ cat p.csv
$ prioritize --value 'value*2' --probability prob --thresholds p.csv "$DATA/prio.csv" | awk -F, '{ print $1 ":" $(NF-1) }' | paste -sd ' '
>tool,measure,expression,split,threshold
>prioritize,--value-split,value,median,100
>prioritize,--probability-split,prob,0.5,0.5
>id:priority 1:1 2:2 3:2 4:1 5:1

### segment --bins saves its cut points and bins a scenario with them
# revenue 60 80 90 100 120 150, -n 4: h = 5k/4: 82.5, 95, 115.  x1.1:
# 132 88 110 99 165 66: K2 88 > 82.5 -> 2, K4 99 > 95 -> 3
$ segment --bins revenue -n 4 --save-thresholds b.csv "$DATA/quadrant_basic.csv" | cut -d, -f1,6 | paste -sd ' '
$ cat b.csv
$ segment --bins 'revenue*1.1' -n 4 --thresholds b.csv "$DATA/quadrant_basic.csv" | cut -d, -f1,6 | paste -sd ' '
>customer,segment K1,4 K2,1 K3,3 K4,2 K5,4 K6,1
>tool,measure,expression,split,threshold
>segment,--bins,revenue,cut1,82.5
>segment,--bins,revenue,cut2,95
>segment,--bins,revenue,cut3,115
>customer,segment K1,4 K2,2 K3,3 K4,3 K5,4 K6,1

### --thresholds errors: a missing row for an option
$ printf 'tool,measure,expression,split,threshold\nquadrant,--x-split,x,median,1\n' > t.csv
$ quadrant -x revenue/target -y margin/cost --thresholds t.csv "$DATA/quadrant_basic.csv"
!quadrant: t.csv: no threshold for --y-split of quadrant
? 1

### --thresholds errors: a file of another tool
$ quadrant -x revenue/target -y margin/cost --save-thresholds q.csv "$DATA/quadrant_basic.csv" > /dev/null
$ prioritize --value revenue --probability 0.5 --thresholds q.csv "$DATA/quadrant_basic.csv"
!prioritize: q.csv: thresholds of quadrant, not of prioritize
? 1

### --thresholds errors: a malformed number, and a file that is no thresholds file
$ printf 'tool,measure,expression,split,threshold\nquadrant,--x-split,x,median,1\nquadrant,--y-split,y,median,1,5\n' > t.csv
$ quadrant -x revenue/target -y margin/cost --thresholds t.csv "$DATA/quadrant_basic.csv"; echo "rc=$?"
$ printf 'tool,measure,expression,split,threshold\nquadrant,--x-split,x,median,abc\n' > t.csv
$ quadrant -x revenue/target -y margin/cost --thresholds t.csv "$DATA/quadrant_basic.csv"; echo "rc=$?"
$ quadrant -x revenue/target -y margin/cost --thresholds "$DATA/quadrant_basic.csv" "$DATA/quadrant_basic.csv" 2>&1 | sed "s|$DATA/||"
>rc=1
>rc=1
>quadrant: quadrant_basic.csv:1: not a thresholds file: the header must be tool,measure,expression,split,threshold
!quadrant: t.csv:3: expected 5 fields, found 6
!quadrant: t.csv:2: threshold "abc" is not a number

### --thresholds usage errors: with a split option, with a method other than --bins, with ntile
$ printf 'tool,measure,expression,split,threshold\n' > t.csv
$ quadrant -x revenue -y cost --x-split 1 --thresholds t.csv "$DATA/quadrant_basic.csv" 2>&1 | head -n 1
$ segment --abc revenue --thresholds t.csv "$DATA/quadrant_basic.csv" 2>&1 | head -n 1
$ segment --bins revenue --method ntile --save-thresholds t.csv "$DATA/quadrant_basic.csv" 2>&1 | head -n 1
>quadrant: --thresholds and --x-split exclude each other
>segment: --thresholds and --save-thresholds apply only to --bins
>segment: --method ntile has no cut points: --thresholds and --save-thresholds need --method quantile

### segment --bins --thresholds: a file of other -n is a data error
$ segment --bins revenue -n 4 --save-thresholds b.csv "$DATA/quadrant_basic.csv" > /dev/null
$ segment --bins revenue -n 3 --thresholds b.csv "$DATA/quadrant_basic.csv"; echo "rc=$?"
$ segment --bins revenue -n 5 --thresholds b.csv "$DATA/quadrant_basic.csv"; echo "rc=$?"
>rc=1
>rc=1
!segment: b.csv: cut points of more than 3 bins (-n 3)
!segment: b.csv: no threshold for --bins cut4 of segment

### --thresholds: a saved run without valid rows has empty thresholds, which cannot be used
$ printf 'customer,revenue,target,margin,cost\n' | quadrant -x revenue/target -y margin/cost --save-thresholds e.csv
$ cat e.csv
$ quadrant -x revenue/target -y margin/cost --thresholds e.csv "$DATA/quadrant_basic.csv"; echo "rc=$?"
>customer,revenue,target,margin,cost,quadrant
>tool,measure,expression,split,threshold
>quadrant,--x-split,revenue/target,median,
>quadrant,--y-split,margin/cost,median,
>rc=1
!quadrant: e.csv:2: no threshold for --x-split (the run that saved it had no valid row)
