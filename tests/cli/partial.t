# kpi --partial / --merge (SPEC 5, crmkit(7) PARTIALS).
#
# Figures: kpi_small.csv cut after its third row merges to the figures
# kpi.t checks by hand for the whole file (A: revenue 150, target 200;
# B: 200 of 150; C: 300 of 200; all: 650 of 550).  kpi_aggs.csv cut
# after group a's second row: a's x = 1, 2 | (empty), 4 merge to mean
# 7/3, median 2, p90 3.6, var 7/3, distinct t 2 (kpi.t by hand).
# The bad partials are made from good ones with sed and head -c.

### the steering preset over two partials equals the single run
$ head -n 4 "$DATA/kpi_small.csv" > a.csv
$ { head -n 1 "$DATA/kpi_small.csv"; tail -n 2 "$DATA/kpi_small.csv"; } > b.csv
$ kpi --partial --by rep --preset steering a.csv > a.part
$ kpi --partial --by rep --preset steering b.csv > b.part
$ kpi --merge --by rep --preset steering --total a.part b.part
>rep,customers,worked,worked_share,attainment,satisfaction,growth,cost_per_customer,cost_per_contact,efficiency,composite
>A,2,2,1,0.75,80,0.153846153846154,15,7.5,1.33333333333333,4
>B,2,1,0.5,1.33333333333333,65,-0.2,25,25,1.1,2.6
>C,1,1,1,1.5,90,,30,30,3,9
>(all),5,4,0.8,1.18181818181818,75,-0.0789473684210527,22,15.7142857142857,1.68181818181818,4.43181818181818

### concatenated and line-sorted partials, from standard input, with --sort
$ head -n 4 "$DATA/kpi_small.csv" > a.csv
$ { head -n 1 "$DATA/kpi_small.csv"; tail -n 2 "$DATA/kpi_small.csv"; } > b.csv
$ for f in b a; do kpi --partial --by rep 'r=sum(revenue)' 'n=count()' $f.csv; done | LC_ALL=C sort | kpi --merge --by rep --sort 'r=sum(revenue)' 'n=count()'
>rep,r,n
>A,150,2
>B,200,2
>C,300,1

### every aggregate survives the partial: counts, sums, moments, values, sets
$ head -n 3 "$DATA/kpi_aggs.csv" > a.csv
$ { head -n 1 "$DATA/kpi_aggs.csv"; tail -n 4 "$DATA/kpi_aggs.csv"; } > b.csv
$ M="n=count() cx=count(x) ci=count_if(x>1) s=sum(x) m=mean(x) lo=min(x) hi=max(x) med=median(x) q=quantile(x,0.9) sd=stddev(x) v=var(x) d=distinct(t)"
$ { kpi --partial --by g $M a.csv; kpi --partial --by g $M b.csv; } | kpi --merge --by g $M
>g,n,cx,ci,s,m,lo,hi,med,q,sd,v,d
>a,4,3,2,7,2.33333333333333,1,4,2,3.6,1.52752523165195,2.33333333333333,2
>b,1,1,1,10,10,10,10,10,10,,,1
>c,1,0,0,,,,,,,,,1

### key cells with TAB, LF, backslash and '#' are one line each and read back
$ printf 'k,x\n"a\tb",1\n"#c\\",2\n"line\nbreak",3\n"a\tb",4\n' > esc.csv
$ kpi --partial --by k 's=sum(x)' esc.csv | grep -c .
$ kpi --partial --by k 's=sum(x)' esc.csv | LC_ALL=C sort | kpi --merge --by k --sort 's=sum(x)'
>4
>k,s
>#c\,2
>a	b,5
>"line
>break",3

### no --by: one group, -H: columns by number
$ printf '1,2\n1,3\n2,5\n' > nh.csv
$ kpi -H --partial --by 1 's=sum({2})' nh.csv | kpi -H --merge --by 1 's=sum({2})'
$ kpi --partial 'n=count()' "$DATA/kpi_small.csv" | kpi --merge 'n=count()'
>1,5
>2,5
>n
>5

### the partial of a header-only input merges to the header
$ printf 'rep,x\n' > h.csv
$ kpi --partial --by rep 's=sum(x)' h.csv | kpi --merge --by rep 's=sum(x)'
>rep,s

### a partial of another format version
$ kpi --partial --by rep 'n=count()' "$DATA/kpi_small.csv" | sed 's/version=1/version=2/' > v2.part
$ kpi --merge --by rep 'n=count()' v2.part
!kpi: v2.part:1: partial of crmkit format version 2; this kpi reads version 1
? 1

### a record of another format version, its meta line gone (a sorted shuffle)
$ kpi --partial --by rep 'n=count()' "$DATA/kpi_small.csv" | sed -n '3s|#kpi/1/|#kpi/2/|p' > r2.part
$ kpi --merge --by rep 'n=count()' r2.part
!kpi: r2.part:1: partial of crmkit format version 2; this kpi reads version 1
? 1

### a partial of another metric set
$ kpi --partial --by rep 'n=count()' "$DATA/kpi_small.csv" > n.part
$ kpi --partial --by rep 'n=count()' 's=sum(cost)' "$DATA/kpi_small.csv" > ns.part
$ kpi --merge --by rep 'n=count()' n.part ns.part
!kpi: ns.part:1: partial of other aggregates: its plan differs from this merge's (count())
? 1

### the same aggregates under other metric names merge
$ kpi --partial --by rep 'n=count()' "$DATA/kpi_small.csv" | kpi --merge --by rep 'rows=count()' 'twice=count()*2'
>rep,rows,twice
>A,2,4
>B,2,4
>C,1,2

### a partial line cut short
$ kpi --partial --by rep 's=sum(cost)' "$DATA/kpi_small.csv" > s.part
$ head -c 150 s.part > cut.part
$ kpi --merge --by rep 's=sum(cost)' s.part cut.part
!kpi: cut.part:2: partial record cut short (no '.' at its end)
? 1

### a damaged state: a number that is no hex float, a missing field
$ kpi --partial --by rep 's=sum(cost)' "$DATA/kpi_small.csv" | sed '2s/0x[0-9a-fp.+]*\t\.$/12.5\t./' > d.part
$ kpi --merge --by rep 's=sum(cost)' d.part
$ kpi --partial --by rep 's=sum(cost)' "$DATA/kpi_small.csv" | sed '3s/\t[^\t]*\t\.$/\t./' > e.part
$ kpi --merge --by rep 's=sum(cost)' e.part
!kpi: d.part:2: damaged partial: its state does not read back
!kpi: e.part:3: damaged partial: its state does not read back
? 1

### partials grouped by different --by columns
$ kpi --partial --by rep 'n=count()' "$DATA/kpi_small.csv" > rep.part
$ kpi --partial --by region 'n=count()' "$DATA/kpi_small.csv" > region.part
$ kpi --merge --by rep 'n=count()' rep.part region.part
!kpi: region.part:1: partial grouped by other columns (region) than this merge (rep)
? 1

### a record grouped by other columns, without its meta line
$ kpi --partial --by rep,region 'n=count()' "$DATA/kpi_small.csv" | grep -v '^#crmkit' > two.part
$ kpi --merge --by rep 'n=count()' two.part
!kpi: two.part:1: partial grouped by other columns than this merge (rep)
? 1

### a partial whose run failed makes the merge fail
$ { printf 'rep,x\nA,1\nB,"2\n'; } > open.csv
$ kpi --partial --by rep 's=sum(x)' open.csv > f.part
$ kpi --merge --by rep 's=sum(x)' f.part
!kpi: open.csv:3: quote opened here is never closed
!kpi: f.part:1: a partial failed: open.csv:3: quote opened here is never closed
? 1

### an invalid row under --invalid fail leaves the failed line too
$ printf 'rep,x\nA,1\nB,zz\n' > inv.csv
$ kpi --partial --by rep 's=sum(x)' inv.csv > g.part
$ kpi --merge --by rep 's=sum(x)' g.part
!kpi: inv.csv:3: column 'x': "zz" is not a number
!kpi: g.part:1: a partial failed: inv.csv:3: column 'x': "zz" is not a number
? 1

### --sort, --total and --targets apply at the merge
$ kpi --partial --by rep --total 'n=count()' "$DATA/kpi_small.csv"
!kpi: --total applies at --merge, not at --partial
!usage: kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]
!           [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]
!           [--total] [--sort] [--partial | --merge] [options]
!           [NAME=EXPRESSION ...] [FILE ...]
!Try 'kpi --help' for more information.
? 2

### --partial and --merge exclude each other
$ kpi --partial --merge 'n=count()'
!kpi: --partial and --merge exclude each other
!usage: kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]
!           [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]
!           [--total] [--sort] [--partial | --merge] [options]
!           [NAME=EXPRESSION ...] [FILE ...]
!Try 'kpi --help' for more information.
? 2

### an unreadable partial
$ kpi --merge 'n=count()' missing.part
!kpi: missing.part: cannot open: No such file or directory
? 3

### -v at the merge counts the partial records
$ kpi --partial --by rep 'n=count()' "$DATA/kpi_small.csv" > n.part
$ kpi -v --merge --by rep 'n=count()' n.part n.part > /dev/null
!kpi: as-of date 2026-12-01
!kpi: 6 partial records merged, 3 groups, 1 aggregate per group

### --map at the partial and at the merge
$ unset CRMKIT_AS_OF; kpi --partial --by rep --map umsatz=revenue 'r=sum(umsatz)' "$DATA/kpi_small.csv" | kpi --merge --by rep --map umsatz=revenue 'r=sum(umsatz)'
>rep,r
>A,150
>B,200
>C,300

# rfm --partial / --merge: rfm_orders.csv cut after its fifth row (A's
# three rows, B's and C's first) merges to the figures rfm.t works out
# by hand for the whole file, with and without --as-of.

### rfm: two partials merge to the single run's figures
$ unset CRMKIT_AS_OF; head -n 6 "$DATA/rfm_orders.csv" > a.csv
$ { head -n 1 "$DATA/rfm_orders.csv"; tail -n 5 "$DATA/rfm_orders.csv"; } > b.csv
$ for f in a b; do rfm --partial --customer customer --date date --amount amount $f.csv; done > ab.part
$ rfm --merge --customer customer --date date --amount amount --unit day ab.part
>customer,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,segment,x,t_x,T,m
>A,2026-01-05,2026-03-01,3,150,30,3,150,1,4,4,144,Can't Lose Them,1,55,85,30
>B,2026-01-10,2026-03-31,3,120,0,3,120,5,4,3,543,Loyal Customers,2,80,80,35
>C,2026-02-01,2026-03-31,2,50,0,2,50,5,3,2,532,Potential Loyalist,1,58,58,40
>D,2026-03-20,2026-03-20,1,5,11,1,5,2,1,1,211,About To Sleep,0,0,11,0
>E,2026-03-31,2026-03-31,1,200,0,1,200,5,1,5,515,Others,0,0,0,0

### rfm: a line-sorted shuffle of the partials, --as-of and its holdout, --sort
# (--sort: rfm_score descending: B 533, A 355, C 111)
$ unset CRMKIT_AS_OF; head -n 6 "$DATA/rfm_orders.csv" > a.csv
$ { head -n 1 "$DATA/rfm_orders.csv"; tail -n 5 "$DATA/rfm_orders.csv"; } > b.csv
$ for f in b a; do rfm --partial --customer customer --date date --amount amount --as-of 2026-03-15 $f.csv; done | LC_ALL=C sort | rfm --merge --customer customer --date date --amount amount --unit day --as-of 2026-03-15 --sort
>customer,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,segment,x,t_x,T,m
>B,2026-01-10,2026-03-15,2,120,0,2,120,5,3,3,533,Loyal Customers,1,64,64,70
>A,2026-01-05,2026-03-01,3,150,14,3,150,3,5,5,355,Loyal Customers,1,55,69,30
>C,2026-02-01,2026-02-01,1,10,42,1,10,1,1,1,111,Lost,0,0,42,0
!rfm: 4 rows dated after the as-of date 2026-03-15 left out (holdout)

### rfm: a partial of another --as-of, and a kpi partial
$ unset CRMKIT_AS_OF; rfm --partial --customer customer --date date --amount amount "$DATA/rfm_orders.csv" > r.part
$ rfm --merge --customer customer --date date --amount amount --as-of 2026-03-15 r.part
$ kpi --partial --by customer 'n=count()' "$DATA/rfm_orders.csv" > k.part
$ rfm --merge --customer customer --date date --amount amount k.part
!rfm: r.part:1: partial of other aggregates: its plan differs from this merge's (date=date;amount=amount;as-of=20527)
!rfm: k.part:1: partial of kpi, not of rfm
? 1
