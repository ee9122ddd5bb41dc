# allocate: CLI golden tests.  Expected figures are worked by hand:
# alloc.csv has weights 1, 3, 2, 0, 4 (sum 10); row 2 has max 10, row 3
# min 1, row 4 (weight 0) min 2; segments retention (rows 1, 2, 5) and
# acquisition (rows 3, 4).

### proportional: budget x weight / sum of weights
$ cd "$DATA" && allocate --budget 100 --weight weight alloc.csv
>id,segment,weight,min,max,allocation
>1,retention,1,,,10
>2,retention,3,,10,30
>3,acquisition,2,1,,20
>4,acquisition,0,2,,0
>5,retention,4,,,40
!allocate: 1 row with a weight <= 0 or missing got its minimum

### --max: row 2 capped at 10, the other 90 over weights 1, 2, 4: 90/7 =
### 12.857142857142..., on the grid 1e-10 of budget 100 the floors leave
### two cells, for the remainders .857 (row 3) and .714 (row 5)
$ cd "$DATA" && allocate --budget 100 --weight weight --max max alloc.csv | cut -d, -f1,6
>id,allocation
>1,12.8571428571
>2,10
>3,25.7142857143
>4,0
>5,51.4285714286
!allocate: 1 row with a weight <= 0 or missing got its minimum

### the allocations add up to the budget exactly as printed
$ cd "$DATA" && allocate --budget 100 --weight weight --max max alloc.csv | awk -F, 'NR > 1 { s += $6 * 1e10 } END { printf "%.0f\n", s }'
>1000000000000
!allocate: 1 row with a weight <= 0 or missing got its minimum

### --unit 1: floors 12, 10, 25, 0, 51 (98), the two units left go to the
### remainders .857 (row 1) and .714 (row 3)
$ cd "$DATA" && allocate --budget 100 --weight weight --max max --unit 1 alloc.csv | cut -d, -f1,6
>id,allocation
>1,13
>2,10
>3,26
>4,0
>5,51
!allocate: 1 row with a weight <= 0 or missing got its minimum

### --min: row 4 (weight 0) gets its minimum 2, the other 98 go as 9.8,
### 29.4, 19.6, 39.2: floors 96, units to the remainders .8 and .6
$ cd "$DATA" && allocate --budget 100 --weight weight --min min --unit 1 alloc.csv | cut -d, -f1,6
>id,allocation
>1,10
>2,29
>3,20
>4,2
>5,39
!allocate: 1 row with a weight <= 0 or missing got its minimum

### a constant --min and --max: row 4 at 1, the other 99 as 9.9, 29.7,
### 19.8, 39.6: row 5 capped at 35, 64 over weights 1, 3, 2: 10.667, 32,
### 21.333, the unit left to the .667
$ cd "$DATA" && allocate --budget 100 --weight weight --min 1 --max 35 --unit 1 alloc.csv | cut -d, -f1,6
>id,allocation
>1,11
>2,32
>3,21
>4,1
>5,35
!allocate: 1 row with a weight <= 0 or missing got its minimum

### ties of remainder go to the higher weight, then input order
$ printf 'w\n1\n3\n1\n' | allocate --budget 6 --weight w --unit 1
>w,allocation
>1,1
>3,4
>1,1
$ printf 'w\n1\n1\n1\n' | allocate --budget 10 --weight w --unit 1
>w,allocation
>1,4
>1,3
>1,3

### --by --pools: 70 over retention (weights 1, 3, 4: 8.75, 26.25, 35,
### one unit to the .75), 30 over acquisition (row 3 alone: weight 0
### for row 4)
$ cd "$DATA" && allocate --budget 100 --weight weight --unit 1 --by segment --pools 'retention=70%,acquisition=30%' alloc.csv | cut -d, -f1,2,6
>id,segment,allocation
>1,retention,9
>2,retention,26
>3,acquisition,30
>4,acquisition,0
>5,retention,35
!allocate: 1 row with a weight <= 0 or missing got its minimum

### --summary: one row per pool
$ cd "$DATA" && allocate --budget 100 --weight weight --unit 1 --by segment --pools 'retention=0.7,acquisition=0.3' --summary alloc.csv
>pool,customers,budget,allocated,at_min,at_max
>retention,3,70,70,0,0
>acquisition,2,30,30,1,0
!allocate: 1 row with a weight <= 0 or missing got its minimum

### --summary without pools, bounds reached
$ cd "$DATA" && allocate --budget 100 --weight weight --min min --max max --summary alloc.csv
>pool,customers,budget,allocated,at_min,at_max
>all,5,100,100,1,1
!allocate: 1 row with a weight <= 0 or missing got its minimum

### a group without a pool gets nothing and is reported; the 100 go to
### retention: 12.5, 37.5, 50, the tie of remainders to weight 3
$ cd "$DATA" && allocate --budget 100 --weight weight --unit 1 --by segment --pools 'retention=100%' alloc.csv | cut -d, -f1,6
>id,allocation
>1,12
>2,38
>3,0
>4,0
>5,50
!allocate: group 'acquisition' has no pool: its 2 rows get 0

### --response: s = 100, 100, h = 1, 4, budget 10: a = 5 sqrt(h) - h =
### 4 and 6 (k (1 + 2) - 5 = 10), responses 100 x 4/5 and 100 x 6/10
$ cd "$DATA" && allocate --budget 10 --response --saturation saturation --half half alloc_response.csv
>id,saturation,half,allocation,expected_response
>a,100,1,4,80
>b,100,4,6,60

### --response, budget 1: row b stays at 0, row a takes it all (1/2 of 100)
$ cd "$DATA" && allocate --budget 1 --response --saturation saturation --half half alloc_response.csv
>id,saturation,half,allocation,expected_response
>a,100,1,1,50
>b,100,4,0,0

### -c NAME, and standard input
$ allocate --budget 3 --weight w -c hours < "$DATA/alloc_response.csv" 2>&1 | head -n 1
>allocate: unknown column 'w' in expression 'w'
$ printf 'id,w\n1,1\n2,2\n' | allocate --budget 3 --weight w -c hours
>id,w,hours
>1,1,1
>2,2,2

### a column of the name exists already
$ printf 'id,allocation\n1,2\n' | allocate --budget 3 --weight allocation 2>&1 | head -n 1
>allocate: the input has a column 'allocation' already: name the new one with -c NAME

### a missing weight gets the minimum
$ printf 'id,w\n1,\n2,2\n' | allocate --budget 3 --weight w --min 1
>id,w,allocation
>1,,1
>2,2,2
!allocate: 1 row with a weight <= 0 or missing got its minimum

### German Excel: semicolons and decimal commas
$ printf 'id;w\n1;1,5\n2;0,5\n' | allocate --budget 5 --weight w --decimal-comma
>id;w;allocation
>1;1,5;3,75
>2;0,5;1,25

### header-only input: the header; empty input: nothing
$ printf 'id,w\n' | allocate --budget 3 --weight w
>id,w,allocation
$ printf 'id,w\n' | allocate --budget 3 --weight w --summary
>pool,customers,budget,allocated,at_min,at_max
>all,0,3,0,0,0

### a weight that is no number is invalid (a negative one is not: below)
$ cd "$DATA" && allocate --budget 100 --weight weight alloc_bad.csv
!allocate: alloc_bad.csv:3: column 'weight': "x" is not a number
? 1

### --invalid skip: the text weight left out; the negative and the empty
### one get their minimum 0, counted in one note, the negative apart
$ cd "$DATA" && allocate --budget 100 --weight weight --invalid skip alloc_bad.csv
>id,weight,allocation
>1,-1,0
>3,,0
>4,2,100
!allocate: 2 rows with a weight <= 0 or missing got their minimum (1 negative)
!allocate: 1 row with invalid values skipped

### a negative weight gets its minimum as a zero one does: rows 1 and 2
### take 3 and 2, the other 20 go 4:6 to rows 3 and 4 (8 and 12)
$ printf 'id,w,lo\n1,-5,3\n2,0,2\n3,4,1\n4,6,0\n' | allocate --budget 25 --weight w --min lo --unit 1
>id,w,lo,allocation
>1,-5,3,3
>2,0,2,2
>3,4,1,8
>4,6,0,12
!allocate: 2 rows with a weight <= 0 or missing got their minimum (1 negative)

### --response: a negative saturation gets its minimum (2), b the other 8;
### expected responses -50 x 2/3 and 100 x 8/12
$ printf 'id,s,h,lo\na,-50,1,2\nb,100,4,0\n' | allocate --budget 10 --unit 1 --response --saturation s --half h --min lo
>id,s,h,lo,allocation,expected_response
>a,-50,1,2,2,-33.3333333333333
>b,100,4,0,8,66.6666666666667
!allocate: 1 row with a saturation <= 0 or missing or no half-effort got its minimum (1 negative)

### a row whose minimum exceeds its maximum
$ cd "$DATA" && allocate --budget 100 --weight weight --min min --max max alloc_minmax.csv
!allocate: alloc_minmax.csv:3: minimum 5 exceeds maximum 4
? 1

### --unit leaves no multiple between a row's bounds
$ printf 'w,lo,hi\n1,2.5,2.7\n' | allocate --budget 3 --weight w --min lo --max hi --unit 1
!allocate: <stdin>:2: no multiple of --unit 1 lies between minimum 2.5 and maximum 2.7
? 1

### infeasible: the minimums exceed the budget, the maximums fall short
$ cd "$DATA" && allocate --budget 100 --weight weight --min 30 alloc.csv
!allocate: infeasible budget 100: the minimums sum to 150, the maximums are unbounded
? 1
$ cd "$DATA" && allocate --budget 100 --weight weight --max 10 alloc.csv
!allocate: infeasible budget 100: the minimums sum to 0, the maximums sum to 40
? 1
$ cd "$DATA" && allocate --budget 100 --weight weight --unit 1 --by segment --pools 'retention=50%,acquisition=50%' --max 20 alloc.csv
!allocate: pool 'acquisition': infeasible budget 50: the minimums sum to 0, the maximums sum to 20
? 1

### usage errors
$ cd "$DATA" && allocate --budget 100 --weight weight --min 5 --max 4 alloc.csv
!allocate: --min 5 exceeds --max 4
!usage: allocate --budget B --weight MEASURE [--min MEASURE] [--max MEASURE]
!           [--unit U] [--by COL --pools 'LABEL=SHARE,...']
!           [--response --saturation MEASURE --half MEASURE]
!           [-c NAME] [--summary] [options] [FILE ...]
!Try 'allocate --help' for more information.
? 2

### usage errors name the problem
$ cd "$DATA" && allocate --budget 100 --weight weight --by segment --pools 'retention=60%,acquisition=30%' alloc.csv 2>&1 | head -n 1
>allocate: --pools: the shares sum to 90 %, not 100 %
$ cd "$DATA" && allocate --budget 100.5 --unit 1 --weight weight alloc.csv 2>&1 | head -n 1
>allocate: --budget 100.5 is no multiple of --unit 1
$ allocate --weight w 2>&1 | head -n 1
>allocate: --budget is required
$ allocate --budget 1 2>&1 | head -n 1
>allocate: --weight is required
$ allocate --budget -1 --weight w 2>&1 | head -n 1
>allocate: --budget: '-1' is not a number >= 0
$ allocate --budget 1 --weight w --unit 0 2>&1 | head -n 1
>allocate: --unit: must be > 0
$ allocate --budget 1 --weight w --by x 2>&1 | head -n 1
>allocate: --by and --pools go together
$ allocate --budget 1 --weight w --by x --pools 'a=50%,a=50%' 2>&1 | head -n 1
>allocate: --pools: pool 'a' given twice
$ allocate --budget 1 --response --saturation s 2>&1 | head -n 1
>allocate: --response needs --saturation and --half
$ allocate --budget 1 --response --saturation s --half h --weight w 2>&1 | head -n 1
>allocate: --response takes --saturation and --half instead of --weight
$ cd "$DATA" && allocate --budget 1 --weight weight --by sgement --pools 'a=100%' alloc.csv 2>&1 | head -n 3
>allocate: --by: unknown column 'sgement'
>  available columns: id, segment, weight, min, max
>  did you mean 'segment'?

### --help and --version
$ allocate --help | head -n 1
>usage: allocate --budget B --weight MEASURE [--min MEASURE] [--max MEASURE]
$ allocate --version
>allocate (crmkit) 0.1.0

### --invalid keep: rows with empty allocations take no part of the budget
$ cd "$DATA" && allocate --budget 100 --weight weight --invalid keep alloc_bad.csv
>id,weight,allocation
>1,-1,0
>2,x,
>3,,0
>4,2,100
!allocate: 2 rows with a weight <= 0 or missing got their minimum (1 negative)
!allocate: 1 row with invalid values kept with empty results

### -H: columns by number; pool a (weights 2, 6) gets 8, pool b 2
$ printf '1,a,2\n2,b,2\n3,a,6\n' | allocate -H --budget 10 --weight '{3}' --by 2 --pools 'a=80%,b=20%'
>1,a,2,2
>2,b,2,2
>3,a,6,6

### --response with a cap: b is capped at 5, a gets the other 5 (5 < k - 1
### for any k that leaves b free); responses 100 x 5/6 and 100 x 5/9
$ cd "$DATA" && allocate --budget 10 --unit 1 --max 5 --response --saturation saturation --half half alloc_response.csv
>id,saturation,half,allocation,expected_response
>a,100,1,5,83.3333333333333
>b,100,4,5,55.5555555555556

### a half-effort of 0 is invalid
$ printf 's,h\n1,0\n' | allocate --budget 1 --response --saturation s --half h
!allocate: <stdin>:2: column 'h': "0" is not positive
? 1

### --precision prints fixed decimals
$ cd "$DATA" && allocate --budget 100 --weight weight --max max --precision 2 alloc.csv | cut -d, -f6
>allocation
>12.86
>10.00
>25.71
>0.00
>51.43
!allocate: 1 row with a weight <= 0 or missing got its minimum

### -v: each pool's figures and the grid (row 4 is at its minimum 0, row 2 at its maximum 10)
$ cd "$DATA" && allocate --budget 100 --weight weight --max max --unit 1 -v alloc.csv > /dev/null
!allocate: as-of date 2026-12-01
!allocate: numbers use the decimal point, as the delimiter is ','
!allocate: 1 row with a weight <= 0 or missing got its minimum
!allocate: pool 'all': 5 rows, budget 100, 1 at their minimum, 1 at their maximum, grid 1
!allocate: 5 rows read, 5 valid
$ cd "$DATA" && allocate --budget 100 --weight weight -v alloc.csv 2>&1 > /dev/null | sed -n 4p
>allocate: pool 'all': 5 rows, budget 100, 1 at their minimum, 0 at their maximum, grid 1e-10

### --response with --min and --max columns (half, min and max vary by
### row: the bounds are kept in a temporary file): free, a = 10/sqrt(l) - 1
### and b = 20/sqrt(l) - 4 sum to 10 at sqrt(l) = 2, b = 6 below its
### minimum 7; so b = 7, a = 3 (under its maximum 5); responses 100 x 3/4
### and 100 x 7/11
$ printf 'id,s,h,min,max\na,100,1,0,5\nb,100,4,7,\n' | allocate --budget 10 --unit 1 --response --saturation s --half h --min min --max max
>id,s,h,min,max,allocation,expected_response
>a,100,1,0,5,3,75
>b,100,4,7,,7,63.6363636363636

### the temporary file of the bounds cannot be created: exit 3
# (a file operand needs no spool of its own; not under valgrind, which
# needs a TMPDIR itself: nowrap)
$ . "$TOP/tests/cli/faults.sh"; cd "$DATA" && TMPDIR=/nonexistent nowrap allocate --budget 100 --weight weight --min min --max max alloc.csv
!allocate: cannot create temporary file in /nonexistent: No such file or directory
? 3
