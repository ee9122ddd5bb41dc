# The second pass of prioritize and quadrant with a data-derived split
# takes each row's values from the first pass and writes the records
# unsplit (crmkit(7), CRMKIT_REPLAY) when no row was invalid.  Each case
# compares with CRMKIT_REPLAY=0 (both passes split every record) and
# shows with -v whether the values were taken over.

### quoted fields with line breaks, doubled quotes, CRLF and a blank line pass through byte for byte
$ printf 'id,name,x,y\r\n1,"Müller, A",3,0.5\r\n\r\n2,"multi\r\nline ""q""",5,0.25\r\n3,plain,1,0.75\r\n4,"x",4,0.1\r\n' > a.csv; quadrant -v -x x -y y a.csv > a.out; CRMKIT_REPLAY=0 quadrant -x x -y y a.csv > b.out; cmp a.out b.out && echo same; od -c a.out | sed -n '3,6p'
!quadrant: as-of date 2026-12-01
!quadrant: numbers use the decimal point, as the delimiter is ','
!quadrant: x threshold 3.5 (median)
!quadrant: y threshold 0.375 (median)
!quadrant: second pass: the values of the first, rows unsplit
!quadrant: 4 rows read, 4 valid
>same
>0000040       A   "   ,   3   ,   0   .   5   ,   f   i   g   -   l   e
>0000060   a   f  \n   2   ,   "   m   u   l   t   i  \r  \n   l   i   n
>0000100   e       "   "   q   "   "   "   ,   5   ,   0   .   2   5   ,
>0000120   p   y   r   r   h   i   c  \n   3   ,   p   l   a   i   n   ,

### prioritize from standard input (spooled), decimal comma: values and expected value from the first pass
$ printf 'id;v;p\n1;1,5;0,5\n2;200;0,25\n3;300;0,75\n4;40;0,1\n' > s.csv; prioritize -v --value v --probability p --decimal-comma < s.csv; CRMKIT_REPLAY=0 prioritize --value v --probability p --decimal-comma < s.csv > b.out; prioritize --value v --probability p --decimal-comma < s.csv | cmp - b.out && echo same
!prioritize: as-of date 2026-12-01
!prioritize: numbers use the decimal comma (--decimal-comma)
!prioritize: value threshold 120 (median)
!prioritize: probability threshold 0.5 (0.5)
!prioritize: second pass: the values of the first, rows unsplit
!prioritize: 4 rows read, 4 valid
>id;v;p;priority;expected_value
>1;1,5;0,5;3;0,75
>2;200;0,25;2;50
>3;300;0,75;1;225
>4;40;0,1;4;4
>same

### prioritize --sort writes the unsplit records in priority order
$ printf 'id,note,v,p\n1,"a\nb",10,0.9\n2,x,30,0.1\n3,"""q""",20,0.6\n4,y,5,0.2\n' > t.csv; prioritize --sort --value v --probability p t.csv > a.out; CRMKIT_REPLAY=0 prioritize --sort --value v --probability p t.csv > b.out; cmp a.out b.out && echo same; cat a.out
>same
>id,note,v,p,priority,expected_value
>3,"""q""",20,0.6,1,12
>2,x,30,0.1,2,3
>1,"a
>b",10,0.9,3,9
>4,y,5,0.2,4,1

### --invalid skip with an invalid row: both passes split the records, values stay with their rows
$ printf 'id,v,p\n1,abc,0.5\n2,200,0.25\n3,300,0.75\n4,40,0.9\n' > i.csv; quadrant -v --invalid skip --rejects r.csv -x v -y p i.csv; CRMKIT_REPLAY=0 quadrant --invalid skip -x v -y p i.csv 2>/dev/null > b.out; quadrant --invalid skip -x v -y p i.csv 2>/dev/null | cmp - b.out && echo same
!quadrant: as-of date 2026-12-01
!quadrant: numbers use the decimal point, as the delimiter is ','
!quadrant: x threshold 200 (median)
!quadrant: y threshold 0.75 (median)
!quadrant: 1 row with invalid values skipped, written to r.csv
!quadrant: 4 rows read, 3 valid
>id,v,p,quadrant
>2,200,0.25,pyrrhic
>3,300,0.75,qualified
>4,40,0.9,fig-leaf
>same

### --invalid keep: the same, the invalid row gets an empty cell
$ printf 'id,v,p\n1,200,0.5\n2,,0.25\n3,300,0.75\n4,40,0.9\n' > k.csv; quadrant -v --invalid keep -x v -y p k.csv
!quadrant: as-of date 2026-12-01
!quadrant: numbers use the decimal point, as the delimiter is ','
!quadrant: x threshold 200 (median)
!quadrant: y threshold 0.75 (median)
!quadrant: 1 row with invalid values kept with empty results
!quadrant: 4 rows read, 3 valid
>id,v,p,quadrant
>1,200,0.5,pyrrhic
>2,,0.25,
>3,300,0.75,qualified
>4,40,0.9,fig-leaf

### another output delimiter, or no header: records are split again
$ printf 'id;n;v;p\n1;"a,b";7;0.5\n2;c;3;0.25\n' > d.csv; quadrant -v --decimal-point -x v -y p --output-delimiter , d.csv 2> e.txt; grep -c unsplit e.txt; printf '1,5,0.5\n2,3,0.25\n' | quadrant -v -H -x {2} -y {3} 2> e.txt; grep -c unsplit e.txt || :
>id,n,v,p,quadrant
>1,"a,b",7,0.5,qualified
>2,c,3,0.25,waste
>0
>1,5,0.5,qualified
>2,3,0.25,waste
>0

### a mean split over values the first pass keeps: the same threshold as without
$ awk 'BEGIN { print "id,v,p,note"; for (i = 1; i <= 100000; i++) print i "," (i * 7919) % 100003 / 7 ",0." i % 10 ",\"t, " i "\"" }' > m.csv; prioritize -v --value v --value-split mean --probability p m.csv 2> e.txt > a.out; sed -n 3p e.txt; CRMKIT_REPLAY=0 prioritize -v --value v --value-split mean --probability p m.csv 2> e.txt > b.out; sed -n 3p e.txt; cmp a.out b.out && echo same
# the mean checked with awk over the file: 7142.962505
>prioritize: value threshold 7142.962505 (mean)
>prioritize: value threshold 7142.962505 (mean)
>same

### a large file read in two halves, quoted records across the middle: the same as both passes split
$ awk 'BEGIN { print "id,name,revenue,target,margin,cost"; for (i = 1; i <= 150000; i++) { if (i % 9 == 0) n = "\"Name " i ",\nGmbH \"\"" i "\"\"\""; else n = "Name " i; print i "," n "," (i * 31) % 1000 + 1 "," (i * 17) % 700 + 300 "," (i * 13) % 500 "," (i * 7) % 300 + 1 } }' > h.csv; quadrant -v -x revenue/target -y margin/cost h.csv 2> e.txt > a.out; sed -n 5p e.txt; CRMKIT_REPLAY=0 quadrant -x revenue/target -y margin/cost h.csv > b.out; CRMKIT_THREADS=1 quadrant -x revenue/target -y margin/cost h.csv > c.out; cmp a.out b.out && cmp a.out c.out && echo same; wc -l < a.out
>quadrant: second pass: the values of the first, rows unsplit
>same
>166667
