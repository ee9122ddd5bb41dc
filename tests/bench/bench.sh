#!/bin/sh
# crmkit beside its peers (SPEC 4; tests/bench/README.md).  Run by `make bench`
# (and `make bench-10m`), from the top directory:
#
#   sh tests/bench/bench.sh
#
# Environment:
#   BENCH_ROWS=N     customers in the generated export (default 1000000)
#   BENCH_RUNS=N     runs of every command; the table shows medians
#                    (default 3)
#   BENCH_PEERS=0    crmkit only (no Miller, DuckDB, ...)
#   BENCH_MEMORY=1   the memory mode instead (make bench-10m): every
#                    crmkit task once on 1 M and on BENCH_ROWS (default
#                    10 M) rows, peak resident memory side by side
#   BENCH_ONLY=RE    only the tasks whose name matches the grep RE
#
# The export comes from tests/bench/gen.c (build/gen -n ROWS -s 42) and is
# cached in tests/bench/cache/, as is DuckDB's Node.js package.  Every
# task runs crmkit and, in the same round on the same file, each peer
# computing the same figures; rounds repeat BENCH_RUNS times, so crmkit
# and peer runs interleave and share whatever the (noisy, shared)
# machine does meanwhile.  Times are wall-clock seconds measured by
# build/benchrun (tests/bench/benchrun.c), which also reports peak
# resident memory; for DuckDB through Node.js the time is the query's
# own, measured inside the process (Node's start-up and loading DuckDB
# are left out, in DuckDB's favour).  ratio = peer seconds / crmkit
# seconds: how many times faster crmkit is.  runs = crmkit's fastest and
# slowest run: a wide span shows that a neighbour slowed the machine
# during that task, which a median of a few rounds cannot hide.
#
# Peers, installed when missing (as root; otherwise the command to run is
# printed and that peer left out): Miller (Debian miller), GNU datamash,
# sqlite3, and DuckDB: a duckdb binary if one is on PATH, else its
# Node.js package @duckdb/node-api from the npm registry, run by
# tests/bench/duckdb.mjs with 2 threads (both cores).
#
# Each peer command was checked once by hand against crmkit's output on
# the 1 M-row export (2026-11, Miller 6.6, DuckDB 1.5.6, sqlite 3.40,
# datamash 1.7), as the comment beside it says.  Figures are the same;
# sums over a million rows differ in the last one or two of 15 digits
# between tools that add in different orders (crmkit sums exactly,
# see crmkit(7) PARTIALS).
set -eu

cd "$(dirname "$0")/../.."
TOP=$PWD
BIN=$TOP/bin
CACHE=$TOP/tests/bench/cache
RUN=$TOP/build/benchrun
GEN=$TOP/build/gen
MEMORY=${BENCH_MEMORY:-0}
if [ "$MEMORY" = 1 ]; then
	ROWS=${BENCH_ROWS:-10000000}
	RUNS=${BENCH_RUNS:-1}
	PEERS=0
else
	ROWS=${BENCH_ROWS:-1000000}
	RUNS=${BENCH_RUNS:-3}
	PEERS=${BENCH_PEERS:-1}
fi
ONLY=${BENCH_ONLY:-.}
DUCKDB_NODE_API=@duckdb/node-api@1.5.6-r.1

note() {
	printf '%s\n' "bench: $*" >&2
}

for f in "$RUN" "$GEN" "$BIN/prioritize" "$BIN/quadrant" "$BIN/segment" \
    "$BIN/kpi" "$BIN/rfm"; do
	if [ ! -x "$f" ]; then
		note "$f is missing: run it through 'make bench'"
		exit 2
	fi
done
mkdir -p "$CACHE"
T=$(mktemp -d "${TMPDIR:-/tmp}/crmkit-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# ------------------------------------------------------------------
# Peers

if [ "$PEERS" = 1 ]; then
	missing=""
	command -v mlr >/dev/null 2>&1 || missing="$missing miller"
	command -v datamash >/dev/null 2>&1 || missing="$missing datamash"
	command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
	if ! command -v duckdb >/dev/null 2>&1; then
		command -v node >/dev/null 2>&1 || missing="$missing nodejs"
		command -v npm >/dev/null 2>&1 || missing="$missing npm"
	fi
	if [ -n "$missing" ]; then
		if [ "$(id -u)" -eq 0 ]; then
			note "installing$missing"
			{ apt-get update -qq &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			    $missing; } >/dev/null 2>&1 ||
			    note "could not install$missing: left out"
		else
			note "missing peers, left out; to include them run:"
			note "  sudo apt-get install -y$missing"
		fi
	fi
	DUCK=""
	if command -v duckdb >/dev/null 2>&1; then
		DUCK=binary
	elif command -v node >/dev/null 2>&1; then
		if [ ! -d "$CACHE/node_modules/@duckdb/node-api" ] &&
		    command -v npm >/dev/null 2>&1; then
			note "installing $DUCKDB_NODE_API into $CACHE"
			[ -f "$CACHE/package.json" ] ||
			    echo '{ "private": true }' > "$CACHE/package.json"
			(cd "$CACHE" && npm install --no-audit --no-fund \
			    --loglevel=error "$DUCKDB_NODE_API" >&2) ||
			    note "npm install failed: DuckDB left out"
		fi
		if [ -d "$CACHE/node_modules/@duckdb/node-api" ] &&
		    node "$TOP/tests/bench/duckdb.mjs" "SELECT 1" \
		    >/dev/null 2>&1; then
			DUCK=node
		fi
	fi
	[ -n "$DUCK" ] || note "no DuckDB: left out"
fi

have() {
	[ "$PEERS" = 1 ] && command -v "$1" >/dev/null 2>&1
}

# ------------------------------------------------------------------
# Data

export_file() {		# export_file ROWS: path of the cached export
	f=$CACHE/customers-$1.csv
	if [ ! -s "$f" ]; then
		note "generating $1 customers into $f"
		"$GEN" -n "$1" -s 42 > "$f.tmp" && mv "$f.tmp" "$f"
	fi
	printf '%s\n' "$f"
}

# ------------------------------------------------------------------
# Measuring

# One run; prints "SECONDS RSS_KB".  time_cmd SHELL-COMMAND
time_cmd() {
	"$RUN" sh -c "exec $1"
}

# One DuckDB run of SQL; prints "SECONDS -".
time_duck() {
	if [ "$DUCK" = binary ]; then
		"$RUN" duckdb -c "$1" | awk '{ print $1, "-" }'
	else
		node "$TOP/tests/bench/duckdb.mjs" --threads 2 "$1" |
		    awk 'NR == 1 { print $1, "-" }'
	fi
}

median() {		# median FILE (first column)
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) print "-";
		else if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2];
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

span() {		# span FILE (first column): fastest-slowest
	sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END {
		if (NR == 0) print "-"; else printf "%.2f-%.2f\n", lo, hi }'
}

maxrss() {		# maxrss FILE (second column, KB) in MB
	awk '$2 != "-" && $2 > m { m = $2 } END {
		if (m == "") print "-"; else printf "%.1f MB\n", m / 1024 }' "$1"
}

ROWS_FILE=$T/rows
: > "$ROWS_FILE"
FAILED=0

# task NAME CRMKIT-COMMAND [PEER-LABEL PEER-KIND PEER-COMMAND]...
# PEER-KIND is cmd (a shell command) or duck (SQL).  Runs BENCH_RUNS
# rounds of crmkit then each peer, and appends the task's rows to the
# table.
task() {
	name=$1 crm=$2
	shift 2
	echo "$name" | grep -qE -- "$ONLY" || return 0
	note "$name"
	: > "$T/crm"
	np=0
	i=1
	while [ $i -le $# ]; do
		: > "$T/peer$i"
		i=$((i + 3))
	done
	r=1
	while [ "$r" -le "$RUNS" ]; do
		if ! time_cmd "$crm" >> "$T/crm"; then
			note "$name: crmkit failed: $crm"
			printf '%s\tFAILED\t\t\t\t\t\t\n' "$name" >> "$ROWS_FILE"
			FAILED=1
			return 0
		fi
		i=1
		while [ $i -le $# ]; do
			eval "kind=\${$((i + 1))} pc=\${$((i + 2))}"
			if [ "$kind" = duck ]; then
				time_duck "$pc" >> "$T/peer$i" ||
				    note "$name: DuckDB failed"
			else
				time_cmd "$pc" >> "$T/peer$i" ||
				    note "$name: peer failed: $pc"
			fi
			i=$((i + 3))
		done
		r=$((r + 1))
	done
	cs=$(median "$T/crm")
	sp=$(span "$T/crm")
	rss=$(maxrss "$T/crm")
	mbs=$(awk -v b="${TASK_BYTES:-$BYTES}" -v s="$cs" \
	    'BEGIN { printf "%.0f", (s > 0 ? b / 1e6 / s : 0) }')
	if [ $# -eq 0 ]; then
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$cs" "$sp" \
		    "$mbs" "$rss" "" "" "" >> "$ROWS_FILE"
		return 0
	fi
	i=1
	first=1
	while [ $i -le $# ]; do
		eval "pl=\${$i}"
		ps=$(median "$T/peer$i")
		ratio=$(awk -v p="$ps" -v c="$cs" 'BEGIN {
			if (p == "-" || c + 0 == 0) print "-";
			else printf "%.1fx\n", p / c }')
		if [ $first = 1 ]; then
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$cs" \
			    "$sp" "$mbs" "$rss" "$pl" "$ps" "$ratio" >> "$ROWS_FILE"
		else
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "" "" "" "" "" \
			    "$pl" "$ps" "$ratio" >> "$ROWS_FILE"
		fi
		first=0
		i=$((i + 3))
	done
}

MLR="" DUCKP="" SQLITE="" DATAMASH=""

# ------------------------------------------------------------------
# The memory mode: crmkit alone, 1 M rows against BENCH_ROWS rows.

if [ "$MEMORY" = 1 ]; then
	SMALL=$(export_file 1000000)
	BIG=$(export_file "$ROWS")
	note "memory mode: $SMALL against $BIG"
	BIGL=$(awk -v n="$ROWS" 'BEGIN { printf "%g M", n / 1e6 }')
	printf 'task\t1 M rows: s\tpeak RSS\t%s rows: s\tpeak RSS\tgrowth per row\tmemory\n' \
	    "$BIGL" > "$T/mem"
	mem_task() {	# mem_task NAME KIND ARGS (the file is appended)
		name=$1 kind=$2 args=$3
		echo "$name" | grep -qE -- "$ONLY" || return 0
		note "$name"
		a=$(time_cmd "$args '$SMALL'")
		b=$(time_cmd "$args '$BIG'")
		echo "$a $b" | awk -v name="$name" -v kind="$kind" \
		    -v rows="$ROWS" '{
			g = ($4 - $2) * 1024 / (rows - 1000000)
			if (g < 0.05 && g > -0.05)
				g = 0
			printf "%s\t%.3f\t%.1f MB\t%.3f\t%.1f MB\t%.1f B\t%s\n",
			    name, $1, $2 / 1024, $3, $4 / 1024, g, kind }' \
		    >> "$T/mem"
	}
	mem_task "wc -l" reference "wc -l"
	mem_task "prioritize, absolute splits" streaming \
	    "'$BIN/prioritize' --value value --probability win_probability --value-split 100000"
	mem_task "quadrant, absolute splits" streaming \
	    "'$BIN/quadrant' -x revenue/target -y margin/cost --x-split 1 --y-split 3"
	mem_task "segment --rule" streaming \
	    "'$BIN/segment' --rule 'key: revenue >= 200000 and satisfaction >= 70' --rule 'develop: revenue > revenue_prev' --rule 'risk: switching >= 0.5' --default base"
	mem_task "segment --needs" streaming \
	    "'$BIN/segment' --needs need_intrinsic,need_extrinsic,need_strategic"
	mem_task "kpi --by rep --preset steering" "streaming (per group)" \
	    "'$BIN/kpi' --by rep --preset steering"
	mem_task "prioritize, median split" "8 B/row x 2 measures (kept for pass 2)" \
	    "'$BIN/prioritize' --value value --probability win_probability"
	mem_task "quadrant, median splits" "8 B/row x 2 measures (kept for pass 2)" \
	    "'$BIN/quadrant' -x revenue/target -y margin/cost"
	mem_task "segment --abc" "8 B/row" "'$BIN/segment' --abc revenue"
	mem_task "segment --bins" "8 B/row" "'$BIN/segment' --bins value -n 5"
	mem_task "prioritize --sort" "24 B/row index, rows spooled to \$TMPDIR" \
	    "'$BIN/prioritize' --value value --probability win_probability --value-split 100000 --sort"
	[ -x "$BIN/report" ] && mem_task "report --head 1000" \
	    "bounded (the first 1000 rows)" "'$BIN/report' --head 1000"
	printf '\ncrmkit peak resident memory, %s against 1 M rows' "$BIGL"
	printf ' (%s, %s cores: %s)\n\n' "$(uname -m)" "$(nproc)" \
	    "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
	awk -F '\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2,
	    $3, $4, $5, $6, $7
	    if (NR == 1) print "|---|---:|---:|---:|---:|---:|---|" }' "$T/mem"
	exit 0
fi

# ------------------------------------------------------------------
# The benchmark

F=$(export_file "$ROWS")
BYTES=$(wc -c < "$F")
Q="'$F'"		# the file, quoted for the shell commands below

P=$BIN/prioritize
QD=$BIN/quadrant
S=$BIN/segment
K=$BIN/kpi
have mlr && MLR=1 || MLR=""
have sqlite3 && SQLITE=1 || SQLITE=""
have datamash && DATAMASH=1 || DATAMASH=""
[ "$PEERS" = 1 ] && [ -n "${DUCK:-}" ] && DUCKP=1 || DUCKP=""

# The peers of the next task, for installed peers: three lines each
# (label, kind, command) in "$T/list", handed to task() by runtask.
addpeer() {		# addpeer LABEL KIND COMMAND  (into the current list)
	printf '%s\n%s\n%s\n' "$1" "$2" "$3" >> "$T/list"
}
runtask() {		# runtask NAME CRMKIT-COMMAND: with the peers in the list
	set -- "$1" "$2"
	while IFS= read -r l && IFS= read -r k && IFS= read -r c; do
		set -- "$@" "$l" "$k" "$c"
	done < "$T/list"
	: > "$T/list"
	task "$@"
}
: > "$T/list"

# -- hardware reference
runtask "wc -l (reference)" "wc -l $Q"
runtask "cat > /dev/null (reference)" "cat $Q"

# -- prioritize, absolute splits (streaming).  Checked: priority and
#    expected_value equal on every row (Miller prints 17 digits, crmkit 15).
if [ -n "$MLR" ]; then
	addpeer "mlr put" cmd "mlr --icsv --ocsv put '\$priority = \$value >= 100000 ? (\$win_probability >= 0.5 ? 1 : 2) : (\$win_probability >= 0.5 ? 3 : 4); \$expected_value = \$value * \$win_probability' $Q"
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, CSV out" duck "COPY (SELECT *, CASE WHEN value >= 100000 THEN CASE WHEN win_probability >= 0.5 THEN 1 ELSE 2 END ELSE CASE WHEN win_probability >= 0.5 THEN 3 ELSE 4 END END AS priority, value * win_probability AS expected_value FROM read_csv('$F')) TO '/dev/null' (HEADER)"
fi
runtask "prioritize, absolute splits" \
    "'$P' --value value --probability win_probability --value-split 100000 $Q"

# -- prioritize, median split (two passes).  Checked: the same median
#    (Miller stats1 -i and DuckDB median interpolate as R type 7) and the
#    same priorities.
if [ -n "$MLR" ]; then
	cat > "$T/mlr_prio_median.sh" <<'EOF'
vt=$(mlr --icsv --onidx stats1 -i -a p50 -f value "$1")
exec mlr --icsv --ocsv put -s vt="$vt" '$priority = $value >= @vt ? ($win_probability >= 0.5 ? 1 : 2) : ($win_probability >= 0.5 ? 3 : 4); $expected_value = $value * $win_probability' "$1"
EOF
	addpeer "mlr stats1 + put" cmd "sh '$T/mlr_prio_median.sh' $Q"
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, CSV out" duck "COPY (WITH t AS (SELECT * FROM read_csv('$F')), s AS (SELECT median(value) AS vt FROM t) SELECT t.*, CASE WHEN value >= vt THEN CASE WHEN win_probability >= 0.5 THEN 1 ELSE 2 END ELSE CASE WHEN win_probability >= 0.5 THEN 3 ELSE 4 END END AS priority, value * win_probability AS expected_value FROM t, s) TO '/dev/null' (HEADER)"
fi
runtask "prioritize, median split" \
    "'$P' --value value --probability win_probability $Q"

# -- prioritize --sort.  Checked: the same row order (ties of expected
#    value keep input order in crmkit and in Miller's stable sort).
if [ -n "$MLR" ]; then
	addpeer "mlr put + sort" cmd "mlr --icsv --ocsv put '\$priority = \$value >= 100000 ? (\$win_probability >= 0.5 ? 1 : 2) : (\$win_probability >= 0.5 ? 3 : 4); \$expected_value = \$value * \$win_probability' then sort -n priority -nr expected_value $Q"
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, CSV out" duck "COPY (SELECT *, CASE WHEN value >= 100000 THEN CASE WHEN win_probability >= 0.5 THEN 1 ELSE 2 END ELSE CASE WHEN win_probability >= 0.5 THEN 3 ELSE 4 END END AS priority, value * win_probability AS expected_value FROM read_csv('$F') ORDER BY priority, expected_value DESC) TO '/dev/null' (HEADER)"
fi
runtask "prioritize --sort" \
    "'$P' --value value --probability win_probability --value-split 100000 --sort $Q"

# -- quadrant, absolute splits (streaming).  Checked: the same label on
#    every row.
QUAD_MLR='$x = $revenue / $target; $y = $margin / $cost; $quadrant = $x >= XT ? ($y >= YT ? "qualified" : "pyrrhic") : ($y >= YT ? "fig-leaf" : "waste"); unset $x, $y'
QUAD_SQL="CASE WHEN revenue / target >= XT THEN CASE WHEN margin / cost >= YT THEN 'qualified' ELSE 'pyrrhic' END ELSE CASE WHEN margin / cost >= YT THEN 'fig-leaf' ELSE 'waste' END END AS quadrant"
if [ -n "$MLR" ]; then
	e=$(printf '%s' "$QUAD_MLR" | sed 's/XT/1/g; s/YT/3/g')
	addpeer "mlr put" cmd "mlr --icsv --ocsv put '$e' $Q"
fi
if [ -n "$DUCKP" ]; then
	e=$(printf '%s' "$QUAD_SQL" | sed 's/XT/1/g; s/YT/3/g')
	addpeer "DuckDB, CSV out" duck "COPY (SELECT *, $e FROM read_csv('$F')) TO '/dev/null' (HEADER)"
fi
runtask "quadrant, absolute splits" \
    "'$QD' -x revenue/target -y margin/cost --x-split 1 --y-split 3 $Q"

# -- quadrant, median splits (two passes).  Checked: the same thresholds
#    and labels (DuckDB writes the rows in another order here; joined on
#    customer_id they agree).
if [ -n "$MLR" ]; then
	e=$(printf '%s' "$QUAD_MLR" | sed 's/XT/@xt/g; s/YT/@yt/g')
	cat > "$T/mlr_quad_median.sh" <<EOF
set -- \$(mlr --icsv --onidx put '\$x = \$revenue / \$target; \$y = \$margin / \$cost' then stats1 -i -a p50 -f x,y "\$1") "\$1"
exec mlr --icsv --ocsv put -s xt="\$1" -s yt="\$2" '$e' "\$3"
EOF
	addpeer "mlr stats1 + put" cmd "sh '$T/mlr_quad_median.sh' $Q"
fi
if [ -n "$DUCKP" ]; then
	e=$(printf '%s' "$QUAD_SQL" | sed 's/XT/xt/g; s/YT/yt/g')
	addpeer "DuckDB, CSV out" duck "COPY (WITH t AS (SELECT * FROM read_csv('$F')), s AS (SELECT median(revenue / target) AS xt, median(margin / cost) AS yt FROM t) SELECT t.*, $e FROM t, s) TO '/dev/null' (HEADER)"
fi
runtask "quadrant, median splits" \
    "'$QD' -x revenue/target -y margin/cost $Q"

# -- segment --rule (streaming).  A missing value makes a comparison
#    false in all three.  Checked: the same label on every row.
if [ -n "$MLR" ]; then
	addpeer "mlr put" cmd "mlr --icsv --ocsv put 'if (\$revenue >= 200000 && is_not_empty(\$satisfaction) && \$satisfaction >= 70) { \$segment = \"key\" } elif (is_not_empty(\$revenue_prev) && \$revenue > \$revenue_prev) { \$segment = \"develop\" } elif (is_not_empty(\$switching) && \$switching >= 0.5) { \$segment = \"risk\" } else { \$segment = \"base\" }' $Q"
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, CSV out" duck "COPY (SELECT *, CASE WHEN revenue >= 200000 AND satisfaction >= 70 THEN 'key' WHEN revenue > revenue_prev THEN 'develop' WHEN switching >= 0.5 THEN 'risk' ELSE 'base' END AS segment FROM read_csv('$F')) TO '/dev/null' (HEADER)"
fi
runtask "segment --rule" \
    "'$S' --rule 'key: revenue >= 200000 and satisfaction >= 70' --rule 'develop: revenue > revenue_prev' --rule 'risk: switching >= 0.5' --default base $Q"

# -- segment --needs (streaming): the highest of three scores, mixed when
#    the top two are equal.  Checked: the same label on every row.
NEEDS_SQL="CASE WHEN (CASE WHEN need_intrinsic = g THEN 1 ELSE 0 END) + (CASE WHEN need_extrinsic = g THEN 1 ELSE 0 END) + (CASE WHEN need_strategic = g THEN 1 ELSE 0 END) >= 2 THEN 'mixed' WHEN need_intrinsic = g THEN 'intrinsic' WHEN need_extrinsic = g THEN 'extrinsic' ELSE 'strategic' END AS segment"
if [ -n "$MLR" ]; then
	addpeer "mlr put" cmd "mlr --icsv --ocsv put 'g = max(\$need_intrinsic, \$need_extrinsic, \$need_strategic); n = (\$need_intrinsic == g ? 1 : 0) + (\$need_extrinsic == g ? 1 : 0) + (\$need_strategic == g ? 1 : 0); \$segment = n >= 2 ? \"mixed\" : \$need_intrinsic == g ? \"intrinsic\" : \$need_extrinsic == g ? \"extrinsic\" : \"strategic\"' $Q"
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, CSV out" duck "COPY (SELECT * EXCLUDE (g), $NEEDS_SQL FROM (SELECT *, greatest(need_intrinsic, need_extrinsic, need_strategic) AS g FROM read_csv('$F'))) TO '/dev/null' (HEADER)"
fi
runtask "segment --needs" \
    "'$S' --needs need_intrinsic,need_extrinsic,need_strategic $Q"

# -- segment --abc revenue: rows by revenue descending (ties in input
#    order), class by the share of the total held by the rows before.
#    Checked: the same class counts (A/B/C) and classes on every row.
if [ -n "$MLR" ]; then
	cat > "$T/mlr_abc.sh" <<'EOF'
tot=$(mlr --icsv --onidx stats1 -a sum -f revenue "$1")
exec mlr --icsv --ocsv cat -n -N _rn then sort -nr revenue -n _rn then put -s tot="$tot" 'begin { @cum = 0 } $segment = @cum / @tot < 0.8 ? "A" : @cum / @tot < 0.95 ? "B" : "C"; @cum += $revenue' then sort -n _rn then cut -x -f _rn "$1"
EOF
	addpeer "mlr sort + put" cmd "sh '$T/mlr_abc.sh' $Q"
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, CSV out" duck "COPY (WITH t AS (SELECT *, row_number() OVER () AS _rn FROM read_csv('$F')), c AS (SELECT *, coalesce(sum(revenue) OVER (ORDER BY revenue DESC, _rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(revenue) OVER () AS _before FROM t) SELECT * EXCLUDE (_rn, _before), CASE WHEN _before < 0.8 THEN 'A' WHEN _before < 0.95 THEN 'B' ELSE 'C' END AS segment FROM c ORDER BY _rn) TO '/dev/null' (HEADER)"
fi
runtask "segment --abc" "'$S' --abc revenue $Q"

# -- segment --bins value -n 5: cut points at the type-7 quintiles, a
#    value on a cut point goes to the lower bin.  Checked: the same cut
#    points and bins.
if [ -n "$MLR" ]; then
	cat > "$T/mlr_bins.sh" <<'EOF'
set -- $(mlr --icsv --onidx stats1 -i -a p20,p40,p60,p80 -f value "$1") "$1"
exec mlr --icsv --ocsv put -s a="$1" -s b="$2" -s c="$3" -s d="$4" '$segment = 1 + ($value > @a ? 1 : 0) + ($value > @b ? 1 : 0) + ($value > @c ? 1 : 0) + ($value > @d ? 1 : 0)' "$5"
EOF
	addpeer "mlr stats1 + put" cmd "sh '$T/mlr_bins.sh' $Q"
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, CSV out" duck "COPY (WITH t AS (SELECT * FROM read_csv('$F')), q AS (SELECT quantile_cont(value, [0.2, 0.4, 0.6, 0.8]) AS c FROM t) SELECT t.*, 1 + (value > c[1])::INT + (value > c[2])::INT + (value > c[3])::INT + (value > c[4])::INT AS segment FROM t, q) TO '/dev/null' (HEADER)"
fi
runtask "segment --bins" "'$S' --bins value -n 5 $Q"

# -- kpi --by rep --preset steering.  Checked: the same 12 rows and
#    figures (to the last digit or two of sums, see above).
STEER_SQL="count(*) AS customers, count(*) FILTER (WHERE visits + calls > 0) AS worked, count(*) FILTER (WHERE visits + calls > 0) / count(*) AS worked_share, sum(revenue) / sum(target) AS attainment, avg(satisfaction) AS satisfaction, sum(revenue) / sum(revenue_prev) - 1 AS growth, sum(cost) / count(*) AS cost_per_customer, sum(cost) / sum(visits + calls) AS cost_per_contact, sum(margin) / sum(cost) AS efficiency, sum(revenue) / sum(cost) * avg(satisfaction) / 100 AS composite"
if [ -n "$MLR" ]; then
	addpeer "mlr put + stats1 + put" cmd "mlr --icsv --ocsv put '\$w = \$visits + \$calls > 0 ? 1 : 0; \$vc = \$visits + \$calls' then stats1 -a count,sum,mean -f customer_id,w,revenue,target,satisfaction,revenue_prev,cost,vc,margin -g rep then put '\$customers = \$customer_id_count; \$worked = \$w_sum; \$worked_share = \$w_sum / \$customer_id_count; \$attainment = \$revenue_sum / \$target_sum; \$satisfaction = \$satisfaction_mean; \$growth = \$revenue_sum / \$revenue_prev_sum - 1; \$cost_per_customer = \$cost_sum / \$customer_id_count; \$cost_per_contact = \$cost_sum / \$vc_sum; \$efficiency = \$margin_sum / \$cost_sum; \$composite = \$revenue_sum / \$cost_sum * \$satisfaction_mean / 100' then cut -o -f rep,customers,worked,worked_share,attainment,satisfaction,growth,cost_per_customer,cost_per_contact,efficiency,composite $Q"
fi
if [ -n "$SQLITE" ]; then
	addpeer "sqlite3 .import + GROUP BY" cmd "sqlite3 :memory: -cmd '.mode csv' -cmd '.import $F t' \"SELECT rep, count(*) AS customers, sum(visits + calls > 0) AS worked, 1.0 * sum(visits + calls > 0) / count(*) AS worked_share, sum(revenue) / sum(target) AS attainment, avg(NULLIF(satisfaction, '')) AS satisfaction, sum(revenue) / sum(NULLIF(revenue_prev, '')) - 1 AS growth, sum(cost) / count(*) AS cost_per_customer, sum(cost) / sum(visits + calls) AS cost_per_contact, sum(margin) / sum(cost) AS efficiency, sum(revenue) / sum(cost) * avg(NULLIF(satisfaction, '')) / 100 AS composite FROM t GROUP BY rep\""
fi
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB GROUP BY" duck "SELECT rep, $STEER_SQL FROM read_csv('$F') GROUP BY rep"
fi
runtask "kpi --by rep --preset steering" \
    "'$K' --by rep --preset steering $Q"

# -- kpi sums by rep beside datamash.  datamash reads neither RFC 4180
#    quoting (names hold commas and quotes) nor empty numbers, so both
#    read a TSV copy without the name column (made once by Miller) and
#    compute what datamash can: counts and sums of always-present
#    columns.  Checked: the same figures.
if [ -n "$DATAMASH" ] && [ -n "$MLR" ]; then
	TSV=$CACHE/customers-$ROWS-noname.tsv
	if [ ! -s "$TSV" ]; then
		mlr --icsv --otsv cut -x -f name "$F" > "$TSV.tmp" &&
		    mv "$TSV.tmp" "$TSV"
	fi
	addpeer "datamash -s -g" cmd "datamash -H -s -g 2 count 1 sum 5 sum 7 sum 8 sum 9 < '$TSV'"
	TASK_BYTES=$(wc -c < "$TSV")
	runtask "kpi --by rep, 5 sums (TSV)" \
	    "'$K' --by rep 'customers=count()' 'revenue=sum(revenue)' 'target=sum(target)' 'margin=sum(margin)' 'cost=sum(cost)' '$TSV'"
	TASK_BYTES=""
fi

# -- the README pipeline, four tools, against one DuckDB query computing
#    the same columns and groups.  Checked: the same four rows.
if [ -n "$DUCKP" ]; then
	addpeer "DuckDB, one query" duck "WITH t AS (SELECT * FROM read_csv('$F')), s AS (SELECT * EXCLUDE (g), $NEEDS_SQL FROM (SELECT *, greatest(need_intrinsic, need_extrinsic, need_strategic) AS g FROM t)), pt AS (SELECT median(value) AS vt FROM s), p AS (SELECT s.*, CASE WHEN value >= vt THEN CASE WHEN win_probability >= 0.5 THEN 1 ELSE 2 END ELSE CASE WHEN win_probability >= 0.5 THEN 3 ELSE 4 END END AS priority, value * win_probability AS expected_value FROM s, pt), qt AS (SELECT median(revenue / target) AS xt, median(margin / cost) AS yt FROM p), q AS (SELECT p.*, $(printf '%s' "$QUAD_SQL" | sed 's/XT/xt/g; s/YT/yt/g') FROM p, qt) SELECT quadrant, $STEER_SQL FROM q GROUP BY quadrant"
fi
runtask "README pipeline (segment, prioritize, quadrant, kpi)" \
    "sh -c \"'$S' --needs need_intrinsic,need_extrinsic,need_strategic $Q | '$P' --value value --probability win_probability | '$QD' -x revenue/target -y margin/cost | '$K' --by quadrant --preset steering\""

# -- clv: the BG/NBD and Gamma-Gamma fits (--summary: fit, no scoring)
#    beside SciPy minimising the same objectives as the Python package
#    lifetimes does (tests/bench/clv_scipy.py, Nelder-Mead), on the CDNOW
#    summary and on BENCH_ROWS customers drawn from the models
#    (build/gen_btyd -s 42).  Checked by hand on CDNOW and on 100 000
#    generated customers: the same parameters and log-likelihoods to
#    the six digits SciPy's script prints.  Then clv's full run, fit and
#    score, alone.
if [ -x "$BIN/clv" ] && [ -x "$TOP/build/gen_btyd" ]; then
	CDNOW=$TOP/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv
	BTYD=$CACHE/btyd-$ROWS.csv
	if [ ! -s "$BTYD" ]; then
		note "generating $ROWS BG/NBD customers into $BTYD"
		"$TOP/build/gen_btyd" -n "$ROWS" -s 42 > "$BTYD.tmp" &&
		    mv "$BTYD.tmp" "$BTYD"
	fi
	if [ "$PEERS" = 1 ] && /usr/bin/python3 -c 'import scipy, pandas' \
	    2>/dev/null; then
		addpeer "SciPy Nelder-Mead" cmd "/usr/bin/python3 '$TOP/tests/bench/clv_scipy.py' '$CDNOW' x t_x T zbar"
	fi
	TASK_BYTES=$(wc -c < "$CDNOW")
	runtask "clv --summary, CDNOW (2357 customers)" \
	    "'$BIN/clv' --frequency x --recency t_x --age T --monetary zbar --summary '$CDNOW'"
	if [ "$PEERS" = 1 ] && /usr/bin/python3 -c 'import scipy, pandas' \
	    2>/dev/null; then
		addpeer "SciPy Nelder-Mead" cmd "/usr/bin/python3 '$TOP/tests/bench/clv_scipy.py' '$BTYD'"
	fi
	TASK_BYTES=$(wc -c < "$BTYD")
	runtask "clv --summary, generated customers" "'$BIN/clv' --summary '$BTYD'"
	runtask "clv, fit and score" "'$BIN/clv' '$BTYD'"
	TASK_BYTES=""
fi

# -- plot (SPEC 4: a million rows in about a second, drawing bounded).
#    The quadrant chart counts every row and draws 5000 points, so the
#    SVG is the same size (about 240 KB) for any input; median splits
#    keep 16 bytes a row, absolute splits stream.  PNG adds the
#    rendering of that bounded SVG by librsvg.  No peer draws the same
#    chart; the quadrant --summary row beside it is the same counting
#    without drawing.
if [ -x "$BIN/plot" ]; then
	PL=$BIN/plot
	runtask "plot quadrant, median splits (SVG)" \
	    "'$PL' quadrant -x revenue/target -y margin/cost $Q"
	runtask "plot quadrant, absolute splits (SVG)" \
	    "'$PL' quadrant -x revenue/target -y margin/cost --x-split 1 --y-split 3 $Q"
	runtask "plot quadrant, median splits (PNG)" \
	    "'$PL' quadrant -x revenue/target -y margin/cost --format png $Q"
	runtask "quadrant --summary (the same counts, no chart)" \
	    "'$QD' -x revenue/target -y margin/cost --summary $Q"
	runtask "plot pareto --value revenue (SVG)" \
	    "'$PL' pareto --value revenue $Q"
fi

# -- report: a million rows for people (SPEC 4: about a second).  With
#    --head 1000 it shows the first 1000 rows and counts the rest
#    without holding them, as text and as the HTML page; md writes every
#    row, streamed.  Peers: Miller pretty-printing the first 1000 rows,
#    and writing every row as a Markdown table (no grouping, no widths,
#    no escaping of markup; checked: the same rows and cells).
if [ -x "$BIN/report" ]; then
	[ -n "$MLR" ] && addpeer "mlr --opprint head" cmd \
	    "mlr --icsv --opprint head -n 1000 $Q"
	runtask "report --format text --head 1000" \
	    "'$BIN/report' --format text --head 1000 $Q"
	runtask "report --format html --head 1000" \
	    "'$BIN/report' --format html --as-of 2026-06-30 --head 1000 $Q"
	[ -n "$MLR" ] && addpeer "mlr --omd" cmd "mlr --icsv --omd cat $Q"
	runtask "report --format md, every row" \
	    "'$BIN/report' --format md $Q"
fi

# -- allocate: 2 hours a customer (2,000,000 for 1 M rows) in proportion
#    to value, at most 40 a customer (two passes, water-filling), beside Miller computing the
#    same lambda by passes (sum of the uncapped weights, capped rows
#    those with value x lambda > 40, until the capped set stays) and then
#    min(value x lambda, 40).  Checked on 20,000 rows: the same
#    allocations to 5e-9 (crmkit's grid for that budget is 1e-8), both
#    summing to the budget.
if [ -x "$BIN/allocate" ]; then
	AB=$((ROWS * 2))
	if [ -n "$MLR" ]; then
		cat > "$T/mlr_alloc.sh" <<'EOF'
B=$2 cap=$3 f=$1 prev=-1
lambda=$(mlr --icsv --onidx stats1 -a sum -f value "$f" | awk -v b="$B" '{ printf "%.17g", b / $1 }')
while :; do
	t=$(awk -v c="$cap" -v l="$lambda" 'BEGIN { printf "%.17g", c / l }')
	s=$(mlr --icsv --onidx filter "\$value <= $t" then stats1 -a sum -f value "$f")
	n=$(mlr --icsv --onidx filter "\$value > $t" then count "$f")
	[ "$n" = "$prev" ] && break
	prev=$n
	lambda=$(awk -v b="$B" -v c="$cap" -v n="$n" -v s="$s" 'BEGIN { printf "%.17g", (b - c * n) / s }')
done
exec mlr --icsv --ocsv put -s l="$lambda" -s c="$cap" '$allocation = min($value * @l, @c)' "$f"
EOF
		addpeer "mlr stats1 + filter + put" cmd "sh '$T/mlr_alloc.sh' $Q $AB 40"
	fi
	runtask "allocate --weight value --max 40" \
	    "'$BIN/allocate' --budget $AB --weight value --max 40 $Q"
fi

# -- funnel --phase phase --by owner (one pass, a count per phase and
#    group) beside Miller counting the same (count -g owner,phase; the
#    cumulative step over 24 rows is left out, in Miller's favour).
#    Checked: the same current counts.
if [ -x "$BIN/funnel" ]; then
	if [ -n "$MLR" ]; then
		addpeer "mlr count -g" cmd "mlr --icsv --ocsv count -g owner,phase $Q"
	fi
	runtask "funnel --phase phase --by owner" \
	    "'$BIN/funnel' --phase phase --by owner $Q"
fi

# -- funnel --events over an event log of a quarter as many customers
#    (gen --events, about 1.3 M events for 1 M rows): the furthest phase
#    and each phase's first date per customer, then counts, medians and
#    means.  Miller keeps the same per-customer maps and writes current
#    and mean_days (no median, in its favour).  Checked on
#    examples/events.csv: the same current counts and means.
if [ -x "$BIN/funnel" ]; then
	EV=$CACHE/events-$((ROWS / 4)).csv
	if [ ! -s "$EV" ]; then
		note "generating the event log of $((ROWS / 4)) customers"
		"$GEN" --events -n $((ROWS / 4)) -s 42 > "$EV.tmp" &&
		    mv "$EV.tmp" "$EV"
	fi
	if [ -n "$MLR" ]; then
		cat > "$T/mlr_funnel.sh" <<'EOF'
exec mlr --icsv --ocsv put -q '
begin { @pos = {"address": 1, "understand": 2, "offer": 3, "close": 4, "fulfil": 5, "aftercare": 6, "develop": 7, "rebuy": 8} }
k = @pos[$phase];
c = $customer_id;
if (is_absent(@far[c]) || k > @far[c]) { @far[c] = k }
t = strptime($entered, "%Y-%m-%d");
if (is_absent(@first[c][k]) || t < @first[c][k]) { @first[c][k] = t }
end {
  for (c, f in @far) {
    @current[f] += 1;
    for (k = 2; k <= 8; k += 1) {
      if (is_present(@first[c][k]) && is_present(@first[c][k - 1])) {
        @sum[k] += (@first[c][k] - @first[c][k - 1]) / 86400;
        @n[k] += 1;
      }
    }
  }
  for (k = 1; k <= 8; k += 1) {
    emit {"position": k, "current": @current[k], "mean_days": k > 1 ? @sum[k] / @n[k] : ""}
  }
}' "$1"
EOF
		addpeer "mlr put (maps per customer)" cmd "sh '$T/mlr_funnel.sh' '$EV'"
	fi
	TASK_BYTES=$(wc -c < "$EV") runtask "funnel --events" \
	    "'$BIN/funnel' --events --customer customer_id --phase phase --date entered '$EV'"
fi

# -- rfm on an order log of 10 x BENCH_ROWS rows (10 million by default,
#    SPEC 4), made by gen --orders -s 42, about one customer per 5.5
#    rows.  The peers compute the same columns: per customer and day
#    (several rows of a day are one purchase), then per customer, the
#    quantile cut points, scores and the ten segments.  Checked on the
#    100000-row log: every column of DuckDB's and pandas' rows equals
#    rfm's (DuckDB's rows come in no particular order, rfm's and pandas'
#    in first-appearance order).
ORDERS_ROWS=$((ROWS * 10))
orders_file() {		# orders_file ROWS: path of the cached order log
	f=$CACHE/orders-$1.csv
	if [ ! -s "$f" ]; then
		note "generating $1 orders into $f"
		"$GEN" --orders -n "$1" -s 42 > "$f.tmp" && mv "$f.tmp" "$f"
	fi
	printf '%s\n' "$f"
}
if echo "rfm" | grep -qE -- "$ONLY"; then
	O=$(orders_file "$ORDERS_ROWS")
	RFM_SEG_SQL="CASE WHEN rs >= 4 AND fs >= 4 AND ms >= 4 THEN 'Champions' WHEN rs = 1 AND fs >= 4 AND ms >= 4 THEN 'Can''t Lose Them' WHEN rs >= 4 AND fs = 1 AND ms = 1 THEN 'New Customers' WHEN rs BETWEEN 3 AND 4 AND fs = 1 AND ms = 1 THEN 'Promising' WHEN rs BETWEEN 2 AND 3 AND fs BETWEEN 2 AND 3 AND ms BETWEEN 2 AND 3 THEN 'Need Attention' WHEN rs <= 2 AND fs >= 2 AND ms >= 2 THEN 'At Risk' WHEN rs >= 2 AND fs >= 3 AND ms >= 3 THEN 'Loyal Customers' WHEN rs >= 3 AND fs <= 3 AND ms <= 3 THEN 'Potential Loyalist' WHEN rs BETWEEN 2 AND 3 AND fs <= 2 AND ms <= 2 THEN 'About To Sleep' WHEN rs <= 2 AND fs <= 2 AND ms <= 2 THEN 'Lost' ELSE 'Others' END"
	RFM_SQL="WITH dd AS (SELECT customer_id, order_date AS d, count(*) AS n, sum(amount) AS a FROM read_csv('$O') GROUP BY customer_id, order_date), c AS (SELECT customer_id, min(d) AS first_purchase, max(d) AS last_purchase, sum(n) AS orders, sum(a) AS revenue, count(*) AS ndays, arg_min(a, d) AS a1 FROM dd GROUP BY customer_id), t AS (SELECT max(last_purchase) AS as_of FROM c), s AS (SELECT c.*, as_of - last_purchase AS recency FROM c, t), q AS (SELECT quantile_cont(recency, [0.2, 0.4, 0.6, 0.8]) AS rc, quantile_cont(orders, [0.2, 0.4, 0.6, 0.8]) AS fc, quantile_cont(revenue, [0.2, 0.4, 0.6, 0.8]) AS mc FROM s), sc AS (SELECT s.*, 5 - (recency > rc[1])::INT - (recency > rc[2])::INT - (recency > rc[3])::INT - (recency > rc[4])::INT AS rs, 1 + (orders > fc[1])::INT + (orders > fc[2])::INT + (orders > fc[3])::INT + (orders > fc[4])::INT AS fs, 1 + (revenue > mc[1])::INT + (revenue > mc[2])::INT + (revenue > mc[3])::INT + (revenue > mc[4])::INT AS ms FROM s, q) SELECT customer_id, first_purchase, last_purchase, orders, revenue, recency, orders AS frequency, revenue AS monetary, rs AS r_score, fs AS f_score, ms AS m_score, 100 * rs + 10 * fs + ms AS rfm_score, $RFM_SEG_SQL AS segment, ndays - 1 AS x, (last_purchase - first_purchase) / 7 AS t_x, (as_of - first_purchase) / 7 AS \"T\", CASE WHEN ndays > 1 THEN (revenue - a1) / (ndays - 1) ELSE 0 END AS m FROM sc, t"
	if [ -n "$DUCKP" ]; then
		addpeer "DuckDB GROUP BY, CSV out" duck "COPY ($RFM_SQL) TO '/dev/null' (HEADER)"
	fi
	if [ "$PEERS" = 1 ] && /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
		addpeer "pandas groupby" cmd "/usr/bin/python3 '$TOP/tests/bench/rfm_pandas.py' '$O'"
	fi
	TASK_BYTES=$(wc -c < "$O")
	runtask "rfm, $(awk -v n="$ORDERS_ROWS" 'BEGIN { printf "%g M", n / 1e6 }') orders" \
	    "'$BIN/rfm' --customer customer_id --date order_date --amount amount '$O'"
	TASK_BYTES=""
fi

# ------------------------------------------------------------------
# Scaling out: kpi --partial / --merge (crmkit(7) PARTIALS) on ten times
# BENCH_ROWS rows (BENCH_SCALE_ROWS), one process against GNU parallel
# with 2 jobs; then the cost of a partition and of the merge, and what
# they predict for 16 cores and for N machines.  The merge costs per
# group and partial, not per row.
if echo "kpi scaling (--partial/--merge)" | grep -qE -- "$ONLY" &&
    command -v parallel >/dev/null 2>&1; then
	SROWS=${BENCH_SCALE_ROWS:-$((ROWS * 10))}
	SF=$(export_file "$SROWS")
	note "kpi scaling on $SF"
	KA="--by rep --preset steering"
	secs() { time_cmd "$1" | awk '{ print $1 }'; }
	t_one=$(secs "'$K' $KA '$SF'")
	t_one1=$(secs "env CRMKIT_THREADS=1 '$K' $KA '$SF'")
	t_par=$(secs "sh -c \"parallel --pipepart -a '$SF' --block -1 --header : -k -j 2 '$K' --partial $KA | '$K' --merge $KA\"")
	# a partition of half the rows, as a job of the 2 above reads it
	head -n $((SROWS / 2 + 1)) "$SF" > "$T/half.csv"
	t_part=$(secs "sh -c \"'$K' --partial $KA < '$T/half.csv' > '$T/half.part'\"")
	# the merge of 1000 such partials (as from 1000 partitions)
	i=0
	while [ $i -lt 1000 ]; do cat "$T/half.part"; i=$((i + 1)); done > "$T/many.part"
	groups=$(grep -vc '^#crmkit' "$T/half.part")
	t_merge=$(secs "'$K' --merge $KA '$T/many.part'")
	"$K" $KA "$SF" > "$T/one.csv"
	parallel --pipepart -a "$SF" --block -1 --header : -k -j 2 \
	    "$K" --partial $KA | "$K" --merge $KA | cmp -s - "$T/one.csv" &&
	    same=identical || same=DIFFERENT
	rm -f "$T/half.csv" "$T/many.part"
	awk -v rows="$SROWS" -v one="$t_one" -v one1="$t_one1" -v par="$t_par" \
	    -v part="$t_part" -v merge="$t_merge" -v g="$groups" -v same="$same" '
	BEGIN {
		row = part / (rows / 2)		# s per row in a partition
		rec = merge / (1000 * g)	# s per group record merged
		printf "\nkpi %s, %d rows (%.0f M), %d groups:\n", \
		    "--by rep --preset steering", rows, rows / 1e6, g
		printf "  one process (2 threads, halves): %.2f s; 1 thread: %.2f s\n", one, one1
		printf "  GNU parallel, 2 jobs, --partial | --merge: %.2f s (output %s)\n", par, same
		printf "  a partition of %d rows: %.2f s = %.1f ns a row\n", rows / 2, part, row * 1e9
		printf "  merge of 1000 partials (%d records): %.3f s = %.2f us a group record\n", \
		    1000 * g, merge, rec * 1e6
		printf "  predicted, partitions in parallel, then one merge:\n"
		for (n = 16; n <= 1024; n *= 4)
			printf "    %4d cores (%3d machines x 16): %.3f s map + %.4f s merge\n", \
			    n, n / 16, rows / n * row, n * g * rec
		printf "  (map time per core assumes a core per job and the file read\n"
		printf "  at that pace; the merge grows with partials x groups, not rows)\n"
	}'
fi

# ------------------------------------------------------------------
# The table

printf '\ncrmkit %s beside its peers: %s customers, %s MB' \
    "$("$P" --version 2>/dev/null | head -n 1 | awk '{ print $NF }')" \
    "$ROWS" "$(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b / 1e6 }')"
printf ', median of %s runs\n' "$RUNS"
printf 'machine: %s cores, %s, %s\n\n' "$(nproc)" \
    "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(uname -sm)"
printf '| task | crmkit s | runs | MB/s | peak RSS | peer | peer s | ratio |\n'
printf '|---|---:|---:|---:|---:|---|---:|---:|\n'
awk -F '\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
    $1, $2, $3, $4, $5, $6, $7, $8 }' "$ROWS_FILE"
printf '\nruns: fastest-slowest of crmkit'"'"'s runs (a wide span: the machine was busy).\n'
printf 'ratio: peer seconds / crmkit seconds.'
[ "${DUCK:-}" = node ] && printf ' DuckDB: @duckdb/node-api, 2 threads, query time inside the process.'
printf '\n'
exit "$FAILED"
