#!/bin/sh
# The demo report: what a cron job would mail to sales management each
# month, computed from examples/customers.csv.  Run by `make demo`.
set -eu
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
data=examples/customers.csv

section() {
	printf '\n== %s\n\n' "$1"
}

section "Effectiveness x efficiency (seed 1.1): revenue/target against margin/cost"
quadrant -x 'revenue/target' -y 'margin/cost' --summary "$data"

section "Priorities (seed 1.2.2): customer value x win probability"
prioritize --value value --probability win_probability --summary "$data"

section "Top five of the work list"
prioritize --value value --probability win_probability --sort "$data" \
	| kpi --by customer_id,name,priority 'expected_value=sum(expected_value)' \
	| head -n 6

section "Needs-based segments (seed 1.2.1) by outcome: steering figures"
segment --needs need_intrinsic,need_extrinsic,need_strategic "$data" \
	| prioritize --value value --probability win_probability \
	| quadrant -x 'revenue/target' -y 'margin/cost' \
	| kpi --by segment --sort --total --precision 2 --preset steering

section "Treatment approaches (seed 1.1.3) from examples/treatments.rules"
segment --rules examples/treatments.rules -c treatment "$data" \
	| kpi --by treatment --sort 'customers=count()' 'revenue=sum(revenue)' \
	    'satisfaction=mean(satisfaction)' --precision 0

section "ABC analysis of revenue"
segment --abc revenue -c abc "$data" \
	| kpi --by abc --sort 'customers=count()' 'revenue=sum(revenue)' \
	    --precision 0

section "Steering per sales rep against targets (seed 4, Soll/Ist)"
kpi --by rep --sort --preset steering --targets examples/targets.csv \
	--precision 2 "$data" \
	| cut -d, -f1,2,5,6,7,8,9,10,11,12

section "Dasselbe auf dem deutschen Excel-Export (--lang de)"
quadrant -d ';' --decimal-comma --lang de -x 'revenue/target' \
	-y 'margin/cost' --summary examples/customers_de.csv

section "The monthly report for the sales manager (examples/cron/monthly-report.sh)"
CRMKIT_AS_OF=${CRMKIT_AS_OF:-2026-06-30} \
	bash examples/cron/monthly-report.sh "$data" build/demo \
	| sed 's/^/written: /'
echo "Open the .html file in a browser, the .xlsx file in Excel."
