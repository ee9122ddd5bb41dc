# Limits and odd bytes (crmkit(7), LIMITS): each case either works or
# gives a clear error.  Large inputs are generated here with awk and kept
# to a few seconds.

### a field that starts with a byte-order mark keeps it through a pipeline
# The reader drops one BOM at the start of input; a first field that
# starts with another one is quoted on output, so the next tool sees it.
$ printf '\357\273\277\357\273\277id,v,p\n1,5,0.5\n' | prioritize --value v --probability p --value-split 1 | head -c 9 | od -An -c -w32 | tr -s ' '
> " 357 273 277 i d " , v
$ printf '\357\273\277\357\273\277id,v,p\n1,5,0.5\n' | prioritize --value v --probability p --value-split 1 | prioritize --value v --probability p --value-split 1 -c p2 --ev-column ev2 | head -c 9 | od -An -c -w32 | tr -s ' '
> " 357 273 277 i d " , v

### ... also when --sort puts such a record first (-H)
$ printf '\357\273\277\357\273\277x,5,0.5\n' | prioritize -H --value '{2}' --probability '{3}' --value-split 1 --sort | od -An -c -w32 | tr -s ' '
> " 357 273 277 x " , 5 , 0 . 5 , 1 , 2 . 5 \n

### an operand that is a pipe is spooled for the second pass, as standard input is
# (timeout: a regression would wait for a second writer forever)
$ timeout 20 prioritize --value value --probability prob <(cat "$DATA/prio.csv") | tail -n 2
>4,Delta,80,0.6,3,48
>5,Epsilon,150,0.5,1,75
$ timeout 20 prioritize --value value --probability prob <(cat "$DATA/prio.csv") <(sed -n '1p;6p' "$DATA/prio.csv") | awk -F, '{ printf "%s,%s ", $1, $(NF-1) }'; echo
>id,priority 1,3 2,4 3,2 4,3 5,1 5,1 
$ mkfifo f; cat "$DATA/prio.csv" > f & timeout 20 quadrant -x value -y prob f | awk -F, '{ printf "%s,%s ", $1, $NF }'; echo
>id,quadrant 1,qualified 2,waste 3,pyrrhic 4,fig-leaf 5,qualified 

### a 16 MB field, unquoted and quoted, passes through
$ awk 'BEGIN { s = "x"; for (i = 0; i < 24; i++) s = s s; print "id,note,v,p"; print "1," s ",5,0.5"; print "2,\"" s "\",6,0.5" }' > big.csv; prioritize --value v --probability p big.csv > out.csv; echo "rc=$?"; cmp -s <(cut -d, -f1-4 out.csv) big.csv && echo "fields intact"; awk -F, '{ print length($0), $(NF-1), $NF }' out.csv
>rc=0
>fields intact
>35 priority expected_value
>16777230 3 2.5
>16777230 1 3

### 10,000 columns, referred to by name and by number
$ awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "c%d%s", i, i < 10000 ? "," : "\n"; for (r = 0; r < 3; r++) for (i = 1; i <= 10000; i++) printf "%d%s", i + r, i < 10000 ? "," : "\n" }' > wide.csv; prioritize --value c9999 --probability 'c1/10' wide.csv | awk -F, '{ print NF, $1, $(NF-1), $NF }'; tail -n +2 wide.csv | prioritize -H --value '{9999}' --probability '{1}/10' | awk -F, '{ print NF, $(NF-1), $NF }'
>10002 c1 priority expected_value
>10002 1 4 999.9
>10002 2 2 2000
>10002 3 2 3000.3
>10002 4 999.9
>10002 2 2000
>10002 2 3000.3

### a file without a final newline: its last record counts
$ printf 'v,p\n1,0.5\n2,0.5' | prioritize --value v --probability p
>v,p,priority,expected_value
>1,0.5,3,0.5
>2,0.5,1,1
$ printf 'v,p\r\n1,0.5\r\n"2",0.5' | prioritize --value v --probability p | od -An -c -w200 | tr -s ' '
> v , p , p r i o r i t y , e x p e c t e d _ v a l u e \n 1 , 0 . 5 , 3 , 0 . 5 \n " 2 " , 0 . 5 , 1 , 1 \n

### invalid UTF-8 in the header or the first 64 KiB is a data error naming the line
$ printf 'n\377,v,p\n1,1,0.5\n' | prioritize --value v --probability p
!prioritize: <stdin>:1: invalid UTF-8 (byte 0xFF); is the file cp1252? try --encoding cp1252
? 1
$ printf 'n,v,p\n1,1,0.5\n\355\240\200,2,0.5\n' | prioritize --value v --probability p
!prioritize: <stdin>:3: invalid UTF-8 (byte 0xED); is the file cp1252? try --encoding cp1252
? 1

### invalid UTF-8 past the first 64 KiB passes through as bytes (80 KB before it)
$ { printf 'n,v,p\n'; awk 'BEGIN { for (i = 0; i < 10000; i++) print "a,1,0.5" }'; printf '\377\376\303(,1,0.5\n\355\240\200,2,0.5\n'; } | prioritize --value v --probability p --value-split 0 | tail -n 2 | od -An -c -w200 | tr -s ' '
> 377 376 303 ( , 1 , 0 . 5 , 1 , 0 . 5 \n 355 240 200 , 2 , 0 . 5 , 1 , 1 \n

### NUL bytes in quoted and unquoted fields pass through
$ printf 'n,v,p\n"a\0b",1,0.5\nc\0d,2,0.5\n' | prioritize --value v --probability p | od -An -c -w200 | tr -s ' '
> n , v , p , p r i o r i t y , e x p e c t e d _ v a l u e \n " a \0 b " , 1 , 0 . 5 , 3 , 0 . 5 \n c \0 d , 2 , 0 . 5 , 1 , 1 \n

### a NUL byte or a line break in a number: the message shows it escaped
$ printf 'v,p\n5\0x,0.5\n' | prioritize --value v --probability p --value-split 1
>v,p,priority,expected_value
!prioritize: <stdin>:2: column 'v': "5\0x" is not a number
? 1
$ printf 'v,p\n"5\n6",0.5\n' | prioritize --value v --probability p --value-split 1
>v,p,priority,expected_value
!prioritize: <stdin>:2: column 'v': "5\n6" is not a number
? 1
$ printf 'v,p\n0.5,"\t2"\n' | prioritize --value v --probability p --value-split 1
>v,p,priority,expected_value
!prioritize: <stdin>:2: column 'p': "\t2" is not a probability in [0,1]
? 1
