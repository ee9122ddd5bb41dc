#!/bin/sh
# The demo report: the figures a sales manager gets each month, computed
# from the files in examples/ and shown as tables by report(1).  Run by
# `make demo`; the HTML page and workbook of the same month come from
# examples/cron/monthly-report.sh at the end.
set -eu
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
data=examples/customers.csv
orders=examples/orders.csv
events=examples/events.csv

section() {
	printf '\n== %s\n\n' "$1"
}

section "Effectiveness x efficiency (seed 1.1): revenue/target against margin/cost"
quadrant -x 'revenue/target' -y 'margin/cost' --summary "$data" \
	| report --percent share

section "Priorities (seed 1.2.2): customer value x win probability"
prioritize --value value --probability win_probability --summary "$data" \
	| report --percent share

section "Top five of the work list"
prioritize --value value --probability win_probability --sort "$data" \
	| report --columns customer_id,name,rep,priority,expected_value --head 5

section "Needs-based segments (seed 1.2.1) by outcome: steering figures"
segment --needs need_intrinsic,need_extrinsic,need_strategic "$data" \
	| prioritize --value value --probability win_probability \
	| quadrant -x 'revenue/target' -y 'margin/cost' \
	| kpi --by segment --sort --total --preset steering \
	| report --percent worked_share,growth

section "Treatment approaches (seed 1.1.3) from examples/treatments.rules"
segment --rules examples/treatments.rules -c treatment "$data" \
	| kpi --by treatment --sort 'customers=count()' 'revenue=sum(revenue)' \
	    'satisfaction=mean(satisfaction)' \
	| report

section "ABC analysis of revenue"
segment --abc revenue -c abc "$data" \
	| kpi --by abc --sort 'customers=count()' 'revenue=sum(revenue)' \
	| report

section "Steering per sales rep against targets (seed 4, Soll/Ist)"
kpi --by rep --sort --preset steering --targets examples/targets.csv "$data" \
	| report --columns rep,customers,worked_share,attainment,attainment_target,satisfaction,satisfaction_target,growth,cost_per_customer,efficiency \
	    --percent worked_share,growth

section "Customer value (seed 3) from the order log: rfm | clv | prioritize"
rfm --customer customer_id --date order_date --amount amount \
	--as-of 2026-09-30 "$orders" \
	| clv \
	| prioritize --value clv --probability p_alive --ev-column expected_clv --sort \
	| report --columns customer_id,segment,recency,orders,p_alive,churn,expected_purchases,clv,expected_clv,priority --head 8

section "2,000 sales hours, at most 40 a customer (seed 1.1.4), by owner"
prioritize --value value --probability win_probability "$data" \
	| allocate --budget 2000 --unit 1 --weight expected_value --max 40 \
	    --by owner --pools 'Bestandskundenmanagement=60%,Key Account=25%,Spezialvertrieb=15%' \
	    --summary \
	| report

section "The customer process (seed 5) per sales rep: where customers are lost"
funnel --phase phase --by rep "$data" \
	| report --columns rep,phase,current,reached,step_conversion,drop_off \
	    --percent step_conversion,drop_off --head 16

section "Days between the phases, from the event log"
funnel --events --customer customer_id --phase phase --date entered "$events" \
	| report --columns phase,reached,conversion,median_days,mean_days \
	    --percent conversion

section "Dasselbe auf dem deutschen Excel-Export (--lang de)"
quadrant -d ';' --decimal-comma --lang de -x 'revenue/target' \
	-y 'margin/cost' --summary examples/customers_de.csv \
	| report --lang de --percent share

section "The monthly report for the sales manager (examples/cron/monthly-report.sh)"
CRMKIT_AS_OF=${CRMKIT_AS_OF:-2026-06-30} \
	bash examples/cron/monthly-report.sh "$data" build/demo \
	| sed 's/^/written: /'
echo "Open the .html file in a browser, the .xlsx file in Excel."
