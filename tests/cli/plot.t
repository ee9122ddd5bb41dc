# plot: charts as SVG and PNG (SPEC 3 "plot").
#
# texts: the text elements of an SVG, one a line.  The figures below were
# computed apart from crmkit:
#   examples/customers.csv, x = revenue/target, y = margin/cost: medians
#   0.98970 and 3.36507 (Python's statistics.median); waste 119, fig-leaf
#   131, pyrrhic 131, qualified 119 of 500 (23.8 %, 26.2 %).
#   quadrant_basic.csv (see quadrant.t): medians 0.95 and 1.75; waste K4
#   K6, fig-leaf K2, pyrrhic K3, qualified K1 K5.
#   plot_pareto.csv: 50 30 10 5 5 (total 100) sorted; shares before each
#   row 0, 0.5, 0.8, 0.9, 0.95: A A B B C, A holds 80 %, B 15 %, C 5 %.
#   plot_funnel.csv: reached 500 440 360 265 225 200 150 80: 440/500 =
#   88.0 %, 360/440 = 81.8 %, 80/500 = 16.0 %, 80/150 = 53.3 %.

### quadrant: valid SVG 1.1, the same bytes on every run
$ plot quadrant -x revenue/target -y margin/cost "$EXAMPLES/customers.csv" > a.svg
$ plot quadrant -x revenue/target -y margin/cost -o b.svg "$EXAMPLES/customers.csv"
$ xmllint --noout a.svg && cmp a.svg b.svg && echo same
$ head -c 160 a.svg; echo
$ grep -c 'xlink\|href\|<image\|<script' a.svg
>same
><?xml version="1.0" encoding="UTF-8" standalone="no"?>
><svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="800" height="600" viewBox="0 0 800 600" font
>0
? 1

### quadrant: the four labels with their counts (every row) and the thresholds
$ plot quadrant -x revenue/target -y margin/cost "$EXAMPLES/customers.csv" | sed -n 's/.*>\([^<]*\)<\/text>$/\1/p' | grep -v '^[0-9.,-]*$'
>Effectiveness and efficiency of customer management
>effectiveness: revenue/target (threshold 0.99, median)
>efficiency: margin/cost (threshold 3.37, median)
>waste
>119 customers (23.8%)
>pyrrhic
>131 customers (26.2%)
>fig-leaf
>131 customers (26.2%)
>qualified
>119 customers (23.8%)

### quadrant --lang de: the seed's labels, German numbers
$ plot quadrant -x revenue/target -y margin/cost --lang de "$EXAMPLES/customers.csv" | sed -n 's/.*>\([^<]*\)<\/text>$/\1/p' | grep -v '^[0-9.,-]*$' | sed 's/\xc2\xa0/_/g'
>Effektivität und Wirtschaftlichkeit des Kundenmanagements
>Effektivität: revenue/target (Schwelle 0,99, median)
>Wirtschaftlichkeit: margin/cost (Schwelle 3,37, median)
>Ressourcenverschwendung
>119 Kunden (23,8_%)
>Pyrrhussieg
>131 Kunden (26,2_%)
>Feigenblatt
>131 Kunden (26,2_%)
>Qualifiziertes Kundenmanagement
>119 Kunden (23,8_%)

### quadrant on a small file: counts and absolute splits
$ plot quadrant -x revenue/target -y margin/cost "$DATA/quadrant_basic.csv" | grep -o '>[0-9] customers\? ([0-9.]*%)<'
$ plot quadrant -x revenue/target -y margin/cost --x-split 1 --y-split 3 "$DATA/quadrant_basic.csv" | grep -o '>[^<]*threshold[^<]*<\|>[0-9] customers\? ([0-9.]*%)<'
>>2 customers (33.3%)<
>>1 customer (16.7%)<
>>1 customer (16.7%)<
>>2 customers (33.3%)<
>>effectiveness: revenue/target (threshold 1)<
>>efficiency: margin/cost (threshold 3)<
>>2 customers (33.3%)<
>>1 customer (16.7%)<
>>1 customer (16.7%)<
>>2 customers (33.3%)<

### quadrant --decimal-comma: a number split is the threshold, written as German numbers are
$ plot quadrant --decimal-comma --lang de -x revenue/target -y margin/cost --x-split 0,95 "$EXAMPLES/customers_de.csv" | grep -o '>[^<]*Schwelle[^<]*<'
>>Effektivität: revenue/target (Schwelle 0,95)<
>>Wirtschaftlichkeit: margin/cost (Schwelle 3,37, median)<

### quadrant --max-points: points for at most N rows, counts for all; thinning is deterministic
$ plot quadrant -x 1 -y 1 --x-split 0 --y-split 0 "$EXAMPLES/customers.csv" > all.svg
$ plot quadrant -x 1 -y 1 --x-split 0 --y-split 0 --max-points 10 "$EXAMPLES/customers.csv" > ten.svg
$ plot quadrant -x 1 -y 1 --x-split 0 --y-split 0 --max-points 10 "$EXAMPLES/customers.csv" | cmp - ten.svg && echo same
$ grep -o ' 0 1 0 -6.4 0' all.svg | wc -l; grep -o ' 0 1 0 -6.4 0' ten.svg | wc -l
$ grep -o '>500 customers (100.0%)<' ten.svg
$ plot quadrant -x 1 -y 1 --x-split 0 --y-split 0 --max-points 0 "$EXAMPLES/customers.csv" | grep -c ' 0 1 0 -6.4 0'
>same
>500
>10
>>500 customers (100.0%)<
>0
? 1

### quadrant --label: names of points where they fit, never overlapping, escaped
$ printf 'name,x,y\n<b>&Co,1,1\nB,2,2\nC,3,3\n' | plot quadrant -x x -y y --label name > l.svg
$ xmllint --noout l.svg && grep -o '>&lt;b&gt;&amp;Co<' l.svg
>>&lt;b&gt;&amp;Co<

### zero rows: a chart that says no data, exit 0
$ head -1 "$DATA/quadrant_basic.csv" | plot quadrant -x revenue/target -y margin/cost > e.svg
$ xmllint --noout e.svg && grep -o '>no data<' e.svg
$ head -1 "$DATA/quadrant_basic.csv" | plot quadrant -x revenue/target -y margin/cost --lang de | grep -o '>keine Daten<'
$ head -1 "$DATA/plot_pareto.csv" | plot pareto --value v | grep -o '>no data<'
$ head -1 "$DATA/plot_funnel.csv" | plot funnel | grep -o '>no data<'
$ printf 'rep,a\n' | plot bars --category rep --value a | grep -o '>no data<'
>>no data<
>>keine Daten<
>>no data<
>>no data<
>>no data<

### --title, --width, --height
$ plot pareto --value v --title 'Umsatz & Kunden' --width 500 --height 300.5 "$DATA/plot_pareto.csv" | grep -o '<svg[^>]*height="300.5"\|<title>[^<]*</title>'
$ plot pareto --value v --title '' "$DATA/plot_pareto.csv" | grep -c '<title>'
><svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="500" height="300.5"
><title>Umsatz &amp; Kunden</title>
>0
? 1

### bars: one bar per row of kpi's output with its target mark
$ kpi --by rep --preset steering --targets "$EXAMPLES/targets.csv" "$EXAMPLES/customers.csv" > k.csv
$ plot bars --category rep --value attainment --target attainment_target k.csv > bars.svg
$ xmllint --noout bars.svg && grep -c 'fill="#4393c3"' bars.svg
$ grep -c 'stroke="#000000" stroke-width="3"' bars.svg
$ grep -o '>attainment by rep<\|>Jürgen Weiß<\|>Elif Demir<' bars.svg
>13
>13
>>attainment by rep<
>>attainment by rep<
>>Elif Demir<
>>Jürgen Weiß<

### bars --sort: largest first; --max-bars keeps the largest and says how many are left out
$ printf 'rep,v,t\nA,10,12\nB,30,\nC,20,20\nD,5,1\n' > s.csv
$ plot bars --category rep --value v --sort s.csv | sed -n 's/.*>\([A-D]\)<\/text>$/\1/p' | tr -d '\n'; echo
$ plot bars --category rep --value v --sort --max-bars 2 s.csv | sed -n 's/.*>\([A-D]\|[^<]*not shown\)<\/text>$/\1/p'
$ plot bars --category rep --value v --target t s.csv | grep -c 'stroke="#000000" stroke-width="3"'
$ plot bars --category rep --value v --lang de --max-bars 1 s.csv | grep -o '>[^<]*nicht gezeigt<'
>BCAD
>B
>C
>2 more rows not shown
>4
>>3 weitere Zeilen nicht gezeigt<

### pareto: the classes of segment --abc, their shares, the cut lines
$ plot pareto --value v "$DATA/plot_pareto.csv" > p.svg
$ xmllint --noout p.svg && grep 'font-weight="bold"' p.svg | sed -n 's/.*>\([^<]*\)<\/text>$/\1/p'
$ grep -o '>[ABC]: [^<]*<' p.svg | tr -d '<>'
>ABC analysis: v
>80%
>95%
>A
>B
>C
>A: 2 customers (40.0%), 80.0% of the total
>B: 2 customers (40.0%), 15.0% of the total
>C: 1 customer (20.0%), 5.0% of the total

### pareto on the examples, in German (215, 164, 121 rows; 80.1 %, 15.0 %, 5.0 %)
$ plot pareto --value revenue --lang de "$EXAMPLES/customers.csv" | grep -o '>[ABC]: [^<]*<' | sed 's/\xc2\xa0/_/g'
>>A: 215 Kunden (43,0_%), 80,1_% der Summe<
>>B: 164 Kunden (32,8_%), 15,0_% der Summe<
>>C: 121 Kunden (24,2_%), 5,0_% der Summe<

### pareto: a negative value is invalid, as in segment --abc
$ printf 'id,v\na,5\nb,-1\nc,\n' | plot pareto --value v --invalid skip | grep -o '>A: [^<]*<'
$ printf 'id,v\na,5\nb,-1\n' | plot pareto --value v
!plot: 2 rows with invalid values skipped
!plot: <stdin>:3: column 'v': "-1" is negative
>>A: 1 customer (100.0%), 100.0% of the total<
? 1

### funnel: reached per phase, conversion from the first and the previous phase
$ plot funnel "$DATA/plot_funnel.csv" > f.svg
$ xmllint --noout f.svg && grep -o '>address<\|>rebuy<\|>500 (100.0%)<\|>440 (88.0%)<\|>80 (16.0%)<\|>↓ [0-9.]*%<' f.svg | tr -d '<>' | tr '\n' ' '; echo
>address rebuy 500 (100.0%) 440 (88.0%) ↓ 88.0% ↓ 81.8% ↓ 73.6% ↓ 84.9% ↓ 88.9% ↓ 75.0% 80 (16.0%) ↓ 53.3% 

### funnel with a group column: one funnel per group, groups named
$ plot funnel --lang de < "$DATA/plot_funnel_groups.csv" | grep -o '>Nord<\|>Süd, Bayern<\|>195 (97,5[^<]*<\|>ansprechen<' | sed 's/\xc2\xa0/_/g'
>>ansprechen<
>>Nord<
>>Süd, Bayern<
>>195 (97,5_%)<

### --format png: a PNG of the chart, decoded and not blank
$ plot pareto --value revenue --format png "$EXAMPLES/customers.csv" > p.png
$ plot quadrant -x revenue/target -y margin/cost -o q.png "$EXAMPLES/customers.csv"
$ cat > png.py <<'EOF'
$ import struct, sys, zlib
$ for name in sys.argv[1:]:
$     d = open(name, 'rb').read()
$     assert d[:8] == b'\x89PNG\r\n\x1a\n', 'no PNG signature'
$     pos, idat = 8, b''
$     while pos < len(d):
$         n, kind = struct.unpack('>I4s', d[pos:pos + 8])
$         body = d[pos + 8:pos + 8 + n]
$         if kind == b'IHDR':
$             w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
$         elif kind == b'IDAT':
$             idat += body
$         pos += 12 + n
$     raw = zlib.decompress(idat)
$     bpp = {2: 3, 6: 4}[ctype]
$     stride = w * bpp + 1
$     prev = bytearray(w * bpp)
$     dark = 0
$     for y in range(h):
$         f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
$         for i in range(len(line)):
$             a = line[i - bpp] if i >= bpp else 0
$             b = prev[i]
$             c = prev[i - bpp] if i >= bpp else 0
$             if f == 1: line[i] = (line[i] + a) & 255
$             elif f == 2: line[i] = (line[i] + b) & 255
$             elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
$             elif f == 4:
$                 p = a + b - c
$                 pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
$                 line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
$         dark += sum(1 for x in range(w) if max(line[x * bpp:x * bpp + 3]) < 128)
$         prev = line
$     print(name, w, h, depth, 'dark' if 0.01 < dark / (w * h) < 0.8 else 'blank-or-full')
$ EOF
$ /usr/bin/python3 png.py p.png q.png
>p.png 800 600 8 dark
>q.png 800 600 8 dark

### -o FILE.png writes PNG; a failing run leaves an old -o FILE as it was
$ plot pareto --value v -o out.png "$DATA/plot_pareto.csv" && head -c 4 out.png | od -An -c | tr -d ' '
$ echo old > keep.svg
$ cp "$DATA/plot_bad.csv" . && plot quadrant -x revenue/target -y margin/cost -o keep.svg plot_bad.csv; echo "status $?"; cat keep.svg; ls -A | grep -c crmkit || true
!plot: plot_bad.csv:3: column 'revenue': "12x" is not a number
>211PNG
>status 1
>old
>0

### --bom and --crlf shape CSV only: a chart starts as it must
$ plot pareto --value v --bom --crlf --format png "$DATA/plot_pareto.csv" | head -c 4 | od -An -c | tr -d ' '
$ plot pareto --value v --bom "$DATA/plot_pareto.csv" | head -c 5
$ plot pareto --value v --crlf "$DATA/plot_pareto.csv" | grep -c $'\r'
>211PNG
><?xml0
? 1

### --invalid skip: the row is left out of counts and said on standard error
$ cp "$DATA/plot_bad.csv" . && plot quadrant -x revenue/target -y margin/cost --x-split 1 --y-split 1 --invalid skip plot_bad.csv | grep -o '>[0-9] customers\? ([0-9.]*%)<'
!plot: 1 row with invalid values skipped
>>0 customers (0.0%)<
>>1 customer (50.0%)<
>>0 customers (0.0%)<
>>1 customer (50.0%)<

### errors: chart kinds
$ plot
!plot: give a chart kind: quadrant, bars, funnel or pareto
!usage: plot quadrant|bars|funnel|pareto [options] [FILE ...]
!Try 'plot --help' for more information.
? 2

### ... an unknown kind, with a suggestion when one is near
$ plot quadrnt -x a -y b; plot pie
!plot: unknown chart kind 'quadrnt' (did you mean 'quadrant'?)
!usage: plot quadrant|bars|funnel|pareto [options] [FILE ...]
!Try 'plot --help' for more information.
!plot: unknown chart kind 'pie' (use quadrant, bars, funnel or pareto)
!usage: plot quadrant|bars|funnel|pareto [options] [FILE ...]
!Try 'plot --help' for more information.
? 2

### ... an option of another kind, a missing measure
$ plot pareto --value v --x-split 1 "$DATA/plot_pareto.csv" 2>&1 | head -1
$ plot bars --value v "$DATA/plot_pareto.csv" 2>&1 | head -1
$ plot quadrant -x v "$DATA/plot_pareto.csv" 2>&1 | head -1
>plot: unknown option '--x-split'
>plot: --category and --value are required
>plot: -x and -y are required

### ... bad option values
$ plot quadrant -x v -y v --width 0 2>&1 | head -1
$ plot quadrant -x v -y v --height 2e5 2>&1 | head -1
$ plot quadrant -x v -y v --format gif 2>&1 | head -1
$ plot quadrant -x v -y v --max-points -1 2>&1 | head -1
$ plot quadrant -x v -y v --x-split middle 2>&1 | head -1
$ plot bars --category id --value v --max-bars 0 2>&1 | head -1
$ plot bars --category id --value v --max-bars 1001 2>&1 | head -1
>plot: --width: '0' is not a size in px from 1 to 20000
>plot: --height: '2e5' is not a size in px from 1 to 20000
>plot: --format: 'gif' is not svg or png
>plot: --max-points: '-1' is not a count from 0 to 1000000
>plot: --x-split: 'middle' is not a split (a number, median, mean or pNN)
>plot: --max-bars: at least one bar
>plot: --max-bars: '1001' is not a count from 0 to 1000

### ... unknown columns, as every tool reports them
$ plot bars --category rp --value revenue "$DATA/quadrant_basic.csv" 2>&1 | head -1
$ plot funnel "$DATA/quadrant_basic.csv" 2>&1 | head -1
$ plot quadrant -x revenue/target -y margin/cost --label nme "$DATA/quadrant_basic.csv"
!plot: --label: unknown column 'nme'
!  available columns: customer, revenue, target, margin, cost
>plot: --category: unknown column 'rp'
>plot: unknown column 'reached' in expression 'reached'
? 2

### ... a bad number, a bad target
$ cp "$DATA/plot_bad.csv" . && plot bars --category customer --value revenue plot_bad.csv
$ printf 'r,v,t\nA,1,x\n' | plot bars --category r --value v --target t
!plot: plot_bad.csv:3: column 'revenue': "12x" is not a number
!plot: <stdin>:2: column 't': "x" is not a number
? 1

### --help per kind
$ plot bars --help | head -1; plot --help | head -1
>usage: plot bars --category COL --value MEASURE [--target MEASURE]
>usage: plot quadrant|bars|funnel|pareto [options] [FILE ...]

### bars --lang de: known columns get their German names in the title and legend
$ printf 'rep,attainment,attainment_target\nA,0.9,1\nB,1.1,1\n' | plot bars --category rep --value attainment --target attainment_target --lang de | grep -o 'Zielerreichung[^<]*' | sort -u
>Zielerreichung
>Zielerreichung (Soll)
>Zielerreichung nach Betreuer
