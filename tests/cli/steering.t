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
