# report: CLI golden tests.  report_small.csv is worked by hand:
# revenue 1234567.891, 987.5, 45.25, 1235600.641 need 0, 0, 1, 0 decimals
# at 3 significant digits, so the column shows 1 (45.25 rounds half up to
# 45.3); attainment x 100 = 97.196, 110, 50, 98.01 shows 1 decimal as
# percent; 東京 is two columns wide each, so "東京 Trading" is 12 wide
# against "Anna Schröder" 13.

### text: aligned by display width, numbers right with grouping, a rule before the (all) row, no trailing spaces
$ report --percent attainment "$DATA/report_small.csv"
>rep            region  customers      revenue  attainment  last_visit
>─────────────  ──────  ─────────  ───────────  ──────────  ──────────
>Anna Schröder  Süd            20  1,234,567.9       97.2%  2026-05-04
>Jürgen Weiß    Nord            3        987.5      110.0%  2026-06-30
>東京 Trading   Ost         1,500         45.3       50.0%
>─────────────  ──────  ─────────  ───────────  ──────────  ──────────
>(all)                      1,523  1,235,600.6       98.0%

### md: a GitHub pipe table with alignment row, padded to the widths
$ report --format md --percent attainment "$DATA/report_small.csv"
>| rep           | region | customers |     revenue | attainment | last_visit |
>| :------------ | :----- | --------: | ----------: | ---------: | :--------- |
>| Anna Schröder | Süd    |        20 | 1,234,567.9 |      97.2% | 2026-05-04 |
>| Jürgen Weiß   | Nord   |         3 |       987.5 |     110.0% | 2026-06-30 |
>| 東京 Trading  | Ost    |     1,500 |        45.3 |      50.0% |            |
>| (all)         |        |     1,523 | 1,235,600.6 |      98.0% |            |

### md escapes | and markup, not an underscore inside a word
$ printf 'name,n\nA|B *x* _y_,1\n' | report --format md
>| name             |   n |
>| :--------------- | --: |
>| A\|B \*x\* \_y\_ |   1 |

### --lang de: German headers, 1.234,5 grouping, percent with a no-break space, German dates, (gesamt)
$ report --lang de --columns rep,customers,revenue,attainment,last_visit --percent attainment "$DATA/report_small.csv"
>Betreuer       Kunden       Umsatz  Zielerreichung  last_visit
>─────────────  ──────  ───────────  ──────────────  ──────────
>Anna Schröder      20  1.234.567,9          97,2 %  04.05.2026
>Jürgen Weiß         3        987,5         110,0 %  30.06.2026
>東京 Trading    1.500         45,3          50,0 %
>─────────────  ──────  ───────────  ──────────────  ──────────
>(gesamt)        1.523  1.235.600,6          98,0 %

### CRMKIT_LANG=de does the same
$ CRMKIT_LANG=de report --columns customers "$DATA/report_small.csv" | sed -n '1p;5p'
>Kunden
> 1.500

### --columns selects and orders
$ report --columns revenue,rep "$DATA/report_small.csv"
>    revenue  rep
>───────────  ─────────────
>1,234,567.9  Anna Schröder
>      987.5  Jürgen Weiß
>       45.3  東京 Trading
>───────────  ─────────────
>1,235,600.6  (all)

### --columns with an unknown column: usage error listing the columns
$ report --columns rep,revnue "$DATA/report_small.csv"
!report: --columns: unknown column 'revnue'
!  available columns: rep, region, customers, revenue, attainment, last_visit
!  did you mean 'revenue'?
? 2

### --head N: the first N rows decide the decimals, and a note says how many were left out
$ report --head 2 "$DATA/report_small.csv"
>rep            region  customers    revenue  attainment  last_visit
>─────────────  ──────  ─────────  ─────────  ──────────  ──────────
>Anna Schröder  Süd            20  1,234,568       0.972  2026-05-04
>Jürgen Weiß    Nord            3        988       1.100  2026-06-30
>… and 2 more rows (--head 2)

### --head 1 in German
$ report --lang de --head 1 --columns rep "$DATA/report_small.csv"
>Betreuer
>─────────────
>Anna Schröder
>… und 3 weitere Zeilen (--head 1)

### --head 0 shows the header and counts every row
$ report --head 0 --columns rep "$DATA/report_small.csv"
>rep
>───
>… and 4 more rows (--head 0)

### --max-width: text cut with an ellipsis, numbers and dates never
$ report --max-width 6 "$DATA/report_small.csv"
>rep     region  custo…      revenue  attai…  last_visit
>──────  ──────  ──────  ───────────  ──────  ──────────
>Anna …  Süd         20  1,234,567.9   0.972  2026-05-04
>Jürge…  Nord         3        987.5   1.100  2026-06-30
>東京 …  Ost      1,500         45.3   0.500
>──────  ──────  ──────  ───────────  ──────  ──────────
>(all)            1,523  1,235,600.6   0.980

### --percent takes patterns
$ report --percent '*ment' --columns attainment "$DATA/report_small.csv" | sed -n 3p
>     97.2%

### --precision N: N decimals in every non-integer column
$ report --precision 2 --columns customers,revenue "$DATA/report_small.csv" | sed -n 3p
>       20  1,234,567.89

### identifiers and years are not grouped; a leading zero makes a code
$ printf 'customer_id,year,zip,n\n10023,2026,01067,1234\n' | report
>customer_id  year  zip        n
>───────────  ────  ─────  ─────
>      10023  2026  01067  1,234

### a ;-separated export: decimal comma on input, English output
$ printf 'name;revenue\nA;1.234,5\nB;0,25\n' | report
>name   revenue
>────  ────────
>A     1,234.50
>B         0.25

### --decimal-point (or CRMKIT_DECIMAL=point) holds for a ;-separated table too: 1.234,5 is then text, left as written
$ printf 'name;revenue\nA;1.234,5\nB;0,25\n' > dp.csv; report --decimal-point dp.csv; CRMKIT_DECIMAL=point report dp.csv | tail -n 1
>name  revenue
>────  ───────
>A     1.234,5
>B     0,25
>B     0,25

### a line break inside a cell does not break the table
$ printf 'a,b\n"x\ny",1\n' | report
>a    b
>───  ─
>x y  1

### -H: no header line; columns are numbers, none is shown
$ printf '1,x\n22,y\n' | report -H
> 1  x
>22  y

### header-only input: the header
$ printf 'a,b\n' | report
>a  b
>─  ─

### empty input: nothing, status 0 (a quiet day)
$ printf '' | report; echo "status $?"
>status 0

### empty input in html says so
$ printf '' | report --format html --as-of 2026-01-01 | grep -c 'No data.'
>1

### several files: each under its name; --section under its title first
$ cd "$DATA" && report --columns rep --head 1 --section 'Top rep=report_small.csv' report_small.csv report_small.csv
>Top rep
>
>rep
>─────────────
>Anna Schröder
>… and 3 more rows (--head 1)
>
>report_small
>
>rep
>─────────────
>Anna Schröder
>… and 3 more rows (--head 1)
>
>report_small
>
>rep
>─────────────
>Anna Schröder
>… and 3 more rows (--head 1)

### --columns, --percent and --head apply to the sections after them
$ cd "$DATA" && report --head 1 --columns rep --section 'A=report_small.csv' --columns region --section 'B=report_small.csv'
>A
>
>rep
>─────────────
>Anna Schröder
>… and 3 more rows (--head 1)
>
>B
>
>region
>──────
>Süd
>… and 3 more rows (--head 1)

### --title and --as-of head text output
$ report --title 'Steering' --as-of 2026-06-30 --columns rep --head 0 "$DATA/report_small.csv"
>Steering
>As of 30 June 2026
>
>rep
>───
>… and 4 more rows (--head 0)

### md title with CRMKIT_AS_OF in German
$ CRMKIT_AS_OF=2026-03-01 report --format md --lang de --title 'Monat | März' --columns rep --head 0 "$DATA/report_small.csv"
># Monat \| März
>
>Stand: 1. März 2026
>
>| Betreuer |
>| :------- |
>
>… und 4 weitere Zeilen (--head 0)

### the format follows -o's extension
$ report -o out.md --columns rep --head 1 "$DATA/report_small.csv" && cat out.md
>| rep           |
>| :------------ |
>| Anna Schröder |
>
>… and 3 more rows (--head 1)

### -o is atomic: a failing run keeps the old file
$ echo old > out.txt
$ report --columns nope -o out.txt "$DATA/report_small.csv" 2>/dev/null; echo "status $?"; cat out.txt; find . -name '*crmkit*'
>status 2
>old

### -v: the as-of date and the rows of each table
$ cd "$DATA" && report -v --as-of 2026-01-02 --head 3 --columns rep report_small.csv >/dev/null
!report: as-of date 2026-01-02
!report: report_small.csv: 3 rows shown, 1 left out

### a million rows: the first --head shown, the rest counted, not held
$ awk 'BEGIN { print "id,v"; for (i = 1; i <= 1000000; i++) print "c" i "," i / 4 }' > big.csv
$ report --head 3 big.csv
>id     v
>──  ────
>c1  0.25
>c2  0.50
>c3  0.75
>… and 999,997 more rows (--head 3)

### a closed pipe ends the report quietly (status 0 with SIGPIPE ignored, else the signal's 141, as cat)
$ awk 'BEGIN { print "id"; for (i = 1; i <= 200000; i++) print "c" i }' > in.csv
$ (trap '' PIPE; report in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"); env --default-signal=PIPE report in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"
>id
>rc=0
>id
>rc=141

### usage errors: format, xlsx without -o, as-of, head, section
$ report --format pdf x.csv 2>&1 | head -n 1
$ report --format xlsx x.csv 2>&1 | head -n 1
$ report --as-of 2026-02-30 x.csv 2>&1 | head -n 1
$ CRMKIT_AS_OF=tomorrow report x.csv 2>&1 | head -n 1
$ report --head -1 x.csv 2>&1 | head -n 1
$ report --section nofile x.csv 2>&1 | head -n 1
$ report --format xlsx -o /dev/null x.csv; echo "status $?"
>report: --format: 'pdf' is not text, md, html or xlsx
>report: --format xlsx needs -o FILE
>report: --as-of: "2026-02-30" is not a date (write YYYY-MM-DD)
>report: CRMKIT_AS_OF: "tomorrow" is not a date (write YYYY-MM-DD)
>report: --head: '-1' is not a count
>report: --section: 'nofile' is not TITLE=FILE
!report: --format xlsx: -o must name a regular file
!usage: report [--format text|md|html|xlsx] [--title TEXT] [--as-of DATE]
!           [--section TITLE=FILE ...] [--chart FILE.svg ...] [--columns LIST]
!           [--head N] [--percent COLS] [--max-width N] [options] [FILE ...]
!Try 'report --help' for more information.
>status 2

### a file that cannot be read: status 3
$ report missing.csv
!report: missing.csv: cannot open: No such file or directory
? 3

### a ragged record: data error naming file and line
$ printf 'a,b\n1,2\n3\n' | report
!report: <stdin>:3: expected 2 fields, found 1
? 1

### html: every cell escaped, the page self-contained
$ report --format html --title 'Kunden <b>' --as-of 2026-06-30 -o page.html "$DATA/report_evil.csv"
$ /usr/bin/python3 "$TOP/tests/cli/report_html.py" page.html '<script>alert(1)</script>' '-x & "quoted"' '=1+1'
$ grep -c '<h1>Kunden &lt;b&gt;</h1>' page.html
$ grep -o '<td class="n">1,235</td>\|<td class="n neg">-5</td>' page.html
>ok: self-contained, no script
>ok: 3 cells shown as text
>1
><td class="n">1,235</td>
><td class="n neg">-5</td>

### html: rendered in headless Chromium, not blank, the DOM holds the table (skipped without chromium)
$ report --format html --title 'Kunden <b>' --as-of 2026-06-30 -o page.html "$DATA/report_evil.csv"
$ /usr/bin/python3 "$TOP/tests/cli/report_html.py" --render page.html | sed 's/^ok: rendered .*/ok: rendered/'
>ok: rendered
>ok: the DOM holds the table

### html: a chart is embedded without its XML prolog
$ printf '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n' > c.svg
$ report --format html --as-of 2026-06-30 --chart c.svg -o page.html "$DATA/report_small.csv"
$ grep -c '<?xml\|DOCTYPE svg' page.html; grep -o '<figure class="chart">' page.html; grep -c '<rect width="10" height="10"/></svg>' page.html
>0
><figure class="chart">
>1

### html: a chart with a script or an outside reference is refused
$ printf '<svg><script>alert(1)</script></svg>' > bad.svg
$ printf '<svg><image href="http://x/y.png"/></svg>' > far.svg
$ printf 'no chart' > none.svg
$ for c in bad far none; do report --format html --chart $c.svg -o page.html "$DATA/report_small.csv"; echo "status $?"; done; ls
!report: bad.svg: holds a script: not embedded
!report: far.svg: refers to another file or site: not embedded
!report: none.svg: holds no <svg> element: not embedded
>status 1
>status 1
>status 1
>bad.svg
>far.svg
>none.svg

### md links a chart
$ report --format md --chart 'q (1).svg' --columns rep --head 0 "$DATA/report_small.csv" | head -n 1
>![](<q (1).svg>)

### xlsx: numbers numeric, dates Excel dates, formula-looking text as text, bold frozen header, autofilter, widths
$ report --format xlsx --title Evil --as-of 2026-06-30 --percent share -o book.xlsx "$DATA/report_evil.csv"
$ /usr/bin/python3 "$TOP/tests/cli/report_xlsx.py" book.xlsx
>title: Evil
>sheet Evil: freeze A2, filter A1:D6
>header bold: True
>columns narrower than their header: none
>bold rows: none
>s:name | s:revenue | s:share | s:since
>s:<script>alert(1)</script> | n:1234.5[#,##0] | n:0.25[#,##0.0%] | d:2026-01-31[yyyy-mm-dd]
>s:=1+1 | n:-5[#,##0] | n:0.5[#,##0.0%] | d:2025-12-01[yyyy-mm-dd]
>s:@SUM(A1:A2) | n:7[#,##0] | n:1[#,##0.0%] | -
>s:-x & "quoted" | n:0[#,##0] | n:0[#,##0.0%] | d:2024-02-29[yyyy-mm-dd]
>s:+49 30 123 | n:12[#,##0] | n:0.125[#,##0.0%] | d:2026-06-30[yyyy-mm-dd]

### xlsx: a kpi --total row is bold and stays out of the autofilter, so sorting leaves it below
$ report --format xlsx --percent attainment -o t.xlsx "$DATA/report_small.csv"
$ /usr/bin/python3 "$TOP/tests/cli/report_xlsx.py" t.xlsx | sed -n '2p;5,6p;10p'
>sheet Report: freeze A2, filter A1:F4
>bold rows: 5
>s:rep | s:region | s:customers | s:revenue | s:attainment | s:last visit
>s:(all) | - | n:1523[#,##0] | n:1235600.641[#,##0.0] | n:0.9801[#,##0.0%] | -

### xlsx: sheet names Excel takes: cut with an ellipsis, unique, without []:*?/\ and quotes at the ends
$ cd "$DATA" && report --format xlsx --head 0 --section 'Steering per sales rep against targets=report_small.csv' --section 'Steering per sales rep against targets=report_small.csv' --section 'a/b [c]=report_small.csv' --section "'x'=report_small.csv" -o "$OLDPWD/n.xlsx"
$ /usr/bin/python3 "$TOP/tests/cli/report_xlsx.py" "$OLDPWD/n.xlsx" | grep '^sheet'
>sheet Steering per sales rep against…: freeze A2, filter A1:F1
>sheet Steering per sales rep aga… (2): freeze A2, filter A1:F1
>sheet a_b _c_: freeze A2, filter A1:F1
>sheet x: freeze A2, filter A1:F1

### xlsx: one sheet per table, German headers and dates, the rows --head left out noted below
$ cd "$DATA" && report --format xlsx --lang de --head 2 --columns rep,revenue,last_visit --section 'Steuerung: Nord/Süd=report_small.csv' report_small.csv -o "$OLDPWD/book.xlsx"
$ /usr/bin/python3 "$TOP/tests/cli/report_xlsx.py" "$OLDPWD/book.xlsx"
>title: None
>sheet Steuerung_ Nord_Süd: freeze A2, filter A1:C3
>header bold: True
>columns narrower than their header: none
>bold rows: none
>s:Betreuer | s:Umsatz | s:last visit
>s:Anna Schröder | n:1234567.891[#,##0] | d:2026-05-04[dd.mm.yyyy]
>s:Jürgen Weiß | n:987.5[#,##0] | d:2026-06-30[dd.mm.yyyy]
>- | - | -
>s:… und 2 weitere Zeilen (--head 2) | - | -
>sheet report_small: freeze A2, filter A1:C3
>header bold: True
>columns narrower than their header: none
>bold rows: none
>s:Betreuer | s:Umsatz | s:last visit
>s:Anna Schröder | n:1234567.891[#,##0] | d:2026-05-04[dd.mm.yyyy]
>s:Jürgen Weiß | n:987.5[#,##0] | d:2026-06-30[dd.mm.yyyy]
>- | - | -
>s:… und 2 weitere Zeilen (--head 2) | - | -

### examples/cron/monthly-report.sh: the HTML page and the workbook, named after the as-of date
$ CRMKIT_AS_OF=2026-06-30 bash "$TOP/examples/cron/monthly-report.sh" "$EXAMPLES/customers.csv" out
$ grep -c '<h2>Steering per sales rep against targets</h2>' out/sales-report-2026-06-30.html
$ /usr/bin/python3 "$TOP/tests/cli/report_xlsx.py" out/sales-report-2026-06-30.xlsx | grep '^sheet'
>out/sales-report-2026-06-30.html
>out/sales-report-2026-06-30.xlsx
>1
>sheet Steering per sales rep against…: freeze A2, filter A1:J13
>sheet Priorities_ customer value x w…: freeze A2, filter A1:E5
>sheet Treatment approaches: freeze A2, filter A1:D7
>sheet Work list_ the top 25 customers: freeze A2, filter A1:H26
>sheet Customer process: freeze A2, filter A1:E9

### examples/cron/monthly-report.sh: a failing tool fails the job, and no report is written
$ head -n 3 "$EXAMPLES/customers.csv" > bad.csv; echo 'C9,Kaputt GmbH' >> bad.csv
$ CRMKIT_AS_OF=2026-06-30 bash "$TOP/examples/cron/monthly-report.sh" bad.csv out; echo "status $?"; ls out 2>/dev/null | wc -l
!kpi: bad.csv:4: expected 23 fields, found 2
>status 1
>0

### --percent: an item that matches no column is reported (a column left out by --columns counts as matched)
$ report --percent 'attainment,atainment,*zz' --columns rep --head 0 "$DATA/report_small.csv"
>rep
>───
>… and 4 more rows (--head 0)
!report: --percent: no column matches 'atainment'
!report: --percent: no column matches '*zz'

### --chart in text: left out, with a warning
$ report --chart c.svg --columns rep --head 0 "$DATA/report_small.csv"
>rep
>───
>… and 4 more rows (--head 0)
!report: --chart: charts are shown in html and md only

### --bom starts text output with a byte-order mark, never a workbook
$ report --bom --columns rep --head 0 "$DATA/report_small.csv" | head -c 3 | od -An -tx1
$ report --bom --format xlsx -o b.xlsx "$DATA/report_small.csv"; head -c 2 b.xlsx; echo
> ef bb bf
>PK

### examples/report.sh (make demo): every section runs to the end, nothing on standard error
$ sh "$TOP/examples/report.sh" > demo.out; echo "status $?"; grep -c '^== ' demo.out
>status 0
>13
