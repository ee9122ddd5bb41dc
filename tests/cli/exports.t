# Real exports (SPEC 2, "Input and output", "Numbers", "Diagnostics"):
# the decimal convention that follows the delimiter, Excel's sep= line,
# option messages.  Figures are worked by hand in the comments.

### ';' means the decimal comma: 5.000 + 20.000 is 25000, never 25
$ printf 'Kunde;Vertreter;Kundenwert\nA;X;5.000\nB;X;20.000\n' | kpi --by Vertreter 'w=sum(Kundenwert)'
>Vertreter;w
>X;25000

### -v says the comma came from the delimiter
$ printf 'Kunde;Vertreter;Kundenwert\nA;X;5.000\nB;X;20.000\n' | kpi -v 'w=sum(Kundenwert)'
>w
>25000
!kpi: as-of date 2026-12-01
!kpi: numbers use the decimal comma, as the delimiter is ';' (--decimal-point reads 1.5 as one and a half)
!kpi: 2 rows read, 2 aggregated, 1 group, 1 aggregate per group

### -d ';' brings the comma as well: 1,5 + 2,25 = 3,75 (written with the comma)
$ printf 'a;x\nA;1,5\nB;2,25\n' | kpi -d ';' 'w=sum(x)'
>w
>3,75

### --decimal-point overrides it: 5.000 + 20.000 = 25
$ printf 'a;x\nA;5.000\nB;20.000\n' | kpi --decimal-point 'w=sum(x)'
>w
>25

### CRMKIT_DECIMAL=point as well, and -v names it
$ printf 'a;x\nA;5.000\nB;20.000\n' | CRMKIT_DECIMAL=point kpi -v 'w=sum(x)'
>w
>25
!kpi: as-of date 2026-12-01
!kpi: numbers use the decimal point (CRMKIT_DECIMAL)
!kpi: 2 rows read, 2 aggregated, 1 group, 1 aggregate per group

### a SPLIT number takes the input's convention: on a ';' file 2,5 is two and a half
# x: 1,5 < 2,5 low, 3 high; y median of 2 and 4 is 3: 2 low, 4 high
$ printf 'a;x;y\nA;1,5;2\nB;3;4\n' | quadrant -x x -y y --x-split 2,5 --y-split median
>a;x;y;quadrant
>A;1,5;2;waste
>B;3;4;qualified

### Excel's sep= line sets the delimiter and is no header; line numbers count it
$ printf 'sep=;\r\nid;x\r\nA;1,5\r\nB;x\r\n' | kpi 'w=sum(x)'
!kpi: <stdin>:4: column 'x': "x" is not a number
? 1

### sep=| after a UTF-8 BOM, with the point (the delimiter is not ';')
$ printf '\357\273\277sep=|\nid|x\nA|1.5\nB|2\n' | kpi 'w=sum(x)'
>w
>3.5

### a -d that disagrees with sep= is a usage error
$ printf 'sep=;\nid;x\nA;1\n' | kpi -d , 'w=sum(x)'
!kpi: <stdin>: the first line says sep=;, but the delimiter given (-d) is another
? 2

### a first line sep= with more after it is a header like any other
$ printf 'sep=;x\n1\n' | kpi -d , 'n=count()'
>n
>1

### --flag=value on an option without argument says the option takes no value
$ kpi --sort=yes 'n=count()' </dev/null 2>&1 | head -1
>kpi: option '--sort' takes no value (write '--sort' alone)

### an unknown long option is named without its value
$ quadrant --bogus=1 -x a -y b </dev/null 2>&1 | head -1
>quadrant: unknown option '--bogus'

### a number under the other convention says so: "1,5" on a ',' file
$ printf 'a,x\nA,"1,5"\n' | kpi 'w=sum(x)'
!kpi: <stdin>:2: column 'x': "1,5" is not a number (it reads as one with --decimal-comma)
? 1

### ... and "1.5" on a ';' file
$ printf 'a;x\nA;1.5\n' | quadrant -x x -y x --x-split 1 --y-split 1
>a;x;quadrant
!quadrant: <stdin>:2: column 'x': "1.5" is not a number (it reads as one with --decimal-point)
? 1

### currencies: 1.234,56 € + EUR 10 + 5 = 1249,56 (a symbol and its code are one currency)
$ printf 'a;x\nA;1.234,56 €\nB;EUR 10\nC;5\n' | kpi 'w=sum(x)'
>w
>1249,56

### $1,234.56 and (1,234.56) on a ',' file: 0; SAP's 1.234,56- on a ';' file: -1234.56
$ printf 'a,x\nA,"$1,234.56"\nB,"(1,234.56)"\n' | kpi 'w=sum(x)' 'n=count(x)'
$ printf 'a;x\nA;1.234,56-\n' | kpi 'w=sum(x)'
>w,n
>0,2
>w
>-1234,56

### two currencies in one column: a data error naming line, column and both
$ printf 'a;x\nA;1.234,56 €\nB;5 $\n' | kpi 'w=sum(x)'
!kpi: <stdin>:3: column 'x': "5 $" is not a number (it is in USD, the column's first amount in EUR: one column holds one currency)
? 1

### ... rejected like any invalid row under --invalid skip
# kept: 10 (EUR) and 20 (none) -> x median 15: A low, C high
$ printf 'id;x\nA;10 €\nB;5 $\nC;20\n' | segment --bins x -n 2 --invalid skip --rejects r.csv; cat r.csv
>id;x;segment
>A;10 €;1
>C;20;2
>id;x;error
>B;5 $;"column 'x': ""5 $"" is not a number (it is in USD, the column's first amount in EUR: one column holds one currency)"
!segment: 1 row with invalid values skipped, written to r.csv

### bad neighbours are data errors, never another number
$ for v in '1.23,4' '€ 1 €' '12--' '(12'; do printf 'a;x\nA;%s\n' "$v" | kpi 'w=sum(x)'; echo "status $?"; done
>status 1
>status 1
>status 1
>status 1
!kpi: <stdin>:2: column 'x': "1.23,4" is not a number
!kpi: <stdin>:2: column 'x': "€ 1 €" is not a number
!kpi: <stdin>:2: column 'x': "12--" is not a number
!kpi: <stdin>:2: column 'x': "(12" is not a number

### a record with another field count is a data error naming line, expected and found
$ printf 'a,x\nA,1\nB,1,5\nC,3\n' | quadrant -x x -y x --x-split 1 --y-split 1
>a,x,quadrant
>A,1,qualified
!quadrant: <stdin>:3: expected 2 fields, found 3
? 1

### ... rejected under --invalid skip, to --rejects as it was written (median of 1, 3 is 2)
$ printf 'a,x\nA,1\nB,1,5\nC,3\n' | quadrant -x x -y x --invalid skip --rejects r.csv; cat r.csv
>a,x,quadrant
>A,1,waste
>C,3,qualified
>a,x,error
>B,1,5,"expected 2 fields, found 3"
!quadrant: 1 row with invalid values skipped, written to r.csv

### ... in kpi too: 1 + 3 = 4, two rows rejected
$ printf 'a,x\nA,1\nB,1,5\nC\nD,3\n' | kpi --invalid skip --rejects r.csv 'n=sum(x)'; cat r.csv
>n
>4
>a,x,error
>B,1,5,"expected 2 fields, found 3"
>C,"expected 2 fields, found 1"
!kpi: 2 rows with invalid values skipped, written to r.csv

### empty input: kpi writes its header row only, from --by and the metric names
$ printf '' | kpi -v --by 'rep,region' 'n=count()' 's=sum(revenue)'
>rep,region,n,s
!kpi: as-of date 2026-12-01
!kpi: numbers use the decimal point, as the delimiter is ','
!kpi: the input is empty
!kpi: 0 rows read, 0 aggregated, 0 groups

### ... blank lines only are empty too, and a row tool writes nothing, status 0
$ printf '\n\r\n' | segment --rule 'big: x > 1'; printf '' | quadrant -x a -y b; echo "status $?"
>status 0

### a header that is one column holding ';' suggests -d
$ printf 'a;b\n1;2\n' | kpi -d , 'n=sum(a)'
!kpi: metric 'n': unknown column 'a' in expression 'sum(a)'
!  the header is one column holding ';': try -d ';'
!  available columns: a;b
? 2

### ... and TAB
$ printf 'a\tb\n1\t2\n' | quadrant -d , -x a -y b
!quadrant: unknown column 'a' in expression 'a'
!  the header is one column holding '\t': try -d tab
!  available columns: a	b
? 2

# examples/export_de.csv is a hand-made German Excel export: UTF-8 BOM,
# CRLF, ';', amounts in EUR with '.' grouping and the decimal comma,
# probabilities as "40 %", dates DD.MM.YYYY passed through.  By hand:
#   Umsatz/Ziel: K1 1.23456, K2 1.25, K3 0.4, K4 1.2, K5 1.125, K6 0.7;
#     median (1.125 + 1.2) / 2 = 1.1625: K1 K2 K4 high
#   Marge/Kosten: K1 1.5, K2 1.667, K3 0.25, K4 3.6, K5 1.8, K6 0.5;
#     median (1.5 + 1.667) / 2 = 1.583: K2 K4 K5 high
#   Wert median (5000 + 8000) / 2 = 6500: K2 K4 K5 high; Chance >= 0.5:
#     K2 K4 K5; expected value Wert * Chance: 2000 15000 150 4800 54000 1000
#   Umsatz total 64634.56; ranked K5 45000, K2 12500, K4 3000, K6 2100,
#     K1 1234.56, K3 800; shares before each: 0, 69.6, 89.0, 93.6, 96.9,
#     98.8 % -> A A B B C C
#   per Vertreter: Anna 1234.56 + 12500 = 13734.56, Bernd 800 + 3000 =
#     3800, Carla 45000 + 2100 = 47100; Chance means 0.575, 0.35, 0.575

### the German export through quadrant with no flag but --lang de
$ quadrant --lang de -x Umsatz/Ziel -y Marge/Kosten "$EXAMPLES/export_de.csv" | cut -d ';' -f 1,10,11
>Kunde;Letzter Kauf;quadrant
>K1;03.02.2026;Pyrrhussieg
>K2;15.01.2026;Qualifiziertes Kundenmanagement
>K3;28.11.2025;Ressourcenverschwendung
>K4;01.03.2026;Qualifiziertes Kundenmanagement
>K5;19.12.2025;Feigenblatt
>K6;07.04.2026;Ressourcenverschwendung

### ... prioritize (amounts and the date pass through as written)
$ prioritize --lang de --value Wert --probability Chance "$EXAMPLES/export_de.csv" | cut -d ';' -f 1,3,7,8,10-
>Kunde;Umsatz;Chance;Wert;Letzter Kauf;priority;expected_value
>K1;1.234,56 €;40 %;5.000,00 €;03.02.2026;4;2000
>K2;12.500,00 €;75 %;20.000,00 €;15.01.2026;1;15000
>K3;800,00 €;10 %;1.500,00 €;28.11.2025;4;150
>K4;3.000,00 €;60 %;8.000,00 €;01.03.2026;1;4800
>K5;45.000,00 €;90 %;60.000,00 €;19.12.2025;1;54000
>K6;2.100,00 €;25 %;4.000,00 €;07.04.2026;4;1000

### ... segment --abc
$ segment --lang de --abc Umsatz "$EXAMPLES/export_de.csv" | cut -d ';' -f 1,3,11
>Kunde;Umsatz;segment
>K1;1.234,56 €;C
>K2;12.500,00 €;A
>K3;800,00 €;C
>K4;3.000,00 €;B
>K5;45.000,00 €;A
>K6;2.100,00 €;B

### ... kpi, figures with the decimal comma
$ kpi --lang de --by Vertreter 'Umsatz=sum(Umsatz)' 'Kunden=count()' 'Chance=mean(Chance)' "$EXAMPLES/export_de.csv"
>Vertreter;Umsatz;Kunden;Chance
>Anna;13734,56;2;0,575
>Bernd;3800;2;0,35
>Carla;47100;2;0,575

### Excel's "Unicode text": tab-separated UTF-16LE with its BOM, read whatever --encoding says
# Umsatz 1.234,56 EUR and 100 by customer (--decimal-comma: the delimiter is a tab)
$ /usr/bin/python3 -c "import sys; sys.stdout.buffer.write(b'\xff\xfe' + 'Kunde\tUmsatz\r\nMüller\t1.234,56 €\r\nSchmidt\t100\r\n'.encode('utf-16-le'))" > u.txt; kpi --decimal-comma --encoding cp1252 --by Kunde 's=sum(Umsatz)' u.txt
>Kunde	s
>Müller	1234,56
>Schmidt	100

### ... and UTF-16BE
$ /usr/bin/python3 -c "import sys; sys.stdout.buffer.write(b'\xfe\xff' + 'a,b\n1,2\n'.encode('utf-16-be'))" | kpi 's=sum(b)'
>s
>2

### a UTF-8 BOM with --encoding cp1252 is a usage error
$ printf '\357\273\277a,b\n1,2\n' | kpi --encoding cp1252 'n=count()'
!kpi: <stdin> starts with a UTF-8 byte-order mark: it is UTF-8, not cp1252 (drop --encoding)
? 2
