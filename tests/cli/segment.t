# segment: needs, rules, ABC, bins (SPEC 3, seed 1.2.1).
# Every expected segment below is worked out by hand in the comments.

# ------------------------------------------------------------------
# --needs.  segment_needs.csv (intrinsic, extrinsic, strategic):
#   S1 8 3 5 -> intrinsic      S2 2 9 4 -> extrinsic   S3 1 2 7 -> strategic
#   S4 6 6 1 -> tie: mixed     S5 5 4.5 4 -> intrinsic (top two 0.5 apart)
#   S6 3 3 3 -> mixed

### --needs with three measures: the seed's segments
$ segment --needs need_intrinsic,need_extrinsic,need_strategic "$DATA/segment_needs.csv"
>customer,need_intrinsic,need_extrinsic,need_strategic,segment
>S1,8,3,5,intrinsic
>S2,2,9,4,extrinsic
>S3,1,2,7,strategic
>S4,6,6,1,mixed
>S5,5,4.5,4,intrinsic
>S6,3,3,3,mixed

### --lang de
$ segment --lang de --needs need_intrinsic,need_extrinsic,need_strategic "$DATA/segment_needs.csv"
>customer,need_intrinsic,need_extrinsic,need_strategic,segment
>S1,8,3,5,intrinsisch
>S2,2,9,4,extrinsisch
>S3,1,2,7,strategisch
>S4,6,6,1,gemischt
>S5,5,4.5,4,intrinsisch
>S6,3,3,3,gemischt

### --tie-margin: within means a difference <= D (S5: 0.5 <= 0.5)
$ segment --needs need_intrinsic,need_extrinsic,need_strategic --tie-margin 0.5 "$DATA/segment_needs.csv" | cut -d, -f1,5
$ segment --needs need_intrinsic,need_extrinsic,need_strategic --tie-margin 0.4 "$DATA/segment_needs.csv" | cut -d, -f1,5
>customer,segment
>S1,intrinsic
>S2,extrinsic
>S3,strategic
>S4,mixed
>S5,mixed
>S6,mixed
>customer,segment
>S1,intrinsic
>S2,extrinsic
>S3,strategic
>S4,mixed
>S5,intrinsic
>S6,mixed

### --tie-margin 3: S1 (8 vs 5) is mixed, S2 (9 vs 4) and S3 (7 vs 2) are not
$ segment --needs need_intrinsic,need_extrinsic,need_strategic --tie-margin 3 -c n "$DATA/segment_needs.csv" | cut -d, -f1,5
>customer,n
>S1,mixed
>S2,extrinsic
>S3,strategic
>S4,mixed
>S5,mixed
>S6,mixed

# price = extrinsic, quality = intrinsic:
#   S1 3/8 quality, S2 9/2 price, S3 2/1 price, S4 6/6 mixed,
#   S5 4.5/5 quality, S6 3/3 mixed

### --needs LABEL=MEASURE: any number of own segments, labels as given
$ segment --needs 'price=need_extrinsic, quality = need_intrinsic' -c focus "$DATA/segment_needs.csv" | cut -d, -f1,5
>customer,focus
>S1,quality
>S2,price
>S3,price
>S4,mixed
>S5,quality
>S6,mixed

# a = intrinsic + strategic: 13 6 8 7 9 6
# b = max(extrinsic, strategic) * 2: 10 18 14 12 9 6
# four segments with c = 0, d = 1: never the highest

### --needs items with commas inside parentheses; four segments
$ segment --needs 'a=need_intrinsic+need_strategic,b=max(need_extrinsic,need_strategic)*2,c=0,d=1' "$DATA/segment_needs.csv" | cut -d, -f1,5
>customer,segment
>S1,a
>S2,b
>S3,b
>S4,b
>S5,mixed
>S6,mixed

# segment_needs_de.csv: S1 8/3/5, S5 5/4.5/4, S7 6.5/6.25/2
# margin 0.25: S7 (0.25) is mixed, S5 (0.5) is not.

### German dialect: --decimal-comma -d ';' --lang de, a margin with a comma
$ segment --decimal-comma -d ';' --lang de --tie-margin 0,25 --needs intrinsisch,extrinsisch,strategisch "$DATA/segment_needs_de.csv"
>Kunde;intrinsisch;extrinsisch;strategisch;segment
>S1;8;3;5;intrinsisch
>S5;5;4,5;4;intrinsisch
>S7;6,5;6,25;2;gemischt

### --needs: a missing score is a data error (a stream ends at the record before)
$ printf 'a,b,c\n1,2,3\n4,,5\n' | segment --needs a,b,c
>a,b,c,segment
>1,2,3,strategic
!segment: <stdin>:3: column 'b' is empty
? 1

### --needs: --invalid keep
$ printf 'a,b,c\n1,2,3\n4,,5\n' | segment --needs a,b,c --invalid keep
>a,b,c,segment
>1,2,3,strategic
>4,,5,
!segment: 1 row with invalid values kept with empty results

### --needs: two plain measures
$ segment --needs need_intrinsic,need_extrinsic "$DATA/segment_needs.csv"
!segment: --needs: give three measures (intrinsic, extrinsic, strategic) or LABEL=MEASURE items, not 2 measures
!usage: segment --needs MEASURE,MEASURE,MEASURE [--tie-margin D]
!           [options] [FILE ...]
!       segment --needs LABEL=MEASURE,LABEL=MEASURE[,...] [--tie-margin D]
!           [options] [FILE ...]
!       segment --rule 'LABEL: CONDITION' ... [--rules FILE] [--default LABEL]
!           [options] [FILE ...]
!       segment --abc MEASURE [--cuts A,B] [options] [FILE ...]
!       segment --bins MEASURE [-n N] [--reverse] [--method quantile|ntile]
!           [options] [FILE ...]
!Try 'segment --help' for more information.
? 2

### --needs: the two forms mixed, one segment, a label twice, an empty label or measure
$ segment --needs 'a=need_intrinsic,need_extrinsic' "$DATA/segment_needs.csv" 2>&1 | head -1
$ segment --needs 'a=need_intrinsic' "$DATA/segment_needs.csv" 2>&1 | head -1
$ segment --needs 'a=need_intrinsic,a=need_extrinsic' "$DATA/segment_needs.csv" 2>&1 | head -1
$ segment --needs '=need_intrinsic,b=need_extrinsic' "$DATA/segment_needs.csv" 2>&1 | head -1
$ segment --needs 'a=need_intrinsic,b=' "$DATA/segment_needs.csv" 2>&1 | head -1
>segment: --needs: give either three measures or LABEL=MEASURE items, not both
>segment: --needs: give at least two LABEL=MEASURE items
>segment: --needs: label 'a' is given twice
>segment: --needs: item 1 has an empty label
>segment: --needs: item 2 has no measure

### --needs: a comparison is a measure, not LABEL=
$ segment --needs 'need_intrinsic==8,need_extrinsic>=9,need_strategic<=1' "$DATA/segment_needs.csv" | cut -d, -f1,5
>customer,segment
>S1,intrinsic
>S2,extrinsic
>S3,mixed
>S4,strategic
>S5,mixed
>S6,mixed

### --tie-margin: not a number, negative, without --needs
$ segment --needs need_intrinsic,need_extrinsic,need_strategic --tie-margin x "$DATA/segment_needs.csv" 2>&1 | head -1
$ segment --needs need_intrinsic,need_extrinsic,need_strategic --tie-margin -1 "$DATA/segment_needs.csv" 2>&1 | head -1
$ segment --abc need_intrinsic --tie-margin 1 "$DATA/segment_needs.csv" 2>&1 | head -1
>segment: --tie-margin: 'x' is not a number >= 0
>segment: --tie-margin: '-1' is not a number >= 0
>segment: --tie-margin applies only to --needs

### --needs: unknown column with a suggestion
$ segment --needs need_intrinsic,need_extrinsic,need_strategc "$DATA/segment_needs.csv"
!segment: unknown column 'need_strategc' in expression 'need_strategc'
!  available columns: customer, need_intrinsic, need_extrinsic, need_strategic
!  did you mean 'need_strategic'?
? 2

# ------------------------------------------------------------------
# Rules.  segment_rules.csv with segment_ok.rules:
#   R1 50000, 0 visits, Nord   -> dormant (not key; visits == 0)
#   R2 150000                  -> key
#   R3 8000, 5 visits, Nord    -> north
#   R4 empty revenue, West     -> no rule (a comparison with missing is false)
#   R5 30000, 1 visit, "#x"    -> tagged

### --rules FILE with --default
$ segment --rules "$DATA/segment_ok.rules" --default other "$DATA/segment_rules.csv"
>customer,revenue,visits,region,segment
>R1,50000,0,Nord,dormant
>R2,150000,3,Süd,key
>R3,8000,5,Nord,north
>R4,,2,West,other
>R5,30000,1,#x,tagged

### no rule matches, no --default: a data error naming the line
$ cp "$DATA/segment_rules.csv" "$DATA/segment_ok.rules" . && segment --rules segment_ok.rules segment_rules.csv
>customer,revenue,visits,region,segment
>R1,50000,0,Nord,dormant
>R2,150000,3,Süd,key
>R3,8000,5,Nord,north
!segment: segment_rules.csv:5: no rule matches
? 1

### no rule matches: --invalid keep
$ segment --rules "$DATA/segment_ok.rules" --invalid keep "$DATA/segment_rules.csv"
>customer,revenue,visits,region,segment
>R1,50000,0,Nord,dormant
>R2,150000,3,Süd,key
>R3,8000,5,Nord,north
>R4,,2,West,
>R5,30000,1,#x,tagged
!segment: 1 row with invalid values kept with empty results

### no rule matches: --invalid skip --rejects
$ segment --rules "$DATA/segment_ok.rules" --invalid skip --rejects rej.csv "$DATA/segment_rules.csv"
$ cat rej.csv
>customer,revenue,visits,region,segment
>R1,50000,0,Nord,dormant
>R2,150000,3,Süd,key
>R3,8000,5,Nord,north
>R5,30000,1,#x,tagged
>customer,revenue,visits,region,error
>R4,,2,West,no rule matches
!segment: 1 row with invalid values skipped, written to rej.csv

### --rule repeated and combined with --rules: command-line order, first match wins
$ segment --rule 'small: revenue < 40000' --rules "$DATA/segment_ok.rules" --rule 'rest: 1' "$DATA/segment_rules.csv"
>customer,revenue,visits,region,segment
>R1,50000,0,Nord,dormant
>R2,150000,3,Süd,key
>R3,8000,5,Nord,small
>R4,,2,West,rest
>R5,30000,1,#x,small

### labels with spaces and UTF-8; spaces around label and condition dropped
$ segment --rule '  Großkunde A : revenue >= 100000 ' --rule 'übrige: not isempty(revenue)' --default 'ohne Umsatz' -c Gruppe "$DATA/segment_rules.csv"
>customer,revenue,visits,region,Gruppe
>R1,50000,0,Nord,übrige
>R2,150000,3,Süd,Großkunde A
>R3,8000,5,Nord,übrige
>R4,,2,West,ohne Umsatz
>R5,30000,1,#x,übrige

### a rules file with a BOM, CRLF line ends and a rule after a blank line
$ printf '\357\273\277key: revenue >= 100000\r\n\r\nrest: 1 # all others\r\n' > crlf.rules
$ segment --rules crlf.rules "$DATA/segment_rules.csv" | cut -d, -f1,5
>customer,segment
>R1,rest
>R2,key
>R3,rest
>R4,rest
>R5,rest

### a condition that cannot be decided makes the row invalid (also with --default)
$ printf 'a,b\n1,2\nx,3\n' | segment --rule 'big: a * 2 > 3' --default small
>a,b,segment
>1,2,small
!segment: <stdin>:3: column 'a': "x" is not a number
? 1

### an undecidable condition under --invalid skip, with the reason
$ printf 'a,b\n1,2\nx,3\n2,1\n' | segment --rule 'big: a * 2 > 3' --default small --invalid skip --rejects rej.csv
$ cat rej.csv
>a,b,segment
>1,2,small
>2,1,big
>a,b,error
>x,3,"column 'a': ""x"" is not a number"
!segment: 1 row with invalid values skipped, written to rej.csv

### a malformed line of a rules file: usage error naming FILE:LINE
$ cp "$DATA/segment_bad.rules" . && segment --rules segment_bad.rules "$DATA/segment_rules.csv"
!segment: segment_bad.rules:3: malformed rule (expected 'LABEL: CONDITION')
? 2

### a rule with an empty label or condition is malformed
$ printf 'a: 1\n : x > 1\n' > e1.rules; segment --rules e1.rules "$DATA/segment_rules.csv"
$ printf 'a: 1\nb:   # nothing\n' > e2.rules; segment --rules e2.rules "$DATA/segment_rules.csv"
!segment: e1.rules:2: malformed rule (expected 'LABEL: CONDITION')
!segment: e2.rules:2: malformed rule (expected 'LABEL: CONDITION')
? 2

### an unknown column in a rules file names FILE:LINE
$ cp "$DATA/segment_badexpr.rules" . && segment --rules segment_badexpr.rules "$DATA/segment_rules.csv"
!segment: segment_badexpr.rules:3: unknown column 'vists' in expression 'vists == 0'
!  available columns: customer, revenue, visits, region
!  did you mean 'visits'?
? 2

### a syntax error in --rule shows a caret
$ segment --rule 'big: revenue >> 5' "$DATA/segment_rules.csv"
!segment: --rule 'big: revenue >> 5': syntax error in expression: unexpected '>'
!  revenue >> 5
!           ^
? 2

### a malformed --rule
$ segment --rule 'revenue > 5' "$DATA/segment_rules.csv" 2>&1 | head -1
>segment: --rule 'revenue > 5': expected 'LABEL: CONDITION'

### a rules file without rules
$ cp "$DATA/segment_empty.rules" . && segment --rules segment_empty.rules "$DATA/segment_rules.csv"
!segment: segment_empty.rules: no rule in the file
? 2

### an unreadable rules file
$ segment --rules missing.rules "$DATA/segment_rules.csv"
!segment: missing.rules: No such file or directory
? 3

### --default without rules
$ segment --needs need_intrinsic,need_extrinsic,need_strategic --default x "$DATA/segment_needs.csv" 2>&1 | head -1
>segment: --default applies only to --rule and --rules

### the example treatment rules: every customer gets an approach
$ segment --rules "$EXAMPLES/treatments.rules" -c treatment "$EXAMPLES/customers.csv" | awk -F, 'NR > 1 && $NF == "" { n++ } END { print n + 0 }'
>0

# ------------------------------------------------------------------
# --abc.  segment_abc.csv: A3 150, A1 500, A4 50, A2 300 (total 1000).
# Ranked: A1 500, A2 300, A3 150, A4 50; shares of the rows before:
# 0, 50, 80, 95 %.  80 is not below 80: B; 95 not below 95: C.

### --abc: class by the cumulative share of the rows before, input order kept
$ segment --abc revenue "$DATA/segment_abc.csv"
>customer,revenue,segment
>A3,150,B
>A1,500,A
>A4,50,C
>A2,300,A

### --abc -v: total and rows per class
$ segment --abc revenue -v -c abc "$DATA/segment_abc.csv"
>customer,revenue,abc
>A3,150,B
>A1,500,A
>A4,50,C
>A2,300,A
!segment: as-of date 2026-12-01
!segment: numbers use the decimal point, as the delimiter is ','
!segment: ABC total 1000
!segment: class A: 2 rows
!segment: class B: 1 row
!segment: class C: 1 row
!segment: 4 rows read, 4 valid

### --cuts 50: two classes (A2: 50 % is not below 50)
$ segment --abc revenue --cuts 50 "$DATA/segment_abc.csv"
>customer,revenue,segment
>A3,150,B
>A1,500,A
>A4,50,B
>A2,300,B

### --cuts 40,60,90: four classes A-D
$ segment --abc revenue --cuts 40,60,90 "$DATA/segment_abc.csv"
>customer,revenue,segment
>A3,150,C
>A1,500,A
>A4,50,D
>A2,300,B

### --cuts with percent signs and decimals
$ segment --abc revenue --cuts 80%,95.5% "$DATA/segment_abc.csv" | cut -d, -f3 | paste -sd' ' -
>segment B A B A

### an expression as ABC measure; standard input
$ segment --abc 'revenue * 2 + 0' < "$DATA/segment_abc.csv" | cut -d, -f3 | paste -sd' ' -
>segment B A C A

# Ten rows of 10: shares 0, 10, ..., 90 %: rows 1-8 A, row 9 (80 %) and
# row 10 (90 %) B.  Ties are split by input order.

### --abc ties: ten equal values
$ segment --abc revenue "$DATA/segment_abc_ties.csv" | cut -d, -f1,3 | paste -sd' ' -
>customer,segment T1,A T2,A T3,A T4,A T5,A T6,A T7,A T8,A T9,B T10,B

### --abc ties: 10,10,10 (shares 0, 33, 67 %: all A)
$ printf 'c,v\nx,10\ny,10\nz,10\n' | segment --abc v
>c,v,segment
>x,10,A
>y,10,A
>z,10,A

### --abc: the crossing row stays in the class below the cut (70,20,10: A,A,B)
$ printf 'c,v\nx,10\ny,70\nz,20\n' | segment --abc v
>c,v,segment
>x,10,B
>y,70,A
>z,20,A

### --abc: zeros after positive values are C; an all-zero total: top row A, others C
$ printf 'c,v\nx,0\ny,5\nz,0\n' | segment --abc v | cut -d, -f3 | paste -sd' ' -
$ printf 'c,v\nx,0\ny,0\nz,0\n' | segment --abc v | cut -d, -f3 | paste -sd' ' -
>segment C A C
>segment A C C

### --abc: decimal shares that are exactly a cut (0.5+0.3 = 80 %)
$ printf 'c,v\nw,0.05\nx,0.3\ny,0.15\nz,0.5\n' | segment --abc v | cut -d, -f3 | paste -sd' ' -
>segment C A B A

### --abc: a negative value is invalid
$ cp "$DATA/segment_abc_neg.csv" . && segment --abc revenue segment_abc_neg.csv
!segment: segment_abc_neg.csv:3: column 'revenue': "-5" is negative
? 1

### --abc: a negative expression value
$ segment --abc 'revenue - 200' < "$DATA/segment_abc.csv"
!segment: <stdin>:2: measure 'revenue - 200': -50 is negative
? 1

### --abc: negative rows skipped and rejected; they count in no total
$ segment --abc revenue --invalid skip --rejects rej.csv "$DATA/segment_abc_neg.csv"
$ cat rej.csv
>customer,revenue,segment
>N1,100,A
>N3,50,A
>customer,revenue,error
>N2,-5,"column 'revenue': ""-5"" is negative"
!segment: 1 row with invalid values skipped, written to rej.csv

### --abc: --invalid keep
$ segment --abc revenue --invalid keep "$DATA/segment_abc_neg.csv"
>customer,revenue,segment
>N1,100,A
>N2,-5,
>N3,50,A
!segment: 1 row with invalid values kept with empty results

### --cuts errors
$ segment --abc revenue --cuts 0,95 "$DATA/segment_abc.csv" 2>&1 | head -1
$ segment --abc revenue --cuts 95,80 "$DATA/segment_abc.csv" 2>&1 | head -1
$ segment --abc revenue --cuts 80,80 "$DATA/segment_abc.csv" 2>&1 | head -1
$ segment --abc revenue --cuts 80,x "$DATA/segment_abc.csv" 2>&1 | head -1
$ segment --abc revenue --cuts 80,101 "$DATA/segment_abc.csv" 2>&1 | head -1
$ segment --abc revenue --cuts '' "$DATA/segment_abc.csv" 2>&1 | head -1
$ segment --bins revenue --cuts 80,95 "$DATA/segment_abc.csv" 2>&1 | head -1
>segment: --cuts: '0,95' is not a percentage above 0 and at most 100
>segment: --cuts: '95,80' does not increase
>segment: --cuts: '80,80' does not increase
>segment: --cuts: '80,x' is not a percentage above 0 and at most 100
>segment: --cuts: '80,101' is not a percentage above 0 and at most 100
>segment: --cuts: '' is not a percentage above 0 and at most 100
>segment: --cuts applies only to --abc

# ------------------------------------------------------------------
# --bins.  segment_bins.csv, monetary: B1 100, B2 250, B3 100, B4 400,
# B5 50, B6 100, B7 300, B8 75, B9 500, B10 100.
# Sorted: 50 75 100 100 100 100 250 300 400 500 (n = 10).
# quantile, 5 bins: h = 9k/5 = 1.8 3.6 5.4 7.2:
#   cut 1 = 75 + .8*25 = 95, cut 2 = 100 + .6*0 = 100,
#   cut 3 = 100 + .4*150 = 160, cut 4 = 300 + .2*100 = 320.
# A value equal to a cut point goes to the lower bin: the 100s are 2, not
# 3; score 3 stays empty.
#   50,75 -> 1; 100 -> 2; 250,300 -> 4; 400,500 -> 5.

### --bins quantile (default), 5 bins
$ segment --bins monetary "$DATA/segment_bins.csv"
>customer,recency,monetary,segment
>B1,30,100,2
>B2,5,250,4
>B3,60,100,2
>B4,12,400,5
>B5,90,50,1
>B6,5,100,2
>B7,45,300,4
>B8,20,75,1
>B9,75,500,5
>B10,2,100,2

### --bins -v: cut points and rows per score
$ segment --bins monetary --method quantile -n 5 -v -c m "$DATA/segment_bins.csv" > /dev/null
!segment: as-of date 2026-12-01
!segment: numbers use the decimal point, as the delimiter is ','
!segment: cut points 95 100 160 320
!segment: score 1: 2 rows
!segment: score 2: 4 rows
!segment: score 3: 0 rows
!segment: score 4: 2 rows
!segment: score 5: 2 rows
!segment: 10 rows read, 10 valid

# ntile, 5 buckets of 2 by rank ascending, ties in input order:
#   B5 50, B8 75 | B1 100, B3 100 | B6 100, B10 100 | B2 250, B7 300 |
#   B4 400, B9 500

### --bins ntile: equal counts, ties split by input order
$ segment --bins monetary --method ntile "$DATA/segment_bins.csv" | cut -d, -f1,4 | paste -sd' ' -
>customer,segment B1,2 B2,4 B3,2 B4,5 B5,1 B6,3 B7,4 B8,1 B9,5 B10,3

# ntile, 3 buckets: 10 = 3*3 + 1, sizes 4, 3, 3:
#   B5 B8 B1 B3 | B6 B10 B2 | B7 B4 B9

### --bins ntile with N not divisible by n: the first buckets get the extra row
$ segment --bins monetary --method ntile -n 3 "$DATA/segment_bins.csv" | cut -d, -f1,4 | paste -sd' ' -
>customer,segment B1,1 B2,2 B3,1 B4,3 B5,1 B6,2 B7,3 B8,1 B9,3 B10,2

# recency: 30 5 60 12 90 5 45 20 75 2; sorted 2 5 5 12 20 30 45 60 75 90.
# quantile cut points: h 1.8 -> 5 + .8*0 = 5; 3.6 -> 12 + .6*8 = 16.8;
# 5.4 -> 30 + .4*15 = 36; 7.2 -> 60 + .2*15 = 63.
# bins: 2,5 -> 1; 12 -> 2; 20,30 -> 3; 45,60 -> 4; 75,90 -> 5;
# --reverse scores 6 - bin: 2,5 -> 5; 12 -> 4; 20,30 -> 3; 45,60 -> 2;
# 75,90 -> 1.

### --bins --reverse: n for the lowest values (recency)
$ segment --bins recency --reverse "$DATA/segment_bins.csv" | cut -d, -f1,4 | paste -sd' ' -
>customer,segment B1,3 B2,5 B3,2 B4,4 B5,1 B6,5 B7,2 B8,3 B9,1 B10,5

# ntile descending (NTILE over ORDER BY recency DESC), ties in input order:
#   B5 90, B9 75 | B3 60, B7 45 | B1 30, B8 20 | B4 12, B2 5 | B6 5, B10 2

### --bins --reverse --method ntile
$ segment --bins recency --reverse --method ntile "$DATA/segment_bins.csv" | cut -d, -f1,4 | paste -sd' ' -
>customer,segment B1,3 B2,4 B3,2 B4,4 B5,1 B6,5 B7,2 B8,3 B9,1 B10,5

### --bins -n 1 and -n larger than the number of rows (ntile)
$ segment --bins monetary -n 1 "$DATA/segment_bins.csv" | cut -d, -f4 | paste -sd' ' -
$ head -3 "$DATA/segment_bins.csv" | segment --bins monetary -n 4 --method ntile | cut -d, -f4 | paste -sd' ' -
>segment 1 1 1 1 1 1 1 1 1 1
>segment 1 2

# segment_bins_missing.csv: M1 10, M2 empty, M3 30, M4 20; valid values
# 10 20 30, median 20: 10 -> 1, 20 (= cut) -> 1, 30 -> 2.

### --bins: a missing value under --invalid keep
$ segment --bins monetary -n 2 --invalid keep "$DATA/segment_bins_missing.csv"
>customer,monetary,segment
>M1,10,1
>M2,,
>M3,30,2
>M4,20,1
!segment: 1 row with invalid values kept with empty results

### --bins: a missing value fails by default
$ cp "$DATA/segment_bins_missing.csv" . && segment --bins monetary segment_bins_missing.csv
!segment: segment_bins_missing.csv:3: column 'monetary' is empty
? 1

### --bins -H: columns by number, no header
$ tail -n +2 "$DATA/segment_bins.csv" | segment -H --bins '{3}' --method ntile | cut -d, -f1,4 | paste -sd' ' -
>B1,2 B2,4 B3,2 B4,5 B5,1 B6,3 B7,4 B8,1 B9,5 B10,3

### --bins with decimal commas
$ printf 'k;v\na;1,5\nb;0,5\nc;1.000,25\n' | segment --decimal-comma --bins v -n 3
>k;v;segment
>a;1,5;2
>b;0,5;1
>c;1.000,25;3

### header-only input
$ head -1 "$DATA/segment_bins.csv" | segment --bins monetary
>customer,recency,monetary,segment

### -n errors, --method errors, bins options without --bins
$ segment --bins monetary -n 0 "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment --bins monetary -n x "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment --bins monetary -n 10001 "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment --bins monetary --method median "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment --abc monetary -n 3 "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment --abc monetary --reverse "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment --abc monetary --method ntile "$DATA/segment_bins.csv" 2>&1 | head -1
>segment: -n: '0' is not a number of bins from 1 to 10000
>segment: -n: 'x' is not a number of bins from 1 to 10000
>segment: -n: '10001' is not a number of bins from 1 to 10000
>segment: --method: 'median' is not quantile or ntile
>segment: -n applies only to --bins
>segment: --reverse applies only to --bins
>segment: --method applies only to --bins

# ------------------------------------------------------------------
# Methods and common options

### one method per call
$ segment --abc monetary --bins monetary "$DATA/segment_bins.csv"
!segment: --abc and --bins exclude each other: one method per call
!usage: segment --needs MEASURE,MEASURE,MEASURE [--tie-margin D]
!           [options] [FILE ...]
!       segment --needs LABEL=MEASURE,LABEL=MEASURE[,...] [--tie-margin D]
!           [options] [FILE ...]
!       segment --rule 'LABEL: CONDITION' ... [--rules FILE] [--default LABEL]
!           [options] [FILE ...]
!       segment --abc MEASURE [--cuts A,B] [options] [FILE ...]
!       segment --bins MEASURE [-n N] [--reverse] [--method quantile|ntile]
!           [options] [FILE ...]
!Try 'segment --help' for more information.
? 2

### other method conflicts, and no method
$ segment --needs a,b,c --rule 'x: 1' "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment --rules "$DATA/segment_ok.rules" --abc monetary "$DATA/segment_bins.csv" 2>&1 | head -1
$ segment "$DATA/segment_bins.csv" 2>&1 | head -1
>segment: --needs and --rule/--rules exclude each other: one method per call
>segment: --rule/--rules and --abc exclude each other: one method per call
>segment: give a method: --needs, --rule, --rules, --abc or --bins

# ABC on monetary (total 1975), ranked: B9 500, B4 400, B7 300, B2 250,
# B1 B3 B6 B10 (100 each, input order), B8 75, B5 50; shares before:
# 0, 25.3, 45.6, 60.8, 73.4, 78.5 (A) | 83.5, 88.6, 93.7 (B) | 97.5 (C).

### chaining: two segmentations side by side, -o FILE
$ segment --abc monetary -c abc "$DATA/segment_bins.csv" | segment --bins monetary -n 3 --method ntile -c m3 -o out.csv
$ cut -d, -f1,4,5 out.csv | paste -sd' ' -
>customer,abc,m3 B1,A,1 B2,A,2 B3,A,1 B4,A,3 B5,C,1 B6,B,2 B7,A,3 B8,B,1 B9,A,3 B10,B,2

### --help names every option of the man page
$ for o in --needs --tie-margin --rule --rules --default --abc --cuts --bins -n --reverse --method -c, --column --invalid --rejects --lang; do segment --help | grep -q -e " $o " || echo "missing $o"; done
$ segment --help | head -1
>usage: segment --needs MEASURE,MEASURE,MEASURE [--tie-margin D]

# ------------------------------------------------------------------
# The README pipeline on the German example export (BOM, ';',
# decimal commas, CRLF).  segment_pipeline_ref.awk computes every label
# without crmkit (needs argmax, ABC in integer cents, type-7 medians).

### pipeline segment | segment | quadrant | prioritize matches the awk reference row by row
$ segment --decimal-comma -d ';' --lang de --needs need_intrinsic,need_extrinsic,need_strategic "$EXAMPLES/customers_de.csv" \
$   | segment --decimal-comma --abc revenue -c abc \
$   | quadrant --decimal-comma --lang de -x revenue/target -y margin/cost \
$   | prioritize --decimal-comma --value value --probability win_probability > out.csv
$ head -1 out.csv | cut -d';' -f1,20-
$ tail -n +2 out.csv | cut -d';' -f1,24-27 > got.txt
$ awk -F';' -f "$DATA/segment_pipeline_ref.awk" "$EXAMPLES/customers_de.csv" | diff - got.txt && echo same
$ wc -l < got.txt
>customer_id;phase;last_purchase;phase_entered;contract_end;segment;abc;quadrant;priority;expected_value
>same
>500

### pipeline: German labels and their counts (counted from the awk reference)
$ segment --decimal-comma -d ';' --lang de --needs need_intrinsic,need_extrinsic,need_strategic "$EXAMPLES/customers_de.csv" \
$   | segment --decimal-comma --abc revenue -c abc \
$   | quadrant --decimal-comma --lang de -x revenue/target -y margin/cost \
$   | prioritize --decimal-comma --value value --probability win_probability \
$   | awk -F';' 'NR > 1 { print $24; print $25; print $26; print "priority " $27 }' | sort | uniq -c | awk '{ $1 = $1; print }'
>215 A
>164 B
>121 C
>131 Feigenblatt
>131 Pyrrhussieg
>119 Qualifiziertes Kundenmanagement
>119 Ressourcenverschwendung
>185 extrinsisch
>15 gemischt
>176 intrinsisch
>167 priority 1
>83 priority 2
>136 priority 3
>114 priority 4
>124 strategisch

### CRMKIT_LANG=de sets the label language; --lang overrides it
$ CRMKIT_LANG=de segment --needs need_intrinsic,need_extrinsic,need_strategic "$DATA/segment_needs.csv" | sed -n 2p
$ CRMKIT_LANG=de segment --lang en --needs need_intrinsic,need_extrinsic,need_strategic "$DATA/segment_needs.csv" | sed -n 5p
>S1,8,3,5,intrinsisch
>S4,6,6,1,mixed

### --version
$ segment --version
>segment (crmkit) 0.1.0
