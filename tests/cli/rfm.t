# rfm: recency, frequency, monetary value from a transaction log (SPEC 3).
# Every figure below is worked out by hand in the comments.
#
# rfm_orders.csv (as-of by default the latest purchase, 2026-03-31):
#   A 2026-01-05 100, 2026-01-05 20, 2026-03-01 30: orders 3, revenue 150,
#     2 purchase days: x 1, t_x 55 days (Jan 5 -> Mar 1), T 85, m 30
#     (the repeat day), recency 30
#   B 2026-01-10 50, 2026-03-15 70, 2026-03-31 (no amount): orders 3,
#     revenue 120, x 2, t_x = T = 80, m = (70 + 0) / 2 = 35, recency 0
#   C 2026-02-01 10, 2026-03-31 40: orders 2, revenue 50, x 1,
#     t_x = T = 58 (28 days of February + 30), m 40, recency 0
#   D 2026-03-20 5: orders 1, x 0, t_x 0, T 11, m 0, recency 11
#   E 2026-03-31 200: orders 1, x 0, T 0, recency 0
# Scores, 5 bins, type-7 cut points at h = 4k/5 = 0.8 1.6 2.4 3.2 over
# the 5 sorted values; a value on a cut point goes to the lower bin:
#   recency 0 0 0 11 30: cuts 0, 0, 4.4, 14.8; 0 is above no cut (bin 1),
#     11 above three (bin 4), 30 above four (bin 5); reversed: r = 6 - bin:
#     A 1, B 5, C 5, D 2, E 5
#   frequency 1 1 2 3 3: cuts 1, 1.6, 2.4, 3: 1 -> 1, 2 -> 3, 3 -> 4:
#     A 4, B 4, C 3, D 1, E 1
#   monetary 5 50 120 150 200: cuts 41, 92, 132, 160:
#     A 4, B 3, C 2, D 1, E 5
# Segments (share/rfm.rules, first match): A 144 Can't Lose Them (R 1,
# F 4-5, M 4-5); B 543 Loyal Customers (not Champions: M 3; R 2-5, F 3-5,
# M 3-5); C 532 Potential Loyalist (Loyal needs M >= 3; R 3-5, F 1-3,
# M 1-3); D 211 About To Sleep (R 2-3, F 1-2, M 1-2); E 515 Others (M 5
# rules out New Customers, F 1 Loyal, M 5 Potential Loyalist).

### the columns, in days
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --unit day "$DATA/rfm_orders.csv"
>customer,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,segment,x,t_x,T,m
>A,2026-01-05,2026-03-01,3,150,30,3,150,1,4,4,144,Can't Lose Them,1,55,85,30
>B,2026-01-10,2026-03-31,3,120,0,3,120,5,4,3,543,Loyal Customers,2,80,80,35
>C,2026-02-01,2026-03-31,2,50,0,2,50,5,3,2,532,Potential Loyalist,1,58,58,40
>D,2026-03-20,2026-03-20,1,5,11,1,5,2,1,1,211,About To Sleep,0,0,11,0
>E,2026-03-31,2026-03-31,1,200,0,1,200,5,1,5,515,Others,0,0,0,0

### --unit week is the default: t_x and T are days / 7
# A 55/7 = 7.857142857142857, 85/7 = 12.142857142857142; B 80/7;
# C 58/7; D T 11/7
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount "$DATA/rfm_orders.csv" | cut -d, -f1,15,16
>customer,t_x,T
>A,7.85714285714286,12.1428571428571
>B,11.4285714285714,11.4285714285714
>C,8.28571428571429,8.28571428571429
>D,0,1.57142857142857
>E,0,0

### --unit month: days / 30.4375 (A: 55 / 30.4375 = 1.806981519507187)
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --unit month "$DATA/rfm_orders.csv" | cut -d, -f1,15,16 | head -2
>customer,t_x,T
>A,1.80698151950719,2.79260780287474

### --precision 2: measures with two decimals, counts and scores as integers
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --precision 2 "$DATA/rfm_orders.csv" | head -2
>customer,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,segment,x,t_x,T,m
>A,2026-01-05,2026-03-01,3,150.00,30,3,150.00,1,4,4,144,Can't Lose Them,1,7.86,12.14,30.00

### --sort: rfm_score descending (543 532 515 211 144)
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --sort "$DATA/rfm_orders.csv" | cut -d, -f1,12,13
>customer,rfm_score,segment
>B,543,Loyal Customers
>C,532,Potential Loyalist
>E,515,Others
>D,211,About To Sleep
>A,144,Can't Lose Them

### --sort: equal scores in customer byte order (Z before a), not input order
# Equal values sit on every cut point, so all are in the lowest bin:
# score 1, and 5 for recency (reversed: the most recent).
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a --no-segments --sort
<c,d,a
<a,2026-01-01,1
<Z,2026-01-01,1
<b,2026-01-01,1
>c,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,x,t_x,T,m
>Z,2026-01-01,2026-01-01,1,1,0,1,1,5,1,1,511,0,0,0,0
>a,2026-01-01,2026-01-01,1,1,0,1,1,5,1,1,511,0,0,0,0
>b,2026-01-01,2026-01-01,1,1,0,1,1,5,1,1,511,0,0,0,0

### --lang de: the German segment table
$ unset CRMKIT_AS_OF; rfm --lang de --customer customer --date date --amount amount "$DATA/rfm_orders.csv" | cut -d, -f1,13
>customer,segment
>A,Nicht verlieren
>B,Treue Kunden
>C,Potenziell treu
>D,Drohen einzuschlafen
>E,Sonstige

### CRMKIT_LANG=de picks the German table too
$ unset CRMKIT_AS_OF; CRMKIT_LANG=de rfm --customer customer --date date --amount amount "$DATA/rfm_orders.csv" | cut -d, -f13 | sed -n 2p
>Nicht verlieren

# --method ntile, 5 customers in 5 buckets, one each:
#   recency descending, ties in input order: A 30, D 11, B 0, C 0, E 0
#     -> A 1, D 2, B 3, C 4, E 5
#   frequency ascending: D 1, E 1, C 2, A 3, B 3 -> D 1, E 2, C 3, A 4, B 5
#   monetary ascending: D 5, C 50, B 120, A 150, E 200

### --method ntile: equal-count buckets, ties in input order
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --method ntile --no-segments "$DATA/rfm_orders.csv" | cut -d, -f1,9-12
>customer,r_score,f_score,m_score,rfm_score
>A,1,4,4,144
>B,3,5,3,353
>C,4,3,2,432
>D,2,1,1,211
>E,5,2,5,525

# -n 3: cut points at h = 4/3 and 8/3:
#   recency 0 0 0 11 30: 0 and 0 + 2/3 * 11 = 7.33: 0 -> bin 1 (r 3),
#     11 and 30 -> bin 3 (r 1)
#   frequency 1 1 2 3 3: 1.33, 2.67: 1 -> 1, 2 -> 2, 3 -> 3
#   monetary 5 50 120 150 200: 73.3, 140: 5 and 50 -> 1, 120 -> 2,
#     150 and 200 -> 3

### -n 3 with --no-segments
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount -n 3 --no-segments "$DATA/rfm_orders.csv" | cut -d, -f1,9-12
>customer,r_score,f_score,m_score,rfm_score
>A,1,3,3,133
>B,3,3,2,332
>C,3,2,1,321
>D,1,1,1,111
>E,3,1,3,313

### -n 3 with a segment table of one's own; a customer no rule takes gets an empty segment, counted
$ unset CRMKIT_AS_OF; printf 'Top: r_score == 3 and f_score == 3\nBottom: r_score == 1\n' > my.rules
$ rfm --customer customer --date date --amount amount -n 3 --segments my.rules "$DATA/rfm_orders.csv" | cut -d, -f1,12,13
>customer,rfm_score,segment
>A,133,Bottom
>B,332,Top
>C,321,
>D,111,Bottom
>E,313,
!rfm: 2 customers matched no segment rule (empty segment)

### --monetary mean: revenue / orders (A 50, B 40, C 25, D 5, E 200)
# cuts over 5 25 40 50 200: 21, 34, 44, 80 -> A 4, B 3, C 2, D 1, E 5
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --monetary mean "$DATA/rfm_orders.csv" | cut -d, -f1,5,8,11
>customer,revenue,monetary,m_score
>A,150,50,4
>B,120,40,3
>C,50,25,2
>D,5,5,1
>E,200,200,5

# --as-of 2026-03-15: D's, C's and E's March rows and B's 2026-03-31 row
# (4 rows) are a holdout; E and D have nothing left and are left out.
#   A: recency 14, x 1, t_x 55, T 69, m 30
#   B: 50 + 70, recency 0, x 1, t_x = T = 64, m 70
#   C: 10, recency 42 (Feb 1 -> Mar 15), x 0, T 42
# Scores over 3 customers, cuts at h = 2k/5 = 0.4 0.8 1.2 1.6:
#   recency 0 14 42: 5.6 11.2 19.6 30.8 -> A bin 3 (r 3), B 1 (5), C 5 (1)
#   frequency 1 2 3: 1.4 1.8 2.2 2.6 -> A 5, B 3, C 1
#   monetary 10 120 150: 54 98 126 138 -> A 5, B 3, C 1
#   A 355 Loyal Customers, B 533 Loyal Customers, C 111 Lost

### --as-of: later rows are a holdout, counted on standard error
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --unit day --as-of 2026-03-15 "$DATA/rfm_orders.csv"
>customer,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,segment,x,t_x,T,m
>A,2026-01-05,2026-03-01,3,150,14,3,150,3,5,5,355,Loyal Customers,1,55,69,30
>B,2026-01-10,2026-03-15,2,120,0,2,120,5,3,3,533,Loyal Customers,1,64,64,70
>C,2026-02-01,2026-02-01,1,10,42,1,10,1,1,1,111,Lost,0,0,42,0
!rfm: 4 rows dated after the as-of date 2026-03-15 left out (holdout)

### CRMKIT_AS_OF sets the as-of date; --as-of overrides it
$ unset CRMKIT_AS_OF; CRMKIT_AS_OF=2026-03-15 rfm --customer customer --date date --amount amount "$DATA/rfm_orders.csv" | cut -d, -f1 | tr '\n' ' '; echo
$ CRMKIT_AS_OF=2026-03-15 rfm --customer customer --date date --amount amount --as-of 2026-04-30 "$DATA/rfm_orders.csv" | cut -d, -f1,6 | tr '\n' ' '; echo
>customer A B C 
>customer,recency A,60 B,30 C,30 D,41 E,30 
!rfm: 4 rows dated after the as-of date 2026-03-15 left out (holdout)

### --as-of in German form, and a date-time (its day counts)
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --as-of 15.03.2026 "$DATA/rfm_orders.csv" 2>&1 >/dev/null
$ rfm --customer customer --date date --amount amount --as-of 2026-03-15T23:59 "$DATA/rfm_orders.csv" 2>&1 >/dev/null
>rfm: 4 rows dated after the as-of date 2026-03-15 left out (holdout)
>rfm: 4 rows dated after the as-of date 2026-03-15 left out (holdout)

### several rows of one customer on one day are one purchase day; orders counts rows
# K: 3 rows on 2026-05-01 (1 + 2 + 3), 2 on 2026-05-08 (10 + 20), given
# out of order: orders 5, revenue 36, x 1, t_x 7 days = 1 week, m 30
$ unset CRMKIT_AS_OF; rfm --customer k --date d --amount a --no-segments | cut -d, -f1-5,13-16
<k,d,a
<K,2026-05-08,10
<K,2026-05-01,1
<K,2026-05-01,2
<K,2026-05-08,20
<K,2026-05-01,3
>k,first_purchase,last_purchase,orders,revenue,x,t_x,T,m
>K,2026-05-01,2026-05-08,5,36,1,1,1,30

### date-times: converted to UTC, then the calendar day counts
# 2026-05-01T23:30-02:00 is 2026-05-02T01:30Z: the same day as the
# second row; 2026-05-03 08:00 is a third day
$ unset CRMKIT_AS_OF; rfm --customer k --date d --amount a --no-segments --unit day | cut -d, -f1-4,13-16
<k,d,a
<K,2026-05-01T23:30:00-02:00,1
<K,2026-05-02,2
<K,2026-05-03 08:00,4
>k,first_purchase,last_purchase,orders,x,t_x,T,m
>K,2026-05-02,2026-05-03,3,1,1,1,4

### German dates, ';' and decimal commas
$ unset CRMKIT_AS_OF; rfm --customer Kunde --date Datum --amount Betrag --decimal-comma --no-segments --unit day | cut -d';' -f1-5,13-16
<Kunde;Datum;Betrag
<K1;1.3.2026;1.234,50
<K1;15.03.2026;0,50
<K2;15.03.2026;7
>Kunde;first_purchase;last_purchase;orders;revenue;x;t_x;T;m
>K1;2026-03-01;2026-03-15;2;1235;1;14;14;0,5
>K2;2026-03-15;2026-03-15;1;7;0;0;0;0

### --date-format: CDNOW's YYYYMMDD
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a --date-format %Y%m%d --no-segments | cut -d, -f1-4
<c,d,a
<1,19970101,29.33
<1,19970118,29.73
>c,first_purchase,last_purchase,orders
>1,1997-01-01,1997-01-18,2

### --date-format from CRMKIT_DATE_FORMAT
$ unset CRMKIT_AS_OF; CRMKIT_DATE_FORMAT=%d/%m/%Y rfm --customer c --date d --no-segments | cut -d, -f1-4
<c,d
<1,31/01/2026
<1,01/02/2026
>c,first_purchase,last_purchase,orders
>1,2026-01-31,2026-02-01,2

### --amount takes an expression: price * quantity
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount 'price * qty' --no-segments | cut -d, -f1,5
<c,d,price,qty
<1,2026-01-01,2.5,4
<1,2026-01-02,1,3
>c,revenue
>1,13

### without --amount: revenue, monetary, m_score and m empty, rfm_score of r and f, no segment
$ unset CRMKIT_AS_OF; rfm --customer customer --date date "$DATA/rfm_orders.csv"
>customer,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,x,t_x,T,m
>A,2026-01-05,2026-03-01,3,,30,3,,1,4,,14,1,7.85714285714286,12.1428571428571,
>B,2026-01-10,2026-03-31,3,,0,3,,5,4,,54,2,11.4285714285714,11.4285714285714,
>C,2026-02-01,2026-03-31,2,,0,2,,5,3,,53,1,8.28571428571429,8.28571428571429,
>D,2026-03-20,2026-03-20,1,,11,1,,2,1,,21,0,0,1.57142857142857,
>E,2026-03-31,2026-03-31,1,,0,1,,5,1,,51,0,0,0,

### -H: columns by number ({3} in an expression), no header written
$ unset CRMKIT_AS_OF; tail -n +2 "$DATA/rfm_orders.csv" | rfm -H --customer 1 --date 2 --amount '{3}' --no-segments | head -2
>A,2026-01-05,2026-03-01,3,150,30,3,150,1,4,4,144,1,7.85714285714286,12.1428571428571,30
>B,2026-01-10,2026-03-31,3,120,0,3,120,5,4,3,543,2,11.4285714285714,11.4285714285714,35

### header-only input: the header
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount
<customer,date,amount
>customer,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,segment,x,t_x,T,m

### -o FILE, and -v: the cut points (as worked out at the top), rows, groups, customers and the as-of date
$ unset CRMKIT_AS_OF; rfm -v --customer customer --date date --amount amount --no-segments -o out.csv "$DATA/rfm_orders.csv"
$ wc -l < out.csv
>6
!rfm: numbers use the decimal point, as the delimiter is ','
!rfm: recency cut points: 0, 0, 4.4, 14.8
!rfm: frequency cut points: 1, 1.6, 2.4, 3
!rfm: monetary cut points: 41, 92, 132, 160
!rfm: 10 rows read, 10 aggregated, 5 groups, 5 customers, as-of 2026-03-31

### -v with --method ntile: no cut points
$ unset CRMKIT_AS_OF; rfm -v --method ntile --customer customer --date date --amount amount --no-segments "$DATA/rfm_orders.csv" > /dev/null
!rfm: numbers use the decimal point, as the delimiter is ','
!rfm: 10 rows read, 10 aggregated, 5 groups, 5 customers, as-of 2026-03-31

### two files one after the other: one log
$ unset CRMKIT_AS_OF; head -6 "$DATA/rfm_orders.csv" > a.csv
$ (head -1 "$DATA/rfm_orders.csv"; tail -n +7 "$DATA/rfm_orders.csv") > b.csv
$ rfm --customer customer --date date --amount amount a.csv b.csv | cmp - <(rfm --customer customer --date date --amount amount "$DATA/rfm_orders.csv") && echo same
>same

### first appearance counts valid rows: Y's first row is skipped, so Y comes after Z
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a --invalid skip --no-segments | cut -d, -f1-5
<c,d,a
<X,2026-02-01,5
<Y,2026-01-01,x
<Z,2026-01-05,1
<Y,2026-01-02,3
>c,first_purchase,last_purchase,orders,revenue
>X,2026-02-01,2026-02-01,1,5
>Z,2026-01-05,2026-01-05,1,1
>Y,2026-01-02,2026-01-02,1,3
!rfm: 1 row with invalid values skipped

### an as-of date before every purchase: no customer, the header, the holdout counted
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a --as-of 2026-01-01
<c,d,a
<X,2026-02-01,5
<X,2026-02-03,5
>c,first_purchase,last_purchase,orders,revenue,recency,frequency,monetary,r_score,f_score,m_score,rfm_score,segment,x,t_x,T,m
!rfm: 2 rows dated after the as-of date 2026-01-01 left out (holdout)

# ------------------------------------------------------------------
# Invalid rows

### an empty date is a data error naming file and line
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a
<c,d,a
<1,2026-01-01,5
<2,,5
!rfm: <stdin>:3: column 'd' is empty
? 1

### an impossible date
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a
<c,d,a
<1,2026-02-30,5
!rfm: <stdin>:2: column 'd': "2026-02-30" is not a date
? 1

### month-first dates are not guessed
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a
<c,d,a
<1,03/31/2026,5
!rfm: <stdin>:2: column 'd': "03/31/2026" is not a date
? 1

### an empty customer key
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a
<c,d,a
<,2026-01-01,5
!rfm: <stdin>:2: column 'c' is empty
? 1

### a negative amount
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a
<c,d,a
<1,2026-01-01,-5
!rfm: <stdin>:2: column 'a': "-5" is negative
? 1

### a negative amount from an expression
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount 'a - 10'
<c,d,a
<1,2026-01-01,5
!rfm: <stdin>:2: measure 'a - 10' is negative (-5)
? 1

### a text amount
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a
<c,d,a
<1,2026-01-01,12x
!rfm: <stdin>:2: column 'a': "12x" is not a number
? 1

### --invalid skip with --rejects: the bad rows with their reason, a count on standard error
$ unset CRMKIT_AS_OF; rfm --customer c --date d --amount a --invalid skip --rejects rej.csv --no-segments | cut -d, -f1-5
$ cat rej.csv
<c,d,a
<1,2026-01-01,5
<2,,5
<1,2026-01-03,-1
<3,2026-01-02,x
<1,2026-01-02,7
>c,first_purchase,last_purchase,orders,revenue
>1,2026-01-01,2026-01-02,2,12
>c,d,a,error
>2,,5,column 'd' is empty
>1,2026-01-03,-1,"column 'a': ""-1"" is negative"
>3,2026-01-02,x,"column 'a': ""x"" is not a number"
!rfm: 3 rows with invalid values skipped, written to rej.csv

### --invalid keep is not taken (an invalid row has no customer row to keep)
$ unset CRMKIT_AS_OF; rfm --customer c --date d --invalid keep < /dev/null 2>&1 | head -1
>rfm: --invalid: 'keep' is not fail or skip

# ------------------------------------------------------------------
# Usage errors

### --customer and --date are required
$ unset CRMKIT_AS_OF; rfm --date d
!rfm: --customer and --date are required
!usage: rfm --customer COL --date COL [--amount MEASURE] [--as-of DATE]
!           [--date-format FMT] [--unit day|week|month] [-n N]
!           [--method quantile|ntile] [--monetary sum|mean]
!           [--segments FILE | --no-segments] [--sort]
!           [--partial | --merge] [options] [FILE ...]
!Try 'rfm --help' for more information.
? 2

### -n other than 5 needs --segments or --no-segments
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount -n 4 "$DATA/rfm_orders.csv" 2>&1 | head -1
>rfm: the default segment table needs -n 5: give --segments FILE or --no-segments

### -n must be 2..9
$ unset CRMKIT_AS_OF; rfm --customer c --date d -n 1 2>&1 | head -1
$ rfm --customer c --date d -n 10 2>&1 | head -1
$ rfm --customer c --date d -n x 2>&1 | head -1
>rfm: -n: '1' is not a number of bins from 2 to 9
>rfm: -n: '10' is not a number of bins from 2 to 9
>rfm: -n: 'x' is not a number of bins from 2 to 9

### --unit, --method, --monetary take their words only
$ unset CRMKIT_AS_OF; rfm --customer c --date d --unit year 2>&1 | head -1
$ rfm --customer c --date d --method median 2>&1 | head -1
$ rfm --customer c --date d --monetary max 2>&1 | head -1
>rfm: --unit: 'year' is not one of day, week, month
>rfm: --method: 'median' is not one of quantile, ntile
>rfm: --monetary: 'max' is not one of sum, mean

### --segments and --no-segments exclude each other
$ unset CRMKIT_AS_OF; rfm --customer c --date d --segments x.rules --no-segments 2>&1 | head -1
>rfm: --segments and --no-segments exclude each other

### an unknown column
$ unset CRMKIT_AS_OF; rfm --customer customer --date when --amount amount "$DATA/rfm_orders.csv"
!rfm: --date: unknown column 'when'
!  available columns: customer, date, amount
? 2

### an unknown column in --amount
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amont "$DATA/rfm_orders.csv"
!rfm: --amount: unknown column 'amont' in expression 'amont'
!  available columns: customer, date, amount
!  did you mean 'amount'?
? 2

### a bad --as-of
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --as-of 2026-02-30 "$DATA/rfm_orders.csv" 2>err; echo "status $?" >st; head -n 1 err; cat st
>rfm: --as-of: "2026-02-30" is not a date (write YYYY-MM-DD)
>status 2

### a bad --date-format
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --date-format %Y-%q "$DATA/rfm_orders.csv" 2>&1 | head -1
>rfm: --date-format: date format "%Y-%q": unknown conversion %q (known: %Y %m %d %H %M %S %y %%)

### a segments file that does not exist
$ unset CRMKIT_AS_OF; rfm --customer customer --date date --amount amount --segments none.rules "$DATA/rfm_orders.csv"
!rfm: none.rules: No such file or directory
? 3

### a segments file with a bad rule names its line
$ unset CRMKIT_AS_OF; printf '# scores\nTop r_score == 5\n' > bad.rules
$ rfm --customer customer --date date --amount amount --segments bad.rules "$DATA/rfm_orders.csv"
!rfm: bad.rules:2: malformed rule (expected 'LABEL: CONDITION')
? 2

### a segments file over other columns: an unknown column names its line
$ unset CRMKIT_AS_OF; printf 'Top: recency < 5\n' > other.rules
$ rfm --customer customer --date date --amount amount --segments other.rules "$DATA/rfm_orders.csv" 2>&1 | head -1
>rfm: other.rules:1: unknown column 'recency' in expression 'recency < 5'

# ------------------------------------------------------------------
# The CDNOW sample (tests/data/cdnow): x, t_x, T and m equal the
# published summary x, t_x, T, zbar for all 2,357 customers, to its two
# printed decimals (a difference of at most 0.005).

### CDNOW: the buy-till-you-die summary equals the published one
$ unset CRMKIT_AS_OF; awk 'BEGIN { print "master,customer,date,cds,dollars" } { print $1 "," $2 "," $3 "," $4 "," $5 }' "$TOP/tests/data/cdnow/CDNOW_sample.txt" > cdnow.csv
$ rfm --customer customer --date date --amount dollars --date-format %Y%m%d --as-of 1997-09-30 --unit week cdnow.csv > rfm.csv
$ awk -F, 'function off(a, b) { return a - b > 0.005 + 1e-9 || b - a > 0.005 + 1e-9 }
$   NR == FNR { if (FNR > 1) { x[$1 + 0] = $2; tx[$1 + 0] = $3; T[$1 + 0] = $4; z[$1 + 0] = $5; n++ } next }
$   FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$   { id = $1 + 0; seen++; if (!(id in x) || $c["x"] != x[id] || off($c["t_x"], tx[id]) || off($c["T"], T[id]) || off($c["m"], z[id])) { bad++; print "differs: " $0 } }
$   END { printf "%d published, %d written, %d differ\n", n, seen, bad + 0 }' "$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv" rfm.csv
>2357 published, 2357 written, 0 differ
!rfm: 1959 rows dated after the as-of date 1997-09-30 left out (holdout)

# ------------------------------------------------------------------
# Two threads (crmkit(7), CRMKIT_THREADS): a second thread splits the
# records ahead while one table takes them (rfm(1) MEMORY: no customer
# held twice).  A file of 4 MiB or more, the customers' rows all over
# it, several rows a day, amounts that binary fractions cannot hold: the
# output equals one thread's byte for byte.

### two threads give what one thread gives
$ unset CRMKIT_AS_OF; awk 'BEGIN { print "customer,date,amount,note"; for (i = 1; i <= 250000; i++) printf "c%d,2026-%02d-%02d,%.2f,some text to make the file larger\n", i % 5003, 1 + int(i / 25000), 1 + i % 3, (i % 97) / 10 + 0.01 }' > t.csv
$ rfm --customer customer --date date --amount amount t.csv > a.out; CRMKIT_THREADS=1 rfm --customer customer --date date --amount amount t.csv > b.out; cmp a.out b.out && echo same; wc -l < a.out
>same
>5004

### two threads: an invalid row late in the file is reported at its line, skipped alike
$ unset CRMKIT_AS_OF; awk 'BEGIN { print "customer,date,amount,note"; for (i = 1; i <= 250000; i++) printf "c%d,2026-%02d-%02d,%s,some text to make the file larger\n", i % 5003, 1 + int(i / 25000), 1 + i % 3, (i == 200000 ? "-1" : (i % 97) / 10 + 0.01) }' > t.csv
$ rfm --customer customer --date date --amount amount t.csv > /dev/null
$ rfm --invalid skip --customer customer --date date --amount amount t.csv > a.out; CRMKIT_THREADS=1 rfm --invalid skip --customer customer --date date --amount amount t.csv > b.out; cmp a.out b.out && echo same
!rfm: t.csv:200001: column 'amount': "-1" is negative
!rfm: 1 row with invalid values skipped
!rfm: 1 row with invalid values skipped
>same
