# kpi: steering figures per group (SPEC 3 "kpi", seed 4).
#
# Expected figures were computed by hand and checked with sqlite3 and
# datamash, never copied from kpi.  kpi_small.csv per rep:
#   A: rows 1, 3: revenue 100+50, target 200, prev 130, cost 30,
#      contacts 2+2, margin 40, satisfaction 80 (one empty)
#   B: rows 2, 4: revenue 200 (one empty), target 150, prev 350, cost 50,
#      contacts 0+2 (row 2 not worked), margin 55, satisfaction 60, 70
#   C: row 5: revenue 300, target 200, prev empty, cost 30, contacts 1,
#      margin 90, satisfaction 90
#   all: revenue 650, target 550, prev 480, cost 110, contacts 7,
#      margin 185, satisfaction 75 (mean of 4)
# growth is like for like (rows with revenue and revenue_prev): A 150 /
# 130 - 1; B row 2 only, 200 / 250 - 1 = -0.2; C none; all rows 1-3,
# 350 / 380 - 1 = -0.0789473684210527.

### the steering preset per rep, with a total row
$ kpi --by rep --preset steering --total "$DATA/kpi_small.csv"
>rep,customers,worked,worked_share,attainment,satisfaction,growth,cost_per_customer,cost_per_contact,efficiency,composite
>A,2,2,1,0.75,80,0.153846153846154,15,7.5,1.33333333333333,4
>B,2,1,0.5,1.33333333333333,65,-0.2,25,25,1.1,2.6
>C,1,1,1,1.5,90,,30,30,3,9
>(all),5,4,0.8,1.18181818181818,75,-0.0789473684210527,22,15.7142857142857,1.68181818181818,4.43181818181818

### growth is like for like: new and lost customers do not count
# K1 400 (prev 500), K2 new 632, K3 lost (prev 500): the plain ratio
# 1032 / 1000 - 1 = +3.2 % hides that the customer of both years
# shrank: 400 / 500 - 1 = -0.2.  Revenue 0 is a customer of both years.
$ printf 'customer,revenue,revenue_prev\nK1,400,500\nK2,632,\nK3,,500\n' > g.csv
$ kpi --preset steering --map target=revenue,margin=revenue,cost=revenue,visits=revenue,calls=revenue,satisfaction=revenue g.csv | cut -d, -f6
$ kpi 'plain=sum(revenue)/sum(revenue_prev)-1' g.csv
$ printf 'K4,0,100\n' >> g.csv
$ kpi --preset steering --map target=revenue,margin=revenue,cost=revenue,visits=revenue,calls=revenue,satisfaction=revenue g.csv | cut -d, -f6
>growth
>-0.2
>plain
>0.032
>growth
>-0.333333333333333

### every aggregate, with empty and single-value groups and missing values
# a: x = 1, 2, (empty), 4; t = p, q, p, (empty)  -> mean 7/3,
#    median 2, p90: h = 1.8 -> 2 + 0.8 * 2 = 3.6, var 14/3 / 2 = 7/3
# b: one value 10: stddev and var empty
# c: no value: sum, mean, min, ... empty; counts 0
$ kpi --by g 'n=count()' 'cx=count(x)' 'ci=count_if(x>1)' 's=sum(x)' 'm=mean(x)' 'lo=min(x)' 'hi=max(x)' 'med=median(x)' 'q=quantile(x, 0.9)' 'sd=stddev(x)' 'v=var(x)' 'd=distinct(t)' "$DATA/kpi_aggs.csv"
>g,n,cx,ci,s,m,lo,hi,med,q,sd,v,d
>a,4,3,2,7,2.33333333333333,1,4,2,3.6,1.52752523165195,2.33333333333333,2
>b,1,1,1,10,10,10,10,10,10,,,1
>c,1,0,0,,,,,,,,,1

### aggregates combine arithmetically; row expressions inside them
$ kpi --by rep 'contacts=sum(visits + calls)' 'per_contact=sum(cost)/sum(visits+calls)' 'spread=max(revenue)-min(revenue)' 'wide=max(max(visits, calls))' "$DATA/kpi_small.csv"
>rep,contacts,per_contact,spread,wide
>A,4,7.5,50,2
>B,2,25,0,2
>C,1,30,0,1

### groups in first-seen order, several --by columns
$ kpi --by region,rep 'n=count()' 'r=sum(revenue)' "$DATA/kpi_small.csv"
>region,rep,n,r
>N,A,1,100
>S,B,1,200
>S,A,1,50
>N,B,1,
>N,C,1,300

### --sort orders by key, byte order; --total stays last
$ kpi --by region,rep --sort --total 'n=count()' 'r=sum(revenue)' "$DATA/kpi_small.csv"
>region,rep,n,r
>N,A,1,100
>N,B,1,
>N,C,1,300
>S,A,1,50
>S,B,1,200
>(all),(all),5,650

### --sort is byte order: upper case before lower, UTF-8 after ASCII
$ printf 'k,v\nb,1\nÄ,2\nB,3\na,4\n' | kpi --by k --sort 's=sum(v)'
>k,s
>B,3
>a,4
>b,1
>Ä,2

### without --by: one row; --total adds nothing
$ kpi --total 'n=count()' 'r=sum(revenue)' "$DATA/kpi_small.csv"
>n,r
>5,650

### header-only input: one row without --by (count 0, sum empty)
$ head -n 1 "$DATA/kpi_small.csv" | kpi 'n=count()' 's=sum(revenue)' 'd=distinct(rep)'
>n,s,d
>0,,0

### header-only input with --by: the header alone
$ head -n 1 "$DATA/kpi_small.csv" | kpi --by rep 'n=count()'
>rep,n

### ... and --total, like SQL's ROLLUP grand total, is a row over no rows
$ head -n 1 "$DATA/kpi_small.csv" | kpi --by rep --total 'n=count()' 's=sum(cost)'
>rep,n,s
>(all),0,

### -H: columns by number, no header written
$ kpi -H --by 1 'n=count()' 's=sum({2})' 'm=max({3})' "$DATA/kpi_nohead.csv"
>A,2,6,2
>B,1,3,4

### --precision
$ kpi --precision 2 --by rep 'a=sum(revenue)/sum(target)' "$DATA/kpi_small.csv"
>rep,a
>A,0.75
>B,1.33
>C,1.50

### --precision leaves counts whole: count(), count(x), count_if, distinct
# A: 2 rows, 2 revenues, 1 with revenue > 60 (100), regions N and S;
# shares and sums get the decimals, count() / 1 is arithmetic: a measure
$ kpi --precision 2 --by rep 'n=count()' 'nr=count(revenue)' 'big=count_if(revenue > 60)' 'regions=distinct(region)' 'ratio=count()/1' 's=sum(revenue)' "$DATA/kpi_small.csv"
>rep,n,nr,big,regions,ratio,s
>A,2,2,1,2,2.00,150.00
>B,2,1,1,2,2.00,200.00
>C,1,1,1,1,1.00,300.00

### the German export: --decimal-comma, ';' sniffed, BOM, --map with spaces and umlauts
$ kpi --decimal-comma --by Vertreter --preset steering --map 'revenue=Umsatz,revenue_prev=Umsatz Vorjahr,target=Ziel' --map 'margin=Deckungsbeitrag,cost=Kosten (€),visits=Besuche' --map calls=Anrufe,satisfaction=Zufriedenheit "$DATA/kpi_de.csv"
>Vertreter;customers;worked;worked_share;attainment;satisfaction;growth;cost_per_customer;cost_per_contact;efficiency;composite
>A;2;2;1;0,75;80;0,153846153846154;15;7,5;1,33333333333333;4
>B;2;1;0,5;1,33333333333333;65;-0,2;25;25;1,1;2,6
>C;1;1;1;1,5;90;;30;30;3;9

### --decimal-comma output with a ',' delimiter quotes the numbers
$ kpi --decimal-comma --by rep 'a=sum(revenue)/sum(target)' "$DATA/kpi_small.csv"
>rep,a
>A,"0,75"
>B,"1,33333333333333"
>C,"1,5"

### --map on the user's own metrics, a {name} reference mapped too
$ kpi --by Vertreter --decimal-comma --map 'rev=Umsatz,c=Kosten (€)' 'r=sum(rev)' 'k=sum({c})' "$DATA/kpi_de.csv"
>Vertreter;r;k
>A;150;30
>B;200;50
>C;300;30

### a column the preset needs: the error names it and the --map fix
$ kpi --by Vertreter --preset steering --decimal-comma --map 'revenue=Umsatz,revenue_prev=Umsatz Vorjahr,target=Ziel,margin=Deckungsbeitrag,cost=Kosten (€),visits=Besuche,satisfaction=Zufriedenheit' "$DATA/kpi_de.csv"
!kpi: preset steering needs column 'calls'; point it at yours with --map calls=COLUMN
? 2

### several missing preset columns are named at once
$ printf 'rep,revenue,target,margin,cost,visits,calls\nA,1,1,1,1,1,1\n' | kpi --by rep --preset steering
!kpi: preset steering needs columns 'satisfaction', 'revenue_prev'; point them at yours with --map satisfaction=COLUMN,revenue_prev=COLUMN
? 2

### --map to a column that does not exist
$ kpi --preset steering --map revenue=Umsatz "$DATA/kpi_small.csv"
!kpi: preset steering, metric 'attainment': unknown column 'Umsatz' in expression 'sum(Umsatz) / sum(target)'
!  available columns: rep, region, revenue, revenue_prev, target, margin, cost, visits, calls, satisfaction
? 2

### --map of a name no metric uses
$ kpi --map revnue=Umsatz 'r=sum(revenue)' "$DATA/kpi_small.csv"
!kpi: --map: no metric refers to 'revnue'
!usage: kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]
!           [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]
!           [--total] [--sort] [--partial | --merge] [options]
!           [NAME=EXPRESSION ...] [FILE ...]
!Try 'kpi --help' for more information.
? 2

### --metrics FILE: comments, blank lines, operands after the file's metrics
$ cd "$DATA" && kpi --metrics kpi_my.metrics --by rep 'n=count()' kpi_small.csv
>rep,revenue,cost,hashes,n
>A,150,30,0,2
>B,200,50,0,2
>C,300,30,0,1

### a malformed metrics line is a usage error naming file and line
$ cd "$DATA" && kpi --metrics kpi_bad.metrics kpi_small.csv
!kpi: kpi_bad.metrics:3: expected NAME = EXPRESSION, found 'sum(cost)'
? 2

### an error in a metrics file's expression names file and line
$ printf 'a = sum(revenue)\nb = sum(revenu)\n' > m.metrics
$ kpi --metrics m.metrics "$DATA/kpi_small.csv"
!kpi: m.metrics:2: metric 'b': unknown column 'revenu' in expression 'sum(revenu)'
!  available columns: rep, region, revenue, revenue_prev, target, margin, cost, visits, calls, satisfaction
!  did you mean 'revenue'?
? 2

### --preset and --metrics exclude each other
$ kpi --preset steering --metrics m.metrics "$DATA/kpi_small.csv"
!kpi: --preset and --metrics exclude each other
!usage: kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]
!           [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]
!           [--total] [--sort] [--partial | --merge] [options]
!           [NAME=EXPRESSION ...] [FILE ...]
!Try 'kpi --help' for more information.
? 2

### no metrics at all
$ kpi --by rep "$DATA/kpi_small.csv"
!kpi: no metrics: give NAME=EXPRESSION, --metrics FILE or --preset steering
!usage: kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]
!           [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]
!           [--total] [--sort] [--partial | --merge] [options]
!           [NAME=EXPRESSION ...] [FILE ...]
!Try 'kpi --help' for more information.
? 2

### a metric defined twice
$ kpi 'n=count()' 'n=sum(cost)' "$DATA/kpi_small.csv"
!kpi: metric 'n' is defined twice
!usage: kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]
!           [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]
!           [--total] [--sort] [--partial | --merge] [options]
!           [NAME=EXPRESSION ...] [FILE ...]
!Try 'kpi --help' for more information.
? 2

### an unknown preset
$ kpi --preset ../etc/passwd 'n=count()' "$DATA/kpi_small.csv"
!kpi: --preset: unknown preset '../etc/passwd' (there is: steering)
!usage: kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]
!           [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]
!           [--total] [--sort] [--partial | --merge] [options]
!           [NAME=EXPRESSION ...] [FILE ...]
!Try 'kpi --help' for more information.
? 2

### an unknown function: caret under it
$ kpi 'n=summ(revenue)' "$DATA/kpi_small.csv"
!kpi: metric 'n': unknown function 'summ'
!  summ(revenue)
!  ^
!  did you mean 'sum'?
? 2

### an aggregate of an aggregate: caret under the inner one
$ kpi --by rep 'n=sum(max(revenue))' "$DATA/kpi_small.csv"
!kpi: metric 'n': aggregate 'max' inside aggregate 'sum'
!  sum(max(revenue))
!      ^
? 2

### a column outside an aggregate
$ kpi --by rep 'r=revenue/count()' "$DATA/kpi_small.csv"
!kpi: metric 'r': column 'revenue' used outside an aggregate
!  revenue/count()
!  ^
? 2

### quantile's p must be a constant in [0,1]
$ kpi 'q=quantile(revenue, 1.5)' "$DATA/kpi_small.csv"
!kpi: metric 'q': quantile's p must be a constant between 0 and 1
!  quantile(revenue, 1.5)
!                    ^
? 2

### an unknown --by column lists the columns and suggests the nearest
$ kpi --by rpe 'n=count()' "$DATA/kpi_small.csv"
!kpi: --by: unknown column 'rpe'
!  available columns: rep, region, revenue, revenue_prev, target, margin, cost, visits, calls, satisfaction
!  did you mean 'rep'?
? 2

### an aggregate in --by is just a column name, and there is none
$ kpi --by 'sum(revenue)' 'n=count()' "$DATA/kpi_small.csv"
!kpi: --by: unknown column 'sum(revenue)'
!  available columns: rep, region, revenue, revenue_prev, target, margin, cost, visits, calls, satisfaction
? 2

### -H: --by takes column numbers
$ kpi -H --by 4 'n=count()' "$DATA/kpi_nohead.csv"
!kpi: --by: unknown column '4'
!  the input has no header: refer to columns by number, 1 to 3
? 2

### text in a numeric aggregate is a data error naming file, line, column
$ cd "$DATA" && kpi --by rep 's=sum(revenue)' 'c=sum(cost)' kpi_bad.csv
!kpi: kpi_bad.csv:3: column 'revenue': "abc" is not a number
? 1

### ... also inside a row expression
$ cd "$DATA" && kpi 'c=count_if(revenue + cost > 3)' kpi_bad.csv
!kpi: kpi_bad.csv:3: column 'revenue': "abc" is not a number
? 1

### count(x) and distinct(x) take text
$ cd "$DATA" && kpi --by rep 'n=count(revenue)' 'd=distinct(cost)' kpi_bad.csv
>rep,n,d
>A,2,2
>B,2,2
>C,1,0

### --invalid skip: the whole row counts in no aggregate; count on stderr
$ cd "$DATA" && kpi --by rep --invalid skip 'n=count()' 's=sum(revenue)' 'c=sum(cost)' kpi_bad.csv
>rep,n,s,c
>A,1,10,1
>B,1,7,3
>C,1,9,
!kpi: 2 rows with invalid values skipped

### --rejects writes the skipped rows with their reason
$ kpi --by rep --invalid skip --rejects rejected.csv 's=sum(revenue)' 'c=sum(cost)' "$DATA/kpi_bad.csv"
$ cat rejected.csv
>rep,s,c
>A,10,1
>B,7,3
>C,9,
>rep,revenue,cost,error
>B,abc,2,"column 'revenue': ""abc"" is not a number"
>A,5,x1,"column 'cost': ""x1"" is not a number"
!kpi: 2 rows with invalid values skipped, written to rejected.csv

### a group whose every row is skipped does not appear
$ printf 'g,v\na,1\nb,x\n' | kpi --by g --invalid skip 's=sum(v)'
>g,s
>a,1
!kpi: 1 row with invalid values skipped

### --targets: NAME_target and NAME_attainment after each metric with a target
# A: attainment 0.75 / 0.5 = 1.5, satisfaction target empty; the preset
#    marks cost_per_customer lower is better: target / actual = 10 / 15
# B: 1.333... / 1, 65 / 70 = 0.928571428571429, 20 / 25 = 0.8
# C: not in the file; (all): its own row, target 0: attainment 1 / 0 is
#    empty, cost 0 / 22 = 0.  The metric attainment gets
#    attainment_vs_target, not attainment_attainment.
$ kpi --by rep --preset steering --total --targets "$DATA/kpi_targets.csv" "$DATA/kpi_small.csv"
>rep,customers,worked,worked_share,attainment,attainment_target,attainment_vs_target,satisfaction,satisfaction_target,satisfaction_attainment,growth,cost_per_customer,cost_per_customer_target,cost_per_customer_attainment,cost_per_contact,efficiency,composite
>A,2,2,1,0.75,0.5,1.5,80,,,0.153846153846154,15,10,0.666666666666667,7.5,1.33333333333333,4
>B,2,1,0.5,1.33333333333333,1,1.33333333333333,65,70,0.928571428571429,-0.2,25,20,0.8,25,1.1,2.6
>C,1,1,1,1.5,,,90,,,,30,,,30,3,9
>(all),5,4,0.8,1.18181818181818,1,1.18181818181818,75,75,1,-0.0789473684210527,22,0,0,15.7142857142857,1.68181818181818,4.43181818181818

### --targets without --by: one row of targets
$ printf 'r,n\n400,\n' > t.csv
$ kpi 'r=sum(revenue)' 'n=count()' --targets t.csv "$DATA/kpi_small.csv"
>r,r_target,r_attainment,n,n_target,n_attainment
>650,400,1.625,5,,

### a targets file without the --by columns: data error naming file and line
$ cd "$DATA" && kpi --by rep 'attainment=sum(revenue)/sum(target)' --targets kpi_targets_nokey.csv kpi_small.csv
!kpi: kpi_targets_nokey.csv:1: no column 'rep': a targets file needs the --by columns (rep)
? 1

### a targets file with a key twice
$ cd "$DATA" && kpi --by rep 'attainment=sum(revenue)/sum(target)' --targets kpi_targets_dup.csv kpi_small.csv
!kpi: kpi_targets_dup.csv:4: duplicate key 'A' (first on line 2)
? 1

### a target that is not a number
$ cd "$DATA" && kpi --by rep 'attainment=sum(revenue)/sum(target)' --targets kpi_targets_nan.csv kpi_small.csv
!kpi: kpi_targets_nan.csv:3: column 'attainment': "one" is not a number
? 1

### -o FILE
$ kpi -o out.csv 'n=count()' "$DATA/kpi_small.csv"
$ cat out.csv
>n
>5

### a data error leaves -o FILE untouched
$ echo old > out.csv
$ kpi -o out.csv 's=sum(revenue)' "$DATA/kpi_bad.csv" 2>/dev/null; echo "status $?"
$ cat out.csv
>status 1
>old

### standard input and '-'
$ kpi --by rep 'n=count()' - < "$DATA/kpi_small.csv"
>rep,n
>A,2
>B,2
>C,1

### kpi over a file equals kpi over the file split in two, as two operands
$ f="$EXAMPLES/customers.csv"
$ head -n 240 "$f" > a.csv
$ { head -n 1 "$f"; tail -n +241 "$f"; } > b.csv
$ m='med=median(revenue) sd=stddev(cost) v=var(margin) d=distinct(region) lo=min(satisfaction) q=quantile(revenue,0.25)'
$ kpi --by rep --preset steering --total $m "$f" > whole.csv
$ kpi --by rep --preset steering --total $m a.csv b.csv > parts.csv
$ cmp whole.csv parts.csv && echo same
$ kpi --by rep --preset steering --total $m a.csv - < b.csv | cmp - whole.csv && echo same from stdin
$ [ "$(wc -l < whole.csv)" -gt 3 ] && echo rows
>same
>same from stdin
>rows

### a target that is not a number is shown on one line, escaped
$ printf 'rep,attainment\nA,"1\n2"\n' > t.csv; printf 'rep,v\nA,1\n' | kpi --by rep 'attainment=sum(v)' --targets t.csv
!kpi: t.csv:2: column 'attainment': "1\n2" is not a number
? 1

### --invalid keep is not one of kpi's policies (a kept row would count in no aggregate)
$ cd "$DATA" && kpi --invalid keep --by rep 'n=count()' kpi_small.csv 2>&1 | head -n 1
>kpi: --invalid: 'keep' is not fail or skip
$ cd "$DATA" && kpi --invalid keep --by rep 'n=count()' kpi_small.csv 2>/dev/null
? 2

### -v reports row and group counts
$ cd "$DATA" && kpi -v --by rep 'n=count()' kpi_small.csv
>rep,n
>A,2
>B,2
>C,1
!kpi: as-of date 2026-12-01
!kpi: numbers use the decimal point, as the delimiter is ','
!kpi: 5 rows read, 5 aggregated, 3 groups, 1 aggregate per group

### --version
$ kpi --version
>kpi (crmkit) 0.1.0
