# Dates in expressions (SPEC 2 "Dates"), --as-of and --date-format.
# run.sh sets CRMKIT_AS_OF=2026-12-01.  Figures over examples/ were
# computed with Python's csv and datetime (date.fromisoformat,
# strptime('%d.%m.%Y %H:%M'), subtraction of dates).

### kpi: min, max, distinct and count of dates print as dates, by region
$ kpi --by region 'last=max(date(last_purchase))' 'first=min(date(last_purchase))' 'days=distinct(date(last_purchase))' 'contracts=count(date(contract_end))' 'next_end=min(date(contract_end))' 'expired=count_if(date(contract_end) < today())' 'recent=count_if(days(date(last_purchase), today()) <= 90)' "$EXAMPLES/customers.csv"
>region,last,first,days,contracts,next_end,expired,recent
>West,2026-09-22,2024-02-19,103,90,2026-07-05,12,4
>Nord,2026-09-19,2024-05-18,66,53,2026-07-27,3,4
>Österreich,2026-09-24,2024-03-02,48,42,2026-07-04,4,4
>Mitte,2026-09-18,2024-03-09,91,85,2026-07-21,6,1
>Süd,2026-09-29,2024-02-05,73,62,2026-07-02,9,4
>Schweiz,2026-09-22,2024-07-22,54,47,2026-07-17,4,3
>Ost,2026-08-17,2024-01-19,42,35,2026-08-31,4,0

### kpi on German dates and date-times: date - date is fractional days
$ kpi -d ';' --decimal-comma 'n=count(date(phase_entered))' 'latest=max(date(phase_entered))' 'first=min(date(phase_entered))' 'end=max(date(contract_end))' 'in_phase=round(mean(today() - date(phase_entered)), 4)' "$EXAMPLES/customers_de.csv"
>n;latest;first;end;in_phase
>495;2026-09-30T16:07:00;2025-04-10T13:29:00;2029-09-29;330,4056

### --as-of moves today(); a date-time as-of gives fractional ages
$ printf 'd\n2026-03-15\n' > a.csv; kpi --as-of 2026-03-20 'age=max(days(date(d), today()))' a.csv; kpi --as-of 2026-03-20T18:00 'age=max(today() - date(d))' a.csv; CRMKIT_AS_OF=2026-04-15 kpi 'm=max(months(date(d), today()))' a.csv
>age
>5
>age
>5.75
>m
>1

### date arithmetic, fields and comparisons with literals
$ printf 'd\n2027-01-01\n' > a.csv; kpi 'plus=max(date(d) + 31)' 'minus=min(date(d) - 1)' 'y=max(year(date(d)))' 'q=max(quarter(date(d)))' 'm=max(month(date(d)))' 'w=max(week(date(d)))' 'wd=max(weekday(date(d)))' 'new=count_if(date(d) >= "2026-12-31")' a.csv
>plus,minus,y,q,m,w,wd,new
>2027-02-01,2026-12-31,2027,1,1,53,5,1

### segment rules on dates (recency against the as-of date)
$ printf 'id,lp\n1,2026-11-20\n2,2026-06-01\n3,\n' | segment --rule 'recent: date(lp) >= today() - 30' --rule 'lapsed: date(lp) < today() - 30' --rule 'unknown: 1'
>id,lp,segment
>1,2026-11-20,recent
>2,2026-06-01,lapsed
>3,,unknown

### segment(1) example: recency bins equal bins of the ages Python computed
$ segment --bins 'days(date(last_purchase), today())' --reverse -n 5 --as-of 2026-12-01 "$EXAMPLES/customers.csv" | awk -F, '{ print $1 "," $NF }' | tail -n +2 > got.txt; segment --bins age --reverse -n 5 "$DATA/dates_age.csv" | cut -d, -f1,3 | tail -n +2 | diff - got.txt && echo same; head -n 2 got.txt
>same
>C000001,2
>C000002,4

### --date-format reads other forms; CRMKIT_DATE_FORMAT does the same
$ printf 'd\n03/15/2026\n12/01/2026\n' > us.csv; kpi --date-format '%m/%d/%Y' 'x=max(date(d))' 'y=min(date(d))' us.csv; CRMKIT_DATE_FORMAT='%m/%d/%Y' kpi 'x=count_if(date(d) == "03/15/2026")' us.csv
>x,y
>2026-12-01,2026-03-15
>x
>1

### -v names the as-of date
$ printf 'd\n1\n' | kpi -v --as-of 1.12.2025 'n=count()'
>n
>1
!kpi: as-of date 2025-12-01
!kpi: numbers use the decimal point, as the delimiter is ','
!kpi: 1 rows read, 1 aggregated, 1 group, 1 aggregate per group

### a field that is no date is a data error naming file, line and column
$ printf 'id,d\n1,2026-03-15\n2,2026-02-30\n' > bad.csv; kpi 'x=max(date(d))' bad.csv
!kpi: bad.csv:3: column 'd': "2026-02-30" is not a date
? 1

### a date read where a number is wanted: the message says to write date()
$ printf 'id,Letzter Kauf,last\n1,03.02.2026,2026-02-03\n' > d.csv; kpi 'x=max({Letzter Kauf})' d.csv; kpi 'y=min(last)' d.csv
!kpi: d.csv:2: column 'Letzter Kauf': "03.02.2026" is not a number (it is a date: write date({Letzter Kauf}))
!kpi: d.csv:2: column 'last': "2026-02-03" is not a number (it is a date: write date(last))
? 1

### ... and with --invalid skip the row is left out and counted
$ printf 'id,d\n1,2026-03-15\n2,31.2.2026\n' | segment --invalid skip --rule 'old: date(d) < "2026-06-01"' --rule 'new: 1'
>id,d,segment
>1,2026-03-15,old
!segment: 1 row with invalid values skipped

### an empty date is missing: comparisons are false, count skips it
$ printf 'd,x\n2026-01-01,1\n,2\n' | kpi 'n=count(date(d))' 'rows=count()' 'before=count_if(not date(d) < "2026-06-01")'
>n,rows,before
>1,2,1

### sum of a date is a usage error at compile time
$ printf 'd\n2026-01-01\n' | kpi 'x=sum(date(d))'
!kpi: metric 'x': sum() of a date is not defined
!  sum(date(d))
!  ^
!  dates take min, max, count and distinct; for an average age write e.g. mean(days(date(x), today()))
? 2

### mixing dates and numbers otherwise is a usage error
$ printf 'd,n\n2026-01-01,3\n' | kpi 'x=max(date(d) * 2)'
!kpi: metric 'x': a date * a number is not defined
!  max(date(d) * 2)
!              ^
!  a date takes only + and - a number of days, date - date (days) and comparisons
? 2

### a date compared with a bare column suggests date()
$ printf 'd,e\n2026-01-01,2026-02-01\n' | segment --rule 'x: date(d) < e' --rule 'y: 1'
!segment: --rule 'x: date(d) < e': a comparison with a date needs a date here, not a column
!  date(d) < e
!            ^
!  write date(e) to read the column as a date
? 2

### a literal that is no date
$ printf 'd\n2026-01-01\n' | segment --rule 'x: date(d) < "2026-02-30"' --rule 'y: 1'
!segment: --rule 'x: date(d) < "2026-02-30"': "2026-02-30" is not a date (a comparison with a date)
!  date(d) < "2026-02-30"
!            ^
!  write dates as YYYY-MM-DD
? 2

### a date measure in a row tool is a usage error
$ printf 'd,p\n2026-01-01,0.5\n' | prioritize --value 'date(d)' --probability p 2>&1 | head -n 2
>prioritize: measure 'date(d)' is a date, not a number
>  for its age in days write days(date(d), today())

### bad --as-of, CRMKIT_AS_OF and --date-format are usage errors
$ printf 'd\n1\n' > one.csv; kpi --as-of 2026-13-01 'n=count()' one.csv 2>&1 | head -n 1; CRMKIT_AS_OF=soon kpi 'n=count()' one.csv 2>&1 | head -n 1; kpi --date-format '%Y-%q' 'n=count()' one.csv 2>&1 | head -n 1; kpi --as-of 2026-13-01 'n=count()' one.csv 2>/dev/null
>kpi: --as-of: "2026-13-01" is not a date (write YYYY-MM-DD)
>kpi: CRMKIT_AS_OF: "soon" is not a date (write YYYY-MM-DD)
>kpi: --date-format: date format "%Y-%q": unknown conversion %q (known: %Y %m %d %H %M %S %y %%)
? 2

### a column name with spaces written bare: the message suggests braces
$ printf 'id,Umsatz Vorjahr\n1,5\n' | prioritize --value 'Umsatz Vorjahr' --probability 0.5
!prioritize: syntax error in expression: unexpected 'Vorjahr'
!  Umsatz Vorjahr
!         ^
!  a column name holding spaces goes in braces: {Umsatz Vorjahr}
? 2

### text compared bare: the message suggests quoting it
$ printf 'id,region\n1,Nord\n' | segment --rule 'n: region == Nord' --rule 'x: 1'
!segment: --rule 'n: region == Nord': unknown column 'Nord' in expression 'region == Nord'
!  available columns: id, region
!  to compare with the text Nord, quote it: region == "Nord"
? 2

### under --decimal-comma, 100.000 in an expression is ambiguous
$ segment -d ';' --decimal-comma --rule 'gross: revenue > 100.000' --rule 'x: 1' "$EXAMPLES/customers_de.csv"
!segment: --rule 'gross: revenue > 100.000': number 100.000 is ambiguous under --decimal-comma
!  revenue > 100.000
!            ^
!  literals always use '.' as the decimal point: write 100000 for a hundred thousand, 100.0 for a hundred
? 2

### ... while 100000 and 100.0 are fine, and differ
$ segment -d ';' --decimal-comma --rule 'gross: revenue > 100000' --rule 'x: 1' "$EXAMPLES/customers_de.csv" | awk -F';' 'NR > 1 && $NF == "gross"' | wc -l; segment -d ';' --decimal-comma --rule 'gross: revenue > 100.0' --rule 'x: 1' "$EXAMPLES/customers_de.csv" | awk -F';' 'NR > 1 && $NF == "gross"' | wc -l
>72
>500

### kpi metric names are any text without = and /
$ printf 'revenue\n10\n5\n' | kpi 'Umsatz Summe=sum(revenue)' ' Ø Umsatz = mean(revenue)'
>Umsatz Summe,Ø Umsatz
>15,7.5

### an operand with a / before = is a file
$ kpi 'n=count()' ./no/such=file.csv 2>&1 | sed 's/:.*//' | head -n 1
>kpi
