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
