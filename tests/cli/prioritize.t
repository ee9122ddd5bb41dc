# prioritize: CLI golden tests.  Expected figures are worked by hand:
# prio.csv values 100,50,200,80,150 (median 100, mean 116),
# probabilities .9,.2,.4,.6,.5 (split 0.5, >= is high).

### priorities and expected values with the default splits
$ cd "$DATA" && prioritize --value value --probability prob prio.csv
>id,name,value,prob,priority,expected_value
>1,Alpha,100,0.9,1,90
>2,"Beta, Inc",50,0.2,4,10
>3,Gamma,200,0.4,2,80
>4,Delta,80,0.6,3,48
>5,Epsilon,150,0.5,1,75

### standard input is spooled for the median
$ prioritize --value value --probability prob < "$DATA/prio.csv" | tail -n 2
>4,Delta,80,0.6,3,48
>5,Epsilon,150,0.5,1,75

### a pipe on standard input, and - as operand
$ cat "$DATA/prio.csv" | prioritize --value value --probability prob - | sed -n 4p
>3,Gamma,200,0.4,2,80

### --sort: priority, then expected value descending
$ cd "$DATA" && prioritize --value value --probability prob --sort prio.csv
>id,name,value,prob,priority,expected_value
>1,Alpha,100,0.9,1,90
>5,Epsilon,150,0.5,1,75
>3,Gamma,200,0.4,2,80
>4,Delta,80,0.6,3,48
>2,"Beta, Inc",50,0.2,4,10

### --sort keeps input order among equal keys
$ printf 'v,p\n1,0.5\n1,0.5\n2,0.5\n1,0.5\n' | cat -n | sed 's/^ *//; s/\t/,/; 1s/^1,/n,/' | prioritize --value v --probability p --value-split 1 --sort
>n,v,p,priority,expected_value
>4,2,0.5,1,1
>2,1,0.5,1,0.5
>3,1,0.5,1,0.5
>5,1,0.5,1,0.5

### --summary: all four priorities with sums and thresholds
$ cd "$DATA" && prioritize --value value --probability prob --summary prio.csv
>priority,customers,share,value_sum,expected_value_sum,value_threshold,probability_threshold
>1,2,0.4,250,165,100,0.5
>2,1,0.2,200,80,100,0.5
>3,1,0.2,80,48,100,0.5
>4,1,0.2,50,10,100,0.5

### --value-split mean with --verbose
$ cd "$DATA" && prioritize --value value --probability prob --value-split mean -v prio.csv
>id,name,value,prob,priority,expected_value
>1,Alpha,100,0.9,3,90
>2,"Beta, Inc",50,0.2,4,10
>3,Gamma,200,0.4,2,80
>4,Delta,80,0.6,3,48
>5,Epsilon,150,0.5,1,75
!prioritize: as-of date 2026-12-01
!prioritize: numbers use the decimal point, as the delimiter is ','
!prioritize: value threshold 116 (mean)
!prioritize: probability threshold 0.5 (0.5)
!prioritize: second pass: the values of the first, rows unsplit
!prioritize: 5 rows read, 5 valid

### absolute value split: equal is high
$ cd "$DATA" && prioritize --value value --probability prob --value-split 150 prio.csv | awk -F, '{ print $1 "," $(NF-1) }'
>id,priority
>1,3
>2,4
>3,2
>4,3
>5,1

### --probability-split as a number and as a percentile
$ cd "$DATA" && prioritize --value value --probability prob --probability-split 0.6 prio.csv | awk -F, 'NR > 1 { printf "%s,%s ", $1, $(NF-1) }'
$ echo; prioritize --value value --probability prob --probability-split p50 prio.csv | awk -F, 'NR > 1 { printf "%s,%s ", $1, $(NF-1) }'; echo
>1,1 2,4 3,2 4,3 5,2 
>1,1 2,4 3,2 4,3 5,1 

### --value-split p80 over 50,80,100,150,200 is 160
$ cd "$DATA" && prioritize --value value --probability prob --value-split p80 -v prio.csv | awk -F, 'NR > 1 { printf "%s ", $(NF-1) }'; echo
>3 4 2 3 3 
!prioritize: as-of date 2026-12-01
!prioritize: numbers use the decimal point, as the delimiter is ','
!prioritize: value threshold 160 (p80)
!prioritize: probability threshold 0.5 (0.5)
!prioritize: second pass: the values of the first, rows unsplit
!prioritize: 5 rows read, 5 valid

### expressions as measures
$ cd "$DATA" && prioritize --value 'value * 2 + 1' --probability 'prob / 2' --value-split 201 prio.csv | awk -F, '{ print $1 "," $(NF-1) "," $NF }'
>id,priority,expected_value
>1,2,90.45
>2,4,10.1
>3,2,80.2
>4,4,48.3
>5,2,75.25

### -c renames the priority column
$ cd "$DATA" && prioritize --value value --probability prob -c prio prio.csv | head -n 1
>id,name,value,prob,prio,expected_value

### --precision writes fixed decimals for measures, never for the priority
$ cd "$DATA" && prioritize --value value --probability prob --precision 2 prio.csv | sed -n 2p
>1,Alpha,100,0.9,1,90.00

### --precision in the summary: priority and customers stay integers
# value median 100 (50 80 100 150 200), probability split 0.5:
# 1: Alpha 100/0.9, Epsilon 150/0.5; 2: Gamma 200/0.4; 3: Delta 80/0.6;
# 4: Beta 50/0.2
$ cd "$DATA" && prioritize --value value --probability prob --precision 1 --summary prio.csv
>priority,customers,share,value_sum,expected_value_sum,value_threshold,probability_threshold
>1,2,0.4,250.0,165.0,100.0,0.5
>2,1,0.2,200.0,80.0,100.0,0.5
>3,1,0.2,80.0,48.0,100.0,0.5
>4,1,0.2,50.0,10.0,100.0,0.5

### -H: no header; columns by number
$ cd "$DATA" && tail -n +2 prio.csv | prioritize -H --value '{3}' --probability '{4}'
>1,Alpha,100,0.9,1,90
>2,"Beta, Inc",50,0.2,4,10
>3,Gamma,200,0.4,2,80
>4,Delta,80,0.6,3,48
>5,Epsilon,150,0.5,1,75

### quoted fields and quoted newlines pass through byte for byte
$ cd "$DATA" && prioritize --value value --probability prob prio_quoted.csv
>id,note,value,prob,priority,expected_value
>1,"two
>lines",10,0.5,3,5
>2,"a ""quoted"" word",20,0.5,1,10
>3,x,30,0.5,1,15

### CR line ends are read; output uses LF
$ cd "$DATA" && prioritize --value value --probability prob prio_cr.csv
>id,name,value,prob,priority,expected_value
>1,A,10,0.5,3,5
>2,B,20,0.5,1,10

### German Excel: BOM, ';', decimal comma with grouping, CRLF, percent
$ cd "$DATA" && prioritize -d ';' --decimal-comma --value value --probability prob prio_de.csv
>id;name;value;prob;priority;expected_value
>1;Müller;1.000,5;0,9;1;900,45
>2;"Schmidt; Co";500;0,2;4;100
>3;Weiß;2.000;40%;2;800

### the delimiter is sniffed; the environment sets the decimal comma
$ cd "$DATA" && CRMKIT_DECIMAL=comma prioritize --value value --probability prob prio_de.csv | tail -n 1
>3;Weiß;2.000;40%;2;800

### CRMKIT_DELIMITER sets the delimiter, a flag overrides it
$ cd "$DATA" && CRMKIT_DELIMITER='|' prioritize -d , --value value --probability prob prio.csv | sed -n 2p
>1,Alpha,100,0.9,1,90

### --bom and --crlf write for Excel
$ cd "$DATA" && prioritize --decimal-comma --bom --crlf --value value --probability prob prio_de.csv | head -c 5 | od -An -c | tr -s ' '
> 357 273 277 i d
$ cd "$DATA" && prioritize --decimal-comma --crlf --value value --probability prob prio_de.csv | tail -c 5 | od -An -c | tr -s ' '
> 8 0 0 \r \n

### --output-delimiter re-encodes passed-through records
$ cd "$DATA" && prioritize --value value --probability prob --output-delimiter ';' prio.csv | sed -n 3p
>2;Beta, Inc;50;0.2;4;10
$ cd "$DATA" && prioritize -d ';' --decimal-comma --output-delimiter , --value value --probability prob prio_de.csv | sed -n 2,3p
>1,Müller,"1.000,5","0,9",1,"900,45"
>2,Schmidt; Co,500,"0,2",4,100

### --encoding latin1 converts to UTF-8
$ cd "$DATA" && prioritize --encoding latin1 --value value --probability prob prio_latin1.csv
>id,name,value,prob,priority,expected_value
>1,Müller,10,0.5,1,5

### header-only input gives the header with the new columns
$ cd "$DATA" && prioritize --value value --probability prob prio_header.csv
>id,name,value,prob,priority,expected_value

### several files with the same header are read one after another
$ cd "$DATA" && prioritize --value value --probability prob prio.csv prio.csv | awk -F, '{ printf "%s,%s ", $1, $(NF-1) }'; echo
>id,priority 1,1 2,4 3,2 4,3 5,1 1,1 2,4 3,2 4,3 5,1 

### -o writes the file and nothing to standard output
$ prioritize --value value --probability prob -o out.csv "$DATA/prio.csv"; echo "rc=$?"; sed -n 2p out.csv; ls
>rc=0
>1,Alpha,100,0.9,1,90
>out.csv

### -o keeps the old file when the tool fails
$ echo old > out.csv; prioritize --value value --probability prob -o out.csv "$DATA/prio_bad.csv" 2>/dev/null; echo "rc=$?"; cat out.csv; ls
>rc=1
>old
>out.csv

### --invalid keep: rows with empty results, thresholds over valid rows
$ cd "$DATA" && prioritize --value value --probability prob --invalid keep prio_bad.csv
>id,value,prob,priority,expected_value
>1,100,0.5,1,50
>2,3x,0.5,,
>3,,0.7,,
>4,50,1.5,,
>5,70,0.8,3,56
!prioritize: 3 rows with invalid values kept with empty results

### --invalid skip with --rejects: reasons in an error column
$ prioritize --value value --probability prob --invalid skip --rejects rej.csv "$DATA/prio_bad.csv"; cat rej.csv
>id,value,prob,priority,expected_value
>1,100,0.5,1,50
>5,70,0.8,3,56
>id,value,prob,error
>2,3x,0.5,"column 'value': ""3x"" is not a number"
>3,,0.7,column 'value' is empty
>4,50,1.5,"column 'prob': ""1.5"" is not a probability in [0,1]"
!prioritize: 3 rows with invalid values skipped, written to rej.csv

### no valid row: no median exists, so no threshold and no priority
$ printf 'v,p\nx,0.5\n,0.5\n' | prioritize --value v --probability p --invalid keep -v
>v,p,priority,expected_value
>x,0.5,,
>,0.5,,
!prioritize: as-of date 2026-12-01
!prioritize: numbers use the decimal point, as the delimiter is ','
!prioritize: value threshold: none (no valid row)
!prioritize: probability threshold 0.5 (0.5)
!prioritize: 2 rows with invalid values kept with empty results
!prioritize: 2 rows read, 0 valid
$ printf 'v,p\nx,0.5\n' | prioritize --value v --probability p --invalid skip --summary | sed -n 2p
>1,0,,0,0,,0.5
!prioritize: 1 row with invalid values skipped

### --invalid skip without --rejects
$ cd "$DATA" && prioritize --value value --probability prob --invalid skip --value-split 0 prio_bad.csv | wc -l
>3
!prioritize: 3 rows with invalid values skipped

### a value that is not a number
$ cd "$DATA" && prioritize --value value --probability prob prio_bad.csv
!prioritize: prio_bad.csv:3: column 'value': "3x" is not a number
? 1

### an empty value, streaming with absolute splits
$ cd "$DATA" && sed 2d prio_bad.csv | sed 2d | prioritize --value value --probability prob --value-split 0
>id,value,prob,priority,expected_value
!prioritize: <stdin>:2: column 'value' is empty
? 1

### a probability outside [0,1]
$ cd "$DATA" && sed '2,4d' prio_bad.csv | prioritize --value value --probability prob --value-split 0
>id,value,prob,priority,expected_value
!prioritize: <stdin>:2: column 'prob': "1.5" is not a probability in [0,1]
? 1

### a measure that divides by zero
$ printf 'v,p\n1,0\n' | prioritize --value v --probability '1/p' --value-split 0
>v,p,priority,expected_value
!prioritize: <stdin>:2: measure '1/p': division by zero
? 1

### malformed CSV: a ragged row
$ cd "$DATA" && prioritize --value value --probability prob prio_ragged.csv
!prioritize: prio_ragged.csv:3: expected 3 fields, found 2
? 1

### malformed CSV: a quote inside an unquoted field
$ cd "$DATA" && prioritize --value value --probability prob prio_barequote.csv
!prioritize: prio_barequote.csv:2: bare quote in unquoted field
? 1

### malformed CSV: junk after a closing quote
$ cd "$DATA" && prioritize --value value --probability prob prio_junk.csv
!prioritize: prio_junk.csv:2: unexpected character after closing quote
? 1

### malformed CSV: a quote left open names the line where it starts
$ cd "$DATA" && prioritize --value value --probability prob prio_open.csv
!prioritize: prio_open.csv:3: quote opened here is never closed
? 1

### headers that differ
$ cd "$DATA" && prioritize --value value --probability prob prio.csv prio_other.csv
!prioritize: prio_other.csv: header differs from prio.csv's
? 1

### an unknown column lists the columns and the nearest name
$ cd "$DATA" && prioritize --value valeu --probability prob prio.csv
!prioritize: unknown column 'valeu' in expression 'valeu'
!  available columns: id, name, value, prob
!  did you mean 'value'?
? 2

### a column the header holds twice
$ cd "$DATA" && prioritize --value value --probability id prio_dup.csv
!prioritize: column 'value' occurs more than once in the header and cannot be referred to
? 2

### a syntax error shows a caret
$ cd "$DATA" && prioritize --value 'value*' --probability prob prio.csv
!prioritize: syntax error in expression: unexpected end of expression
!  value*
!        ^
? 2

### usage errors
$ prioritize --value value
!prioritize: --value and --probability are required
!usage: prioritize --value MEASURE --probability MEASURE
!           [--value-split SPLIT] [--probability-split SPLIT] [-c NAME]
!           [--ev-column NAME] [--sort | --summary] [options] [FILE ...]
!Try 'prioritize --help' for more information.
? 2

### usage errors name the problem
$ prioritize --value v --probability p --sort --summary 2>&1 | head -n 1
>prioritize: --sort and --summary exclude each other
$ prioritize --value v --probability p --value-split medium 2>&1 | head -n 1
>prioritize: --value-split: 'medium' is not a split (a number, median, mean or pNN)
$ prioritize --value v --probability p --probability-split p200 2>&1 | head -n 1
>prioritize: --probability-split: 'p200' is not a percentile (p0 to p100)
$ prioritize --value v --probability p --invalid maybe 2>&1 | head -n 1
>prioritize: --invalid: 'maybe' is not fail, keep or skip
$ prioritize --value v --probability p --rejects r.csv 2>&1 | head -n 1
>prioritize: --rejects needs --invalid skip
$ prioritize --value v --probability p --bogus 2>&1 | head -n 1
>prioritize: unknown option '--bogus'
$ prioritize --value v --probability p -q 2>&1 | head -n 1
>prioritize: unknown option '-q'
$ prioritize --value 2>&1 | head -n 1
>prioritize: option '--value' needs an argument
$ prioritize --value v --probability p -d ab 2>&1 | head -n 1
>prioritize: delimiter 'ab' is not one byte (or 'tab')
$ prioritize --value v --probability p --precision x 2>&1 | head -n 1
>prioritize: --precision: 'x' is not a number of decimals from 0 to 30
$ prioritize --value v --probability p --encoding ebcdic 2>&1 | head -n 1
>prioritize: unknown encoding 'ebcdic' (use cp1252 or latin1)
$ prioritize --value v --probability p --lang fr 2>&1 | head -n 1
>prioritize: unknown language 'fr' (use en or de)
$ CRMKIT_DECIMAL=yes prioritize --value v --probability p 2>&1 | head -n 1
>prioritize: CRMKIT_DECIMAL: 'yes' is not comma or point
$ prioritize --value v --probability p -c '' 2>&1 | head -n 1
>prioritize: -c: the column name is empty

### exit status of a usage error
$ prioritize --bogus 2>/dev/null
? 2

### --help and --version
$ prioritize --help | head -n 1
>usage: prioritize --value MEASURE --probability MEASURE
$ prioritize --version
>prioritize (crmkit) 0.1.0

### a missing file, a directory
$ prioritize --value value --probability prob nosuch.csv
!prioritize: nosuch.csv: cannot open: No such file or directory
? 3
$ prioritize --value value --probability prob .
!prioritize: .: cannot read: Is a directory
? 3

### a full disk
$ prioritize --value value --probability prob "$DATA/prio.csv" > /dev/full
!prioritize: <stdout>: write error: No space left on device
? 3

### a closed pipe ends the tool quietly
$ awk 'BEGIN { print "v,p"; for (i = 0; i < 200000; i++) print i ",0.5" }' | prioritize --value v --probability p --value-split 10 | head -n 2
>v,p,priority,expected_value
>0,0.5,3,0

### the process locale never changes numbers (de_DE uses a decimal comma)
$ cd "$DATA" && LC_ALL=de_DE.UTF-8 prioritize --value 'value / 3' --probability 'prob*1.0' --value-split mean -v prio.csv 2>"$TMPDIR/err" | sed -n 2p; sed -n 3p "$TMPDIR/err"
>1,Alpha,100,0.9,3,30
>prioritize: value threshold 38.6666666666667 (mean)

### --encoding cp1252: the euro sign (0x80) becomes UTF-8
$ cd "$DATA" && prioritize --encoding cp1252 --value value --probability prob prio_cp1252.csv
>id,name,value,prob,priority,expected_value
>1,€ Handel,10,0.5,1,5

### --encoding cp1252: a byte cp1252 does not define is a data error
$ cd "$DATA" && prioritize --encoding cp1252 --value value --probability prob prio_cp1252_bad.csv
!prioritize: prio_cp1252_bad.csv:2: byte 0x81 is not defined in cp1252
? 1
