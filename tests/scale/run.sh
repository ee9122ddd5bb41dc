#!/usr/bin/env bash
# make check-scale: the recipes of README "Beyond one machine" and
# crmkit(7) PARTIALS, each run on a generated 1-million-row export and
# compared byte for byte with the single run over the whole file.
#
#   SCALE_ROWS=N   rows of the export (default 1000000)
#
# Needs GNU parallel (Debian parallel).  Ends with "N passed, N failed";
# the exit status is 1 if any check failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${CRM_BIN:-$top/build/bin}
rows=${SCALE_ROWS:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/crmscale.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PATH="$bin:$PATH" LC_ALL=C.UTF-8
unset CRMKIT_DELIMITER CRMKIT_DECIMAL CRMKIT_LANG CRMKIT_THREADS
pass=0 fail=0

ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }
# same NAME EXPECTED ACTUAL: byte-identical, non-empty files
same() {
	if [ -s "$2" ] && cmp -s "$2" "$3"; then ok "$1"; else
		bad "$1"; diff "$2" "$3" | head -5; fi
}

if ! command -v parallel >/dev/null; then
	echo "check-scale: GNU parallel is missing (apt-get install parallel)"
	echo "0 passed, 1 failed"
	exit 1
fi
cd "$work"
"$top/build/gen" -n "$rows" -s 42 > big.csv || { echo "0 passed, 1 failed"; exit 1; }
# Every kind of aggregate: counts, exact sums, moments, extremes, the
# values of median and quantile, the set of distinct.
cat > all.metrics <<'M'
n = count()
revenue = sum(revenue)
satisfaction = mean(satisfaction)
sd = stddev(revenue)
v = var(cost)
med = median(revenue)
p90 = quantile(cost, 0.9)
regions = distinct(region)
least = min(revenue)
most = max(margin)
attainment = sum(revenue) / sum(target)
M
printf 'rep,attainment,satisfaction\nJürgen Weiß,1,80\n(all),0.95,70\n' > targets.csv
K="--by rep --metrics all.metrics"

# 1. GNU parallel over the local cores, output in input order (-k):
#    the single run's bytes, --total and --targets included.
kpi $K --total --targets targets.csv big.csv > single.csv
parallel --pipepart -a big.csv --block -1 --header : -k \
	kpi --partial $K |
	kpi --merge $K --total --targets targets.csv > merged.csv
same "parallel -k, --block -1: --total --targets" single.csv merged.csv

# 2. Several jobs a core, finishing in any order: --sort fixes it.
kpi --by region,phase --preset steering --sort --total big.csv > single2.csv
parallel --pipepart -a big.csv --block 8M --header : -j 4 \
	kpi --partial --by region,phase --preset steering |
	kpi --merge --by region,phase --preset steering --sort --total > merged2.csv
same "parallel -j 4 --block 8M, no -k: --sort, two key columns, preset" \
	single2.csv merged2.csv

# 3. Hadoop Streaming, simulated: split with the header repeated, map,
#    byte-wise sort (the shuffle), reduce.
head -n 1 big.csv > head.csv
tail -n +2 big.csv | split -l 150000 - chunk.
for c in chunk.*; do
	cat head.csv "$c" | kpi --partial $K > "map.${c#chunk.}" || bad "map $c"
done
cat map.* | LC_ALL=C sort | kpi --merge $K --sort > reduced.csv
kpi $K --sort big.csv > single3.csv
same "Hadoop simulation: split, map, LC_ALL=C sort, reduce (--sort)" \
	single3.csv reduced.csv

# 4. Partials as files, merged in input order: no --sort needed.
kpi --merge $K map.* > files.csv
kpi $K big.csv > single4.csv
same "partial files merged in order" single4.csv files.csv

# 5. One group (no --by), over two jobs with -k.
kpi --metrics all.metrics big.csv > single5.csv
parallel --pipepart -a big.csv --block -1 --header : -k -j 2 \
	kpi --partial --metrics all.metrics |
	kpi --merge --metrics all.metrics > merged5.csv
same "no --by: one row" single5.csv merged5.csv

# 6. A chunk that starts inside a quoted field spanning lines fails with
#    the quote error, and the merge yields no figures.
# A first line of 150 bytes in each note: a 100-byte block ends at the
# line break inside the quotes.
long=$(printf 'x%.0s' $(seq 1 150))
{
	echo 'rep,note,revenue'
	for i in $(seq 1 10); do
		printf 'R%d,"%s %d\nsecond line, with a comma",%d\n' \
			$((i % 3)) "$long" "$i" "$i"
	done
} > quoted.csv
echo 's = sum(revenue)' > s.metrics
kpi --by rep --metrics s.metrics quoted.csv > /dev/null ||
	bad "the quoted file reads in one run"
set -o pipefail
parallel --pipepart -a quoted.csv --block 100 --header : -k \
	kpi --partial --by rep --metrics s.metrics 2> quote.err |
	kpi --merge --by rep --metrics s.metrics > quote.csv 2> merge.err
status=$?
set +o pipefail
if [ "$status" -ne 0 ] && [ ! -s quote.csv ] &&
    grep -q 'quote opened here is never closed' quote.err &&
    grep -q 'a partial failed: .*quote' merge.err; then
	ok "a chunk cut inside a quoted field: quote error, no figures"
else
	bad "a chunk cut inside a quoted field: quote error, no figures"
	cat quote.err merge.err quote.csv | head -5
fi

# 7. rfm per customer over an order log of as many rows: GNU parallel
#    in input order, and the Hadoop simulation with --sort.
"$top/build/gen" --orders -n "$rows" -s 42 > orders.csv
R="--customer customer_id --date order_date --amount amount"
rfm $R orders.csv > rsingle.csv
parallel --pipepart -a orders.csv --block -1 --header : -k \
	rfm --partial $R | rfm --merge $R > rmerged.csv
same "rfm: parallel -k" rsingle.csv rmerged.csv
head -n 1 orders.csv > ohead.csv
tail -n +2 orders.csv | split -l 150000 - ochunk.
for c in ochunk.*; do
	cat ohead.csv "$c" | rfm --partial $R > "omap.${c#ochunk.}" ||
		bad "map $c"
done
cat omap.* | LC_ALL=C sort | rfm --merge $R --sort > rreduced.csv
rfm $R --sort orders.csv > rsingle2.csv
same "rfm: Hadoop simulation (--sort)" rsingle2.csv rreduced.csv

# 8. Row tools per partition: the thresholds fixed once, then each
#    block with --thresholds FILE; each job writes the header, awk keeps
#    the first.  Medians saved from the whole file give the plain run.
noheads() { awk 'NR == 1 { h = $0 } NR == 1 || $0 != h'; }
Q="-x revenue/target -y margin/cost"
P="--value value --probability win_probability"
S="--bins revenue -n 5"
quadrant $Q --save-thresholds q.csv big.csv > qsingle.csv
quadrant $Q --thresholds q.csv big.csv > qfixed.csv
parallel --pipepart -a big.csv --block -1 --header : -k \
	quadrant $Q --thresholds q.csv | noheads > qparts.csv
same "quadrant --thresholds: parallel -k = the single --thresholds run" \
	qfixed.csv qparts.csv
same "quadrant --thresholds: parallel -k = the plain single run (medians)" \
	qsingle.csv qparts.csv
prioritize $P --save-thresholds p.csv big.csv > psingle.csv
parallel --pipepart -a big.csv --block -1 --header : -k \
	prioritize $P --thresholds p.csv | noheads > pparts.csv
same "prioritize --thresholds: parallel -k = the plain single run" \
	psingle.csv pparts.csv
segment $S --save-thresholds s.csv big.csv > ssingle.csv
parallel --pipepart -a big.csv --block -1 --header : -k \
	segment $S --thresholds s.csv | noheads > sparts.csv
same "segment --bins --thresholds: parallel -k = the plain single run" \
	ssingle.csv sparts.csv

# 9. Thresholds of a sample (the first 100,000 rows): the partitions
#    equal the single run with that file, which is not the plain run.
head -n 100001 big.csv | quadrant $Q --save-thresholds sample.csv > /dev/null
quadrant $Q --thresholds sample.csv big.csv > qsample.csv
parallel --pipepart -a big.csv --block -1 --header : -k -j 4 \
	quadrant $Q --thresholds sample.csv | noheads > qsparts.csv
same "quadrant, a sample's thresholds, -j 4: the single run with them" \
	qsample.csv qsparts.csv
if cmp -s qsingle.csv qsample.csv; then
	bad "a sample's medians classify some rows otherwise"
else
	ok "a sample's medians classify some rows otherwise"
fi

# 10. Thresholds from kpi --partial/--merge (when no machine reads the
#     whole input), written with 30 decimals so that each reads back as
#     the same number, into thresholds files: quadrant's as in the
#     README, then prioritize's median and segment's quintiles.
printf 'x = median(revenue/target)\ny = median(margin/cost)\n' > splits.metrics
parallel --pipepart -a big.csv --block -1 --header : -k \
	kpi --partial --metrics splits.metrics |
	kpi --merge --metrics splits.metrics --precision 30 > splits.csv
awk -F, 'NR == 2 {
	print "tool,measure,expression,split,threshold"
	print "quadrant,--x-split,revenue/target,median," $1
	print "quadrant,--y-split,margin/cost,median," $2 }' splits.csv > kq.csv
cat > more.metrics <<'M'
v = median(value)
c1 = quantile(revenue, 0.2)
c2 = quantile(revenue, 0.4)
c3 = quantile(revenue, 0.6)
c4 = quantile(revenue, 0.8)
M
parallel --pipepart -a big.csv --block -1 --header : -k \
	kpi --partial --metrics more.metrics |
	kpi --merge --metrics more.metrics --precision 30 > more.csv
awk -F, 'NR == 2 {
	print "tool,measure,expression,split,threshold"
	print "prioritize,--value-split,value,median," $1
	print "prioritize,--probability-split,win_probability,0.5,0.5" }' \
	more.csv > kp.csv
awk -F, 'NR == 2 {
	print "tool,measure,expression,split,threshold"
	for (i = 1; i <= 4; i++)
		print "segment,--bins,revenue,cut" i "," $(i + 1) }' \
	more.csv > ks.csv
# kpi's medians and quantiles are the numbers the tools saved in case 8
# (awk compares them as doubles; 15 digits would differ): segment's cut
# point k of N is quantile(x, k/N), computed by the same code.
for t in q p s; do
	if paste -d , $t.csv k$t.csv |
	    awk -F, 'NR > 1 && $5 != $10 { d = 1 } END { exit d }'; then
		ok "kpi's thresholds for $t.csv are the saved ones"
	else
		bad "kpi's thresholds for $t.csv are the saved ones"
		paste -d , $t.csv k$t.csv | head -3
	fi
done
parallel --pipepart -a big.csv --block -1 --header : -k \
	quadrant $Q --thresholds kq.csv | noheads > kqparts.csv
same "quadrant, kpi's medians as thresholds: the plain single run" \
	qsingle.csv kqparts.csv
parallel --pipepart -a big.csv --block -1 --header : -k \
	prioritize $P --thresholds kp.csv | noheads > kpparts.csv
same "prioritize, kpi's median as threshold: the plain single run" \
	psingle.csv kpparts.csv
parallel --pipepart -a big.csv --block -1 --header : -k \
	segment $S --thresholds ks.csv | noheads > ksparts.csv
same "segment --bins, kpi's quintiles as cut points: the plain single run" \
	ssingle.csv ksparts.csv

# 11. Hadoop Streaming, simulated, map only: the chunks of case 3, the
#     header before each, mapped, the outputs joined in chunk order.
for c in chunk.*; do
	cat head.csv "$c" | segment $S --thresholds s.csv > "smap.${c#chunk.}" ||
		bad "map $c"
done
cat smap.* | noheads > sjoined.csv
same "segment --bins: Hadoop simulation, map only" ssingle.csv sjoined.csv

# 12. clv, as in the README: the model fitted once on the customer
#     table of case 7 (rfm's output; a customer whose first order is on
#     the last day has T = 0 and is kept unscored: 86 at a million
#     orders), then the table's blocks scored with --model.  The fitting
#     run's output is the same: the model file holds each parameter in
#     17 digits.
ln rsingle.csv customers.csv
clv --invalid keep --save-model model.csv customers.csv > fitted.csv 2> fit.err
clv --invalid keep --model model.csv customers.csv > cscored.csv 2> score.err
parallel --pipepart -a customers.csv --block -1 --header : -k \
	clv --invalid keep --model model.csv 2> parts.err | noheads > scored.csv
same "clv --model: parallel -k = the single --model run" cscored.csv scored.csv
same "clv --model: parallel -k = the fitting run" fitted.csv scored.csv

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
