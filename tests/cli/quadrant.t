# quadrant: effectiveness x efficiency (SPEC 3, seed 1.1).
#
# quadrant_basic.csv, x = revenue/target, y = margin/cost:
#   K1 1.2 3  | K2 0.8 4 | K3 1.0 0.5 | K4 0.9 0.5 | K5 1.5 3 | K6 0.6 0.5
# median x (type 7, n=6, h=2.5): 0.9 + 0.5*(1.0-0.9) = 0.95
# median y: sorted 0.5 0.5 0.5 3 3 4 -> 0.5 + 0.5*(3-0.5) = 1.75
# mean y: 11.5/6 = 1.91666666666667; p90 x: h=4.5 -> 1.2+0.5*0.3 = 1.35;
# p10 y: h=0.5 -> 0.5.  (Checked with an awk type-7 reference.)

### median splits: the four outcomes, value >= threshold is high
$ quadrant -x revenue/target -y margin/cost "$DATA/quadrant_basic.csv"
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,qualified
>K2,80,100,40,10,fig-leaf
>K3,100,100,10,20,pyrrhic
>K4,90,100,5,10,waste
>K5,150,100,60,20,qualified
>K6,60,100,2,4,waste

### long aliases, -c NAME
$ quadrant --effectiveness revenue/target --efficiency margin/cost -c grid "$DATA/quadrant_basic.csv"
>customer,revenue,target,margin,cost,grid
>K1,120,100,30,10,qualified
>K2,80,100,40,10,fig-leaf
>K3,100,100,10,20,pyrrhic
>K4,90,100,5,10,waste
>K5,150,100,60,20,qualified
>K6,60,100,2,4,waste

### absolute splits: a value equal to the threshold is high (K1 on both)
$ quadrant -x revenue/target --x-split 1.2 -y margin/cost --y-split 3 "$DATA/quadrant_basic.csv"
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,qualified
>K2,80,100,40,10,fig-leaf
>K3,100,100,10,20,waste
>K4,90,100,5,10,waste
>K5,150,100,60,20,qualified
>K6,60,100,2,4,waste

### --summary: all four quadrants in order, shares of classified rows
$ quadrant -x revenue/target -y margin/cost --summary "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>waste,2,0.333333333333333,0.95,1.75
>fig-leaf,1,0.166666666666667,0.95,1.75
>pyrrhic,1,0.166666666666667,0.95,1.75
>qualified,2,0.333333333333333,0.95,1.75

### --summary lists empty quadrants too; pNN splits
$ quadrant -x revenue/target --x-split p90 -y margin/cost --y-split p10 --summary "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>waste,0,0,1.35,0.5
>fig-leaf,5,0.833333333333333,1.35,0.5
>pyrrhic,0,0,1.35,0.5
>qualified,1,0.166666666666667,1.35,0.5

### --summary with --precision
$ quadrant -x revenue/target -y margin/cost --summary --precision 2 "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>waste,2,0.33,0.95,1.75
>fig-leaf,1,0.17,0.95,1.75
>pyrrhic,1,0.17,0.95,1.75
>qualified,2,0.33,0.95,1.75

### mean split and -v report the thresholds and counts
$ quadrant -v -x revenue/target -y margin/cost --y-split mean "$DATA/quadrant_basic.csv"
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,qualified
>K2,80,100,40,10,fig-leaf
>K3,100,100,10,20,pyrrhic
>K4,90,100,5,10,waste
>K5,150,100,60,20,qualified
>K6,60,100,2,4,waste
!quadrant: as-of date 2026-12-01
!quadrant: numbers use the decimal point, as the delimiter is ','
!quadrant: x threshold 0.95 (median)
!quadrant: y threshold 1.91666666666667 (mean)
!quadrant: second pass: the values of the first, rows unsplit
!quadrant: 6 rows read, 6 valid

### --labels: any 2x2 portfolio
$ quadrant -x revenue/target -y margin/cost --labels dogs,question-marks,cash-cows,stars -c portfolio "$DATA/quadrant_basic.csv"
>customer,revenue,target,margin,cost,portfolio
>K1,120,100,30,10,stars
>K2,80,100,40,10,question-marks
>K3,100,100,10,20,cash-cows
>K4,90,100,5,10,dogs
>K5,150,100,60,20,stars
>K6,60,100,2,4,dogs

### --labels win over --lang; a label with a comma-free space
$ quadrant -x revenue/target -y margin/cost --lang de --labels 'a a,b,c,d' --summary "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>a a,2,0.333333333333333,0.95,1.75
>b,1,0.166666666666667,0.95,1.75
>c,1,0.166666666666667,0.95,1.75
>d,2,0.333333333333333,0.95,1.75

### --lang de: the seed's German names
$ quadrant -x revenue/target -y margin/cost --lang de "$DATA/quadrant_basic.csv"
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,Qualifiziertes Kundenmanagement
>K2,80,100,40,10,Feigenblatt
>K3,100,100,10,20,Pyrrhussieg
>K4,90,100,5,10,Ressourcenverschwendung
>K5,150,100,60,20,Qualifiziertes Kundenmanagement
>K6,60,100,2,4,Ressourcenverschwendung

### CRMKIT_LANG=de sets the default, --lang en overrides it
$ CRMKIT_LANG=de quadrant -x revenue/target -y margin/cost --summary "$DATA/quadrant_basic.csv" | cut -d, -f1
$ CRMKIT_LANG=de quadrant -x revenue/target -y margin/cost --summary --lang en "$DATA/quadrant_basic.csv" | cut -d, -f1
>label
>Ressourcenverschwendung
>Feigenblatt
>Pyrrhussieg
>Qualifiziertes Kundenmanagement
>label
>waste
>fig-leaf
>pyrrhic
>qualified

# quadrant_de.csv: BOM, ';', decimal comma with '.' grouping, CRLF.
# x: 1.2005 0.8 1 0.95025 -> median 0.95025 + 0.5*(1-0.95025) = 0.975125
# y: 3.05 4 0.5 0.5 -> median 0.5 + 0.5*2.55 = 1.775

### German dialect: --decimal-comma -d ';' --lang de (BOM dropped, LF out)
$ quadrant --decimal-comma -d ';' --lang de -x Umsatz/Ziel -y Marge/Kosten "$DATA/quadrant_de.csv"
>Kunde;Umsatz;Ziel;Marge;Kosten;quadrant
>K1;1.200,50;1.000;30,5;10;Qualifiziertes Kundenmanagement
>K2;800;1.000;42;10,5;Feigenblatt
>K3;1.000;1.000;10;20;Pyrrhussieg
>K4;950,25;1.000;5,5;11;Ressourcenverschwendung

### German summary: thresholds written with a decimal comma
$ quadrant --decimal-comma --lang de -x Umsatz/Ziel -y Marge/Kosten --summary "$DATA/quadrant_de.csv"
>label;customers;share;x_threshold;y_threshold
>Ressourcenverschwendung;1;0,25;0,975125;1,775
>Feigenblatt;1;0,25;0,975125;1,775
>Pyrrhussieg;1;0,25;0,975125;1,775
>Qualifiziertes Kundenmanagement;1;0,25;0,975125;1,775

### a split number with a decimal comma (K4 0.95025 >= 0.95: high)
$ CRMKIT_DECIMAL=comma quadrant -x Umsatz/Ziel --x-split 0,95 -y Marge/Kosten --y-split 4 "$DATA/quadrant_de.csv"
>Kunde;Umsatz;Ziel;Marge;Kosten;quadrant
>K1;1.200,50;1.000;30,5;10;pyrrhic
>K2;800;1.000;42;10,5;fig-leaf
>K3;1.000;1.000;10;20;pyrrhic
>K4;950,25;1.000;5,5;11;pyrrhic

### standard input is spooled for the second pass
$ quadrant -x revenue/target -y margin/cost --summary < "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>waste,2,0.333333333333333,0.95,1.75
>fig-leaf,1,0.166666666666667,0.95,1.75
>pyrrhic,1,0.166666666666667,0.95,1.75
>qualified,2,0.333333333333333,0.95,1.75

### several files: thresholds over all of them
$ quadrant -x revenue/target -y margin/cost --summary "$DATA/quadrant_basic.csv" - < "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>waste,4,0.333333333333333,0.95,1.75
>fig-leaf,2,0.166666666666667,0.95,1.75
>pyrrhic,2,0.166666666666667,0.95,1.75
>qualified,4,0.333333333333333,0.95,1.75

### -H: no header, columns by number, no header written
$ tail -n +2 "$DATA/quadrant_basic.csv" | quadrant -H -x '{2}/{3}' -y '{4}/{5}'
>K1,120,100,30,10,qualified
>K2,80,100,40,10,fig-leaf
>K3,100,100,10,20,pyrrhic
>K4,90,100,5,10,waste
>K5,150,100,60,20,qualified
>K6,60,100,2,4,waste

### header-only input gives the header with the new column
$ head -1 "$DATA/quadrant_basic.csv" | quadrant -x revenue/target -y margin/cost
>customer,revenue,target,margin,cost,quadrant

### header-only input, summary: no classified row, no threshold
$ head -1 "$DATA/quadrant_basic.csv" | quadrant -x revenue/target -y margin/cost --x-split 1 --summary
>label,customers,share,x_threshold,y_threshold
>waste,0,,1,
>fig-leaf,0,,1,
>pyrrhic,0,,1,
>qualified,0,,1,

### -o FILE
$ quadrant -x revenue/target -y margin/cost -o out.csv "$DATA/quadrant_basic.csv"
$ cat out.csv
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,qualified
>K2,80,100,40,10,fig-leaf
>K3,100,100,10,20,pyrrhic
>K4,90,100,5,10,waste
>K5,150,100,60,20,qualified
>K6,60,100,2,4,waste

# quadrant_bad.csv: K2 revenue empty (line 3), K3 cost 0 (line 4),
# K4 revenue "12x" (line 5).  Valid: K1 (1.2, 3), K5 (1.5, 3):
# median x 1.35, median y 3.

### --invalid fail (default): data error naming file, line and column
$ cp "$DATA/quadrant_bad.csv" . && quadrant -x revenue/target -y margin/cost quadrant_bad.csv
!quadrant: quadrant_bad.csv:3: column 'revenue' is empty
? 1

### --invalid fail while streaming: -o FILE is not created
$ cp "$DATA/quadrant_bad.csv" . && quadrant -x revenue/target -y margin/cost --x-split 1 --y-split 1 quadrant_bad.csv -o out.csv
$ ls out.csv
!quadrant: quadrant_bad.csv:3: column 'revenue' is empty
!ls: cannot access 'out.csv': No such file or directory
? 2

### --invalid fail on standard input names <stdin>
$ sed 3d "$DATA/quadrant_bad.csv" | quadrant -x revenue/target -y margin/cost
!quadrant: <stdin>:3: measure 'margin/cost': division by zero
? 1

### --invalid keep: empty quadrant, thresholds over valid rows only
$ cp "$DATA/quadrant_bad.csv" . && quadrant -x revenue/target -y margin/cost --invalid keep quadrant_bad.csv
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,fig-leaf
>K2,,100,40,10,
>K3,100,100,10,0,
>K4,12x,100,5,10,
>K5,150,100,60,20,qualified
!quadrant: 3 rows with invalid values kept with empty results

### --invalid keep --summary: kept rows are in no quadrant
$ cp "$DATA/quadrant_bad.csv" . && quadrant -x revenue/target -y margin/cost --invalid keep --summary quadrant_bad.csv
>label,customers,share,x_threshold,y_threshold
>waste,0,0,1.35,3
>fig-leaf,1,0.5,1.35,3
>pyrrhic,0,0,1.35,3
>qualified,1,0.5,1.35,3
!quadrant: 3 rows with invalid values kept with empty results

### --invalid skip --rejects: the reason in an error column
$ cp "$DATA/quadrant_bad.csv" . && quadrant -x revenue/target -y margin/cost --invalid skip --rejects rej.csv quadrant_bad.csv
$ cat rej.csv
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,fig-leaf
>K5,150,100,60,20,qualified
>customer,revenue,target,margin,cost,error
>K2,,100,40,10,column 'revenue' is empty
>K3,100,100,10,0,measure 'margin/cost': division by zero
>K4,12x,100,5,10,"column 'revenue': ""12x"" is not a number"
!quadrant: 3 rows with invalid values skipped, written to rej.csv

### --invalid skip without --rejects
$ cp "$DATA/quadrant_bad.csv" . && quadrant -x revenue/target -y margin/cost --invalid skip quadrant_bad.csv
>customer,revenue,target,margin,cost,quadrant
>K1,120,100,30,10,fig-leaf
>K5,150,100,60,20,qualified
!quadrant: 3 rows with invalid values skipped

### no valid row at all: empty quadrants, empty thresholds
$ quadrant -x revenue/0 -y margin/cost --invalid keep --summary "$DATA/quadrant_basic.csv"
>label,customers,share,x_threshold,y_threshold
>waste,0,,,
>fig-leaf,0,,,
>pyrrhic,0,,,
>qualified,0,,,
!quadrant: 6 rows with invalid values kept with empty results

### --rejects needs --invalid skip
$ quadrant -x revenue/target -y margin/cost --rejects r.csv "$DATA/quadrant_basic.csv"
!quadrant: --rejects needs --invalid skip
!usage: quadrant -x MEASURE -y MEASURE [--x-split SPLIT] [--y-split SPLIT]
!           [-c NAME] [--labels L1,L2,L3,L4] [--summary] [options] [FILE ...]
!Try 'quadrant --help' for more information.
? 2

### unknown column: lists the columns and suggests the nearest name
$ quadrant -x revnue/target -y margin/cost "$DATA/quadrant_basic.csv"
!quadrant: unknown column 'revnue' in expression 'revnue/target'
!  available columns: customer, revenue, target, margin, cost
!  did you mean 'revenue'?
? 2

### syntax error: the expression with a caret
$ quadrant -x revenue/target -y 'margin/*cost' "$DATA/quadrant_basic.csv"
!quadrant: syntax error in expression: unexpected '*'
!  margin/*cost
!         ^
? 2

### -x and -y are required
$ quadrant -x revenue/target "$DATA/quadrant_basic.csv"
!quadrant: -x and -y are required
!usage: quadrant -x MEASURE -y MEASURE [--x-split SPLIT] [--y-split SPLIT]
!           [-c NAME] [--labels L1,L2,L3,L4] [--summary] [options] [FILE ...]
!Try 'quadrant --help' for more information.
? 2

### --labels needs exactly four labels
$ quadrant -x revenue/target -y margin/cost --labels a,b,c "$DATA/quadrant_basic.csv"
!quadrant: --labels: give four labels (low-low, low-high, high-low, high-high), not 3
!usage: quadrant -x MEASURE -y MEASURE [--x-split SPLIT] [--y-split SPLIT]
!           [-c NAME] [--labels L1,L2,L3,L4] [--summary] [options] [FILE ...]
!Try 'quadrant --help' for more information.
? 2

### --labels with five
$ quadrant -x revenue/target -y margin/cost --labels a,b,c,d,e "$DATA/quadrant_basic.csv" 2>&1 | head -1
>quadrant: --labels: give four labels (low-low, low-high, high-low, high-high), not 5

### --labels with an empty label
$ quadrant -x revenue/target -y margin/cost --labels a,,c,d "$DATA/quadrant_basic.csv" 2>&1 | head -1
>quadrant: --labels: label 2 is empty

### a bad split
$ quadrant -x revenue/target -y margin/cost --x-split p101 "$DATA/quadrant_basic.csv" 2>&1 | head -1
$ quadrant -x revenue/target -y margin/cost --y-split middle "$DATA/quadrant_basic.csv" 2>&1 | head -1
$ quadrant -x revenue/target -y margin/cost --y-split 1,5 "$DATA/quadrant_basic.csv"
>quadrant: --x-split: 'p101' is not a percentile (p0 to p100)
>quadrant: --y-split: 'middle' is not a split (a number, median, mean or pNN)
!quadrant: --y-split: '1,5' is not a split (a number, median, mean or pNN)
!usage: quadrant -x MEASURE -y MEASURE [--x-split SPLIT] [--y-split SPLIT]
!           [-c NAME] [--labels L1,L2,L3,L4] [--summary] [options] [FILE ...]
!Try 'quadrant --help' for more information.
? 2

### an empty column name
$ quadrant -x revenue/target -y margin/cost -c '' "$DATA/quadrant_basic.csv" 2>&1 | head -1
>quadrant: -c: the column name is empty

### an unreadable file
$ quadrant -x revenue/target -y margin/cost nonexistent.csv 2>&1; echo "status $?"
>quadrant: nonexistent.csv: cannot open: No such file or directory
>status 3

### --help names every option of the man page
$ for o in -x, --effectiveness -y, --efficiency --x-split --y-split -c, --column --labels --summary --invalid --rejects --lang --decimal-comma; do quadrant --help | grep -q -e " $o " || echo "missing $o"; done
$ quadrant --help | head -1
>usage: quadrant -x MEASURE -y MEASURE [--x-split SPLIT] [--y-split SPLIT]

### --version
$ quadrant --version
>quadrant (crmkit) 0.1.0
