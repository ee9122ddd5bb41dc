# funnel: CLI golden tests.  Figures counted by hand: funnel.csv has
# six customers now in address (1), understand (6), offer (2 "Offer", 3
# "ANBIETEN"), close (5 "abschliessen") and rebuy (4); Nord holds 1, 3, 4
# and 6, Süd 2 and 5.  funnel_events.csv: A enters address on 01-01,
# understand on 01-04 (again on 01-20), offer on 01-14; B address 01-02,
# understand 01-10 (rows out of order); C address 02-01, offer 02-11
# (skips understand); D address without a date.

### current phase: reached = customers in the phase or beyond (6, 5, 4,
### 2, 1, 1, 1, 1); step conversion 5/6, 4/5, 2/4, 1/2, 1, 1, 1
$ cd "$DATA" && funnel --phase phase funnel.csv
>phase,position,current,reached,step_conversion,conversion,drop_off
>address,1,1,6,,1,
>understand,2,1,5,0.833333333333333,0.833333333333333,0.166666666666667
>offer,3,2,4,0.8,0.666666666666667,0.2
>close,4,1,2,0.5,0.333333333333333,0.5
>fulfil,5,0,1,0.5,0.166666666666667,0.5
>aftercare,6,0,1,1,0.166666666666667,0
>develop,7,0,1,1,0.166666666666667,0
>rebuy,8,1,1,1,0.166666666666667,0

### --by: groups in first-seen order; Süd reaches no phase after close,
### so the step conversions over 0 customers are empty
$ cd "$DATA" && funnel --phase phase --by region funnel.csv
>region,phase,position,current,reached,step_conversion,conversion,drop_off
>Nord,address,1,1,4,,1,
>Nord,understand,2,1,3,0.75,0.75,0.25
>Nord,offer,3,1,2,0.666666666666667,0.5,0.333333333333333
>Nord,close,4,0,1,0.5,0.25,0.5
>Nord,fulfil,5,0,1,1,0.25,0
>Nord,aftercare,6,0,1,1,0.25,0
>Nord,develop,7,0,1,1,0.25,0
>Nord,rebuy,8,1,1,1,0.25,0
>Süd,address,1,0,2,,1,
>Süd,understand,2,0,2,1,1,0
>Süd,offer,3,1,2,1,1,0
>Süd,close,4,1,1,0.5,0.5,0.5
>Süd,fulfil,5,0,0,0,0,1
>Süd,aftercare,6,0,0,,0,
>Süd,develop,7,0,0,,0,
>Süd,rebuy,8,0,0,,0,

### --lang de names the phases in German
$ cd "$DATA" && funnel --phase phase --lang de funnel.csv | cut -d, -f1,3
>phase,current
>ansprechen,1
>verstehen,1
>anbieten,2
>abschliessen,1
>abwickeln,0
>nachbetreuen,0
>entwickeln,0
>wiederkaufen,1

### --events: furthest phase per customer (A, C offer; B understand; D
### address); days address -> understand: A 3, B 8 (median and mean
### 5.5); understand -> offer: A 10 (C skipped understand: left out)
$ cd "$DATA" && funnel --events --customer customer --phase phase --date date funnel_events.csv
>phase,position,current,reached,step_conversion,conversion,drop_off,median_days,mean_days
>address,1,1,4,,1,,,
>understand,2,1,3,0.75,0.75,0.25,5.5,5.5
>offer,3,2,2,0.666666666666667,0.5,0.333333333333333,10,10
>close,4,0,0,0,0,1,,
>fulfil,5,0,0,,0,,,
>aftercare,6,0,0,,0,,,
>develop,7,0,0,,0,,,
>rebuy,8,0,0,,0,,,

### --events --by: each customer in the group of its first event row.
### funnel_events_rep.csv, groups in first-seen order Kim, Lou, "":
### Kim: A (address 01-01, understand 01-05, offer 01-20) and C (address
### 01-03, understand 01-04, offer 01-10), both furthest in offer; days
### address -> understand 4 and 1 (median, mean 2.5), understand ->
### offer 15 and 6 (10.5).  Lou: B (first row Lou; its understand row
### says Kim, B stays in Lou: address 01-02, understand 01-12, offer
### 01-15) and D (understand 01-08 only, no address: reaches address
### and understand, left out of the days); reached 2, 2, 1, 0; days 10
### (B alone) and 3 (B).  "": E, address only; understand 0 of 1, offer
### over 0 customers empty.
$ cd "$DATA" && funnel --events --customer customer --phase phase --date date --by rep --phases address,understand,offer,close funnel_events_rep.csv
>rep,phase,position,current,reached,step_conversion,conversion,drop_off,median_days,mean_days
>Kim,address,1,0,2,,1,,,
>Kim,understand,2,0,2,1,1,0,2.5,2.5
>Kim,offer,3,2,2,1,1,0,10.5,10.5
>Kim,close,4,0,0,0,0,1,,
>Lou,address,1,0,2,,1,,,
>Lou,understand,2,1,2,1,1,0,10,10
>Lou,offer,3,1,1,0.5,0.5,0.5,3,3
>Lou,close,4,0,0,0,0,1,,
>,address,1,1,1,,1,,,
>,understand,2,0,0,0,0,1,,
>,offer,3,0,0,,0,,,
>,close,4,0,0,,0,,,

### --events --by: the group of the first valid event (the invalid one
### skipped), and several --by columns
$ printf 'c,r,p,d\nA,X,visit,2026-01-01\nA,Y,address,2026-01-02\n' | funnel --events --customer c --phase p --date d --by r --phases address,offer --invalid skip
>r,phase,position,current,reached,step_conversion,conversion,drop_off,median_days,mean_days
>Y,address,1,1,1,,1,,,
>Y,offer,2,0,0,0,0,1,,
!funnel: 1 row with invalid values skipped
$ printf 'c,r,s,p,d\nA,K,N,address,2026-01-01\nB,K,S,address,2026-01-02\nA,K,N,offer,2026-01-03\n' | funnel --events --customer c --phase p --date d --by r,s --phases address,offer
>r,s,phase,position,current,reached,step_conversion,conversion,drop_off,median_days,mean_days
>K,N,address,1,0,1,,1,,,
>K,N,offer,2,1,1,1,1,0,2,2
>K,S,address,1,1,1,,1,,,
>K,S,offer,2,0,0,0,0,1,,

### --events --by, header-only input: the header only
$ printf 'c,r,p,d\n' | funnel --events --customer c --phase p --date d --by r
>r,phase,position,current,reached,step_conversion,conversion,drop_off,median_days,mean_days

### --date-format, and the event log from standard input
$ printf 'c,p,d\nA,address,01/02/2026\nA,understand,15/02/2026\n' | funnel --events --customer c --phase p --date d --date-format '%d/%m/%Y' | sed -n 3p
>understand,2,1,1,1,1,0,14,14

### --phases: a CRM's own stages, matched in any case
$ printf 'stage\nLead\nwon\nWON\nqualified\n' | funnel --phase stage --phases lead,qualified,won
>phase,position,current,reached,step_conversion,conversion,drop_off
>lead,1,1,4,,1,
>qualified,2,1,3,0.75,0.75,0.25
>won,3,2,2,0.666666666666667,0.5,0.333333333333333

### a value that is no phase is invalid
$ printf 'phase\naddress\nvisit\n' | funnel --phase phase
!funnel: <stdin>:3: column 'phase': "visit" is not a phase
? 1

### an empty phase is invalid
$ printf 'phase,n\naddress,1\n,2\n' | funnel --phase phase
!funnel: <stdin>:3: column 'phase' is empty
? 1

### --invalid skip: left out and counted
$ printf 'phase\naddress\nvisit\noffer\n' | funnel --phase phase --invalid skip | sed -n 2,4p
>address,1,1,2,,1,
>understand,2,0,1,0.5,0.5,0.5
>offer,3,1,1,1,0.5,0
!funnel: 1 row with invalid values skipped

### an event's date that is no date
$ printf 'c,p,d\nA,address,2026-02-30\n' | funnel --events --customer c --phase p --date d
!funnel: <stdin>:2: column 'd': "2026-02-30" is not a date
? 1

### header-only input: zero counts; with --by, no group
$ printf 'phase\n' | funnel --phase phase | sed -n 2p
>address,1,0,0,,,
$ printf 'phase,g\n' | funnel --phase phase --by g
>g,phase,position,current,reached,step_conversion,conversion,drop_off

### usage errors
$ funnel 2>&1 | head -n 1
>funnel: --phase is required
$ funnel --phase p --events --customer c 2>&1 | head -n 1
>funnel: --events needs --customer and --date
$ funnel --phase p --date d 2>&1 | head -n 1
>funnel: --customer and --date need --events
$ printf 'c,p,d\n' | funnel --phase p --events --customer c --date d --by x 2>&1 | head -n 1
>funnel: --by: unknown column 'x'
$ printf 'c,p,d,r\n' | funnel --phase p --events --customer c --date d --by r,r 2>&1 | head -n 1
>funnel: --by: column 'r' given twice
$ funnel --phase p --phases a,,b 2>&1 | head -n 1
>funnel: --phases: an empty phase name
$ funnel --phase p --phases a,B,b 2>&1 | head -n 1
>funnel: --phases: phase 'b' given twice
$ cd "$DATA" && funnel --phase phse funnel.csv 2>&1 | head -n 1
>funnel: --phase: unknown column 'phse'
$ funnel --phase p --events --customer c --date d --date-format '%q' 2>&1 < /dev/null | head -n 1
>funnel: --date-format: date format "%q": unknown conversion %q (known: %Y %m %d %H %M %S %y %%)

### --help and --version
$ funnel --help | head -n 1
>usage: funnel --phase COL [--phases P1,P2,...] [--by COL] [options] [FILE ...]
$ funnel --version
>funnel (crmkit) 0.1.0
