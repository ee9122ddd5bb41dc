# The second thread (crmkit(7), CRMKIT_THREADS): reading ahead, and two
# halves for kpi and the first pass of two-pass runs on a regular file of
# 4 MiB or more.  Inputs of about 6 MB are generated with awk; each case
# compares the default with CRMKIT_THREADS=1 and shows the messages.

### kpi: an invalid value in the second half is reported at its line, as by one thread
$ awk 'BEGIN { print "id,g,v,note"; for (i = 1; i <= 200000; i++) print i ",g" i % 7 "," (i == 150000 ? "abc" : i % 1000) ",some text" }' > t.csv; kpi --by g 'n=count()' 's=sum(v)' t.csv > a.out; echo "rc=$?"; CRMKIT_THREADS=1 kpi --by g 'n=count()' 's=sum(v)' t.csv > b.out; echo "rc=$?"; cmp a.out b.out && echo same
!kpi: t.csv:150001: column 'v': "abc" is not a number
!kpi: t.csv:150001: column 'v': "abc" is not a number
>rc=1
>rc=1
>same

### kpi --invalid skip: the row of the second half goes to --rejects, the figures match one thread
# g1 checked with awk: 28572 rows, sum 14271714, type-7 median 499.5
$ awk 'BEGIN { print "id,g,v,note"; for (i = 1; i <= 200000; i++) print i ",g" i % 7 "," (i == 150000 ? "abc" : i % 1000) ",some text" }' > t.csv; kpi --invalid skip --rejects r1.csv --by g 'n=count()' 's=sum(v)' 'm=median(v)' t.csv > a.out 2>/dev/null; CRMKIT_THREADS=1 kpi --invalid skip --rejects r2.csv --by g 'n=count()' 's=sum(v)' 'm=median(v)' t.csv > b.out 2>/dev/null; cmp a.out b.out && cmp r1.csv r2.csv && echo same; cat r1.csv; head -3 a.out
>same
>id,g,v,note,error
>150000,g4,abc,some text,"column 'v': ""abc"" is not a number"
>g,n,s,m
>g1,28572,14271714,499.5
>g2,28572,14272286,500

### a quoted field with line breaks across the middle: the halves do not join, the result is one pass's
$ awk 'BEGIN { print "id,v,p,note"; for (i = 1; i <= 200000; i++) { if (i == 100000) { printf "%d,5,0.5,\"", i; for (k = 0; k < 20000; k++) print "line " k ", inside"; print "end\"" } else print i "," i % 1000 ",0." i % 10 ",text" } }' > q.csv; quadrant -x v -y p q.csv > a.out; CRMKIT_THREADS=1 quadrant -x v -y p q.csv > b.out; cmp a.out b.out && echo same; kpi 'n=count()' 'l=max(id)' q.csv; wc -l < a.out
>same
>n,l
>200000,200000
>220001

### prioritize: a bad quote far into the input is reported at its line, after the rows before it
# (the header and the 289,999 rows before it are written)
$ awk 'BEGIN { print "id,v,p"; for (i = 1; i <= 300000; i++) print i "," i % 1000 "," (i == 290000 ? "0.5\"x" : "0.5") }' > b.csv; prioritize --value v --probability p --value-split 500 b.csv | wc -l; CRMKIT_THREADS=1 prioritize --value v --probability p --value-split 500 b.csv | wc -l
!prioritize: b.csv:290001: bare quote in unquoted field
!prioritize: b.csv:290001: bare quote in unquoted field
>290000
>290000
