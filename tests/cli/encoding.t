# Encodings (crmkit(7) ENCODINGS) and the decimal convention of option
# values and of -v (crmkit(7) NUMBERS).  Files with cp1252 bytes are made
# here with printf; the large ones with awk, so that the bad byte lies
# past the first 64 KiB that every tool checks.

### a cp1252 umlaut in the header is a data error naming line 1 and suggesting --encoding
$ printf 'Gesch\344ftsf\374hrer,v\nA,1\n' | kpi 'n=count()'
!kpi: <stdin>:1: invalid UTF-8 (byte 0xE4); is the file cp1252? try --encoding cp1252
? 1

### a cp1252 umlaut in row 2: the data error names line 2
$ printf 'name,v\nM\344rz,1\n' | prioritize --value v --probability 1 --value-split 0
>name,v,priority,expected_value
!prioritize: <stdin>:2: invalid UTF-8 (byte 0xE4); is the file cp1252? try --encoding cp1252
? 1

### the same with --encoding cp1252: converted, it reads
$ printf 'name,v\nM\344rz,1\n' | prioritize --value v --probability 1 --value-split 0 --encoding cp1252
>name,v,priority,expected_value
>März,1,1,1

### a line break in a quoted field counts: the line named is the bad byte's
$ printf 'name,v\n"a\nb\nM\344rz",1\n' | kpi 'n=count()'
!kpi: <stdin>:4: invalid UTF-8 (byte 0xE4); is the file cp1252? try --encoding cp1252
? 1

### overlong forms, surrogates and code points above U+10FFFF are invalid UTF-8
$ printf 'a\n\300\200\n' | kpi 'n=count()'
$ printf 'a\n\355\240\200\n' | kpi 'n=count()'
$ printf 'a\n\364\220\200\200\n' | kpi 'n=count()'
!kpi: <stdin>:2: invalid UTF-8 (byte 0xC0); is the file cp1252? try --encoding cp1252
!kpi: <stdin>:2: invalid UTF-8 (byte 0xED); is the file cp1252? try --encoding cp1252
!kpi: <stdin>:2: invalid UTF-8 (byte 0xF4); is the file cp1252? try --encoding cp1252
? 1

### a UTF-8 file with a BOM read with --encoding cp1252 is a usage error
$ printf '\357\273\277name,v\nM\303\244rz,1\n' | kpi --encoding cp1252 'n=count()' 2>&1 | head -n 1
>kpi: <stdin> starts with a UTF-8 byte-order mark: it is UTF-8, not cp1252 (drop --encoding)

### UTF-16 is converted, so it is UTF-8 whatever it holds (M\344rz as UTF-16LE)
$ printf '\377\376n\000a\000m\000e\000\n\000M\000\344\000r\000z\000\n\000' | kpi --by name 'n=count()'
>name,n
>März,1

### past the first 64 KiB a cp1252 byte that is only passed through is not checked: it passes through untouched (70000 lines before it)
$ { printf 'id,v\n'; awk 'BEGIN { for (i = 2; i < 70000; i++) print i ",1" }'; printf 'M\344rz,2\n'; } > late.csv
$ prioritize --value v --probability 1 --value-split 0 late.csv | tail -n 1 | od -An -c -w200 | tr -s ' '
> M 344 r z , 2 , 1 , 2 \n

### --bom never stands in front of unchecked bytes: with it every record is checked
$ { printf 'id,v\n'; awk 'BEGIN { for (i = 2; i < 70000; i++) print i ",1" }'; printf 'M\344rz,2\n'; } > late.csv
$ prioritize --value v --probability 1 --value-split 0 --bom late.csv > /dev/null
!prioritize: late.csv:70000: invalid UTF-8 (byte 0xE4); is the file cp1252? try --encoding cp1252
? 1

### --bom with --encoding cp1252: converted input is UTF-8, the BOM is written
$ printf 'name,v\nM\344rz,1\n' | prioritize --value v --probability 1 --value-split 0 --bom --encoding cp1252 | od -An -c -w200 | tr -s ' '
> 357 273 277 n a m e , v , p r i o r i t y , e x p e c t e d _ v a l u e \n M 303 244 r z , 1 , 1 , 1 \n

### kpi --by: a cp1252 key past the first 64 KiB is a data error naming its line (70000 Meier rows before it)
$ { printf 'rep,v\n'; awk 'BEGIN { for (i = 0; i < 70000; i++) print "Meier,1" }'; printf 'M\344rz,2\nMeier,3\n'; } > k.csv
$ kpi --by rep 'n=count()' 's=sum(v)' k.csv
!kpi: k.csv:70002: column 'rep': invalid UTF-8 (byte 0xE4); is the file cp1252? try --encoding cp1252
? 1

### kpi --by: under --invalid skip the row with a cp1252 key is rejected and counted
$ { printf 'rep,v\n'; awk 'BEGIN { for (i = 0; i < 70000; i++) print "Meier,1" }'; printf 'M\344rz,2\nMeier,3\n'; } > k.csv
$ kpi --by rep 'n=count()' 's=sum(v)' --invalid skip --rejects r.csv k.csv
$ tail -n 1 r.csv | od -An -c -w300 | tr -s ' '
>rep,n,s
>Meier,70001,70003
> M 344 r z , 2 , c o l u m n ' r e p ' : i n v a l i d U T F - 8 ( b y t e 0 x E 4 ) ; i s t h e f i l e c p 1 2 5 2 ? t r y - - e n c o d i n g c p 1 2 5 2 \n
!kpi: 1 row with invalid values skipped, written to r.csv

### kpi --by with --encoding cp1252: the key converted, the groups counted
$ { printf 'rep,v\n'; awk 'BEGIN { for (i = 0; i < 70000; i++) print "Meier,1" }'; printf 'M\344rz,2\nMeier,3\n'; } > k.csv
$ kpi --by rep 'n=count()' 's=sum(v)' --encoding cp1252 k.csv
>rep,n,s
>Meier,70001,70003
>März,1,2

### rfm --customer and funnel --by check their keys the same way
$ { printf 'customer,date,amount\n'; awk 'BEGIN { for (i = 0; i < 6000; i++) print "Meier GmbH,2026-01-01,10" }'; printf 'M\374ller,2026-02-01,5\n'; } > o.csv
$ rfm --customer customer --date date --amount amount --as-of 2026-03-01 o.csv
$ { printf 'id,region,phase\n'; awk 'BEGIN { for (i = 0; i < 10000; i++) print i ",Nord,offer" }'; printf '10000,S\374d,offer\n'; } > f.csv
$ funnel --phase phase --by region f.csv
!rfm: o.csv:6002: column 'customer': invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
!funnel: f.csv:10002: column 'region': invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
? 1

### kpi --targets: its keys are text, the whole file is checked
$ printf 'rep,n\nMeier,5\nM\344rz,5\n' > tg.csv
$ printf 'rep,v\nMeier,1\n' | kpi --by rep 'n=count()' --targets tg.csv
!kpi: tg.csv:3: invalid UTF-8 (byte 0xE4); is the file cp1252? try --encoding cp1252
? 1

### segment --tie-margin takes the input's decimal comma (the delimiter ';'); row 1 is within 0,5, row 3 is not (2,6 - 2 = 0,6)
$ printf 'id;a;b;c\n1;5;4,8;1\n2;5;3;1\n3;1;2;2,6\n' > n.csv
$ segment --needs a,b,c --tie-margin 0,5 n.csv
>id;a;b;c;segment
>1;5;4,8;1;mixed
>2;5;3;1;intrinsic
>3;1;2;2,6;strategic

### segment --tie-margin: a point under the comma the delimiter brings is refused, naming the convention; 1.000 is ambiguous
$ printf 'id;a;b;c\n1;5;4,8;1\n' > n.csv
$ segment --needs a,b,c --tie-margin 0.5 n.csv 2>&1 | head -n 1
$ segment --needs a,b,c --tie-margin 1.000 n.csv 2>&1 | head -n 1
$ segment --needs a,b,c --tie-margin 1.000 --decimal-comma n.csv | tail -n 1
>segment: --tie-margin: '0.5' is not a number >= 0 (numbers use the decimal comma, as the delimiter is ';')
>segment: --tie-margin: '1.000' is ambiguous: 1000 with the decimal comma that the delimiter ';' brings, 1 with the decimal point (write it without '.', or give --decimal-comma or --decimal-point)
>1;5;4,8;1;mixed

### clv --horizon, --discount and --penalizer take the input's decimal comma: --horizon 52 --discount 0,1 are the defaults
$ head -n 200 "$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv" | tr ',' ';' | sed 's/\([0-9]\)\.\([0-9]\)/\1,\2/g' > c.csv
$ clv --frequency x --recency t_x --age T --monetary zbar c.csv > a.out
$ clv --frequency x --recency t_x --age T --monetary zbar --horizon 52 --discount 0,1 --penalizer 0 c.csv > b.out
$ cmp a.out b.out && echo same
$ clv --frequency x --recency t_x --age T --monetary zbar --discount 1.000 c.csv 2>&1 | head -n 1
$ clv --frequency x --recency t_x --age T --monetary zbar --penalizer 0.1 c.csv 2>&1 | head -n 1
>same
>clv: --discount: '1.000' is ambiguous: 1000 with the decimal comma that the delimiter ';' brings, 1 with the decimal point (write it without '.', or give --decimal-comma or --decimal-point)
>clv: --penalizer: '0.1' is not a number >= 0 (numbers use the decimal comma, as the delimiter is ';')

### -v always names the decimal convention and what set it
$ printf 'a,b\n1,2\n' | kpi -v --as-of 2026-01-01 'n=count()' 2>&1 >/dev/null | sed -n 2p
$ printf 'a;b\n1;2\n' | kpi -v --as-of 2026-01-01 'n=count()' 2>&1 >/dev/null | sed -n 2p
$ printf 'a\tb\n1\t2\n' | kpi -v --as-of 2026-01-01 'n=count()' 2>&1 >/dev/null | sed -n 2p
$ printf 'a;b\n1;2\n' | kpi -v --as-of 2026-01-01 --decimal-point 'n=count()' 2>&1 >/dev/null | sed -n 2p
$ printf 'a,b\n1,2\n' | kpi -v --as-of 2026-01-01 --decimal-comma 'n=count()' 2>&1 >/dev/null | sed -n 2p
$ printf 'a,b\n1,2\n' | CRMKIT_DECIMAL=comma kpi -v --as-of 2026-01-01 'n=count()' 2>&1 >/dev/null | sed -n 2p
>kpi: numbers use the decimal point, as the delimiter is ','
>kpi: numbers use the decimal comma, as the delimiter is ';' (--decimal-point reads 1.5 as one and a half)
>kpi: numbers use the decimal point, as the delimiter is tab
>kpi: numbers use the decimal point (--decimal-point)
>kpi: numbers use the decimal comma (--decimal-comma)
>kpi: numbers use the decimal comma (CRMKIT_DECIMAL)

### segment --rule: a column compared as text must be UTF-8, also past the first 64 KiB; under --invalid skip the row is rejected
$ { printf 'id,region\n'; awk 'BEGIN { for (i = 0; i < 10000; i++) print i ",Nord" }'; printf '10000,S\374d\n10001,Nord\n'; } > r.csv
$ segment --rule 'N: region == "Nord"' --default other r.csv > /dev/null
$ segment --rule 'N: region == "Nord"' --default other --invalid skip r.csv | tail -n 2
$ segment --rule 'N: region == "Nord"' --default other --encoding cp1252 r.csv | tail -n 2
>9999,Nord,N
>10001,Nord,N
>10000,Süd,other
>10001,Nord,N
!segment: r.csv:10002: column 'region': invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
!segment: 1 row with invalid values skipped

### plot --label: a label that is not UTF-8 would break the SVG: a data error, or under --invalid skip no point
$ { printf 'name,x,y\n'; awk 'BEGIN { for (i = 0; i < 8000; i++) print "Kunde " i "," i % 7 "," i % 5 }'; printf 'M\374ller,3,4\n'; } > p.csv
$ plot quadrant -x x -y y --label name p.csv > /dev/null
$ plot quadrant -x x -y y --label name --invalid skip p.csv | xmllint --noout - && echo valid
>valid
!plot: p.csv:8002: column 'name': invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
!plot: 1 row with invalid values skipped

### report: every cell of a table may be a label, so the whole table is checked
$ { printf 'rep,n\n'; awk 'BEGIN { for (i = 0; i < 9000; i++) print "Kunde " i ",1" }'; printf 'M\374ller,3\n'; } > t1.csv
$ report --format text t1.csv > /dev/null
!report: t1.csv:9002: invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
? 1

### allocate --by: a new key that is not UTF-8 is a data error at its line
$ { printf 'id,region,weight\n'; awk 'BEGIN { for (i = 0; i < 9000; i++) print i ",Nord,1" }'; printf '9000,S\374d,1\n'; } > al.csv
$ allocate --budget 100 --weight weight --by region --pools 'Nord=1' al.csv > /dev/null
!allocate: al.csv:9002: column 'region': invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
? 1

### measures and kpi metrics: a column compared with a string must be UTF-8; one only summed is not looked at
$ { printf 'region,v\n'; awk 'BEGIN { for (i = 0; i < 12000; i++) print "Nord,1" }'; printf 'S\374d,2\n'; } > e.csv
$ kpi 'n=sum(if(region == "Nord", v, 0))' e.csv
$ kpi 'n=sum(if(region == "Nord", v, 0))' --invalid skip e.csv
$ kpi 'n=sum(v)' e.csv
$ prioritize --value 'if(region == "Nord", v, 0)' --probability 1 --value-split 0 e.csv | tail -n 1
>n
>12000
>n
>12002
>Nord,1,1,1
!kpi: e.csv:12002: column 'region': invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
!kpi: 1 row with invalid values skipped
!prioritize: e.csv:12002: column 'region': invalid UTF-8 (byte 0xFC); is the file cp1252? try --encoding cp1252
