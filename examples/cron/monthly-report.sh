#!/usr/bin/env bash
# The monthly sales report: steering figures per sales rep against their
# targets (seed 4, Soll/Ist), priorities (seed 1.2.2) and treatment
# approaches (seed 1.1.3), as one HTML page for the sales manager and an
# Excel workbook beside it, both named after the as-of date:
#
#   OUTDIR/sales-report-2026-06-30.html
#   OUTDIR/sales-report-2026-06-30.xlsx
#
# crontab: at 06:00 on the first of each month, figures as of the last
# day of the month before (cron needs the % escaped):
#
#   0 6 1 * *  cd /srv/crm && CRMKIT_AS_OF=$(date -d yesterday +\%F) examples/cron/monthly-report.sh exports/customers.csv /srv/reports
#
# usage: monthly-report.sh [CUSTOMERS.csv [OUTDIR]]
#   CUSTOMERS.csv  the CRM export (default: examples/customers.csv)
#   OUTDIR         where the two files go (default: the current directory)
# environment:
#   CRMKIT_AS_OF   the as-of date, YYYY-MM-DD (default: today)
#   CRMKIT_LANG    de for a German report
#   TARGETS        targets per rep (default: examples/targets.csv)
#   RULES          treatment rules (default: examples/treatments.rules)
#
# Every file is written atomically (report -o), and pipefail makes a
# failing tool anywhere in a pipeline fail the job, so cron mails the
# error and last month's report stays as it was.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
# crmkit's own bin/ when its tools are not installed
command -v report >/dev/null 2>&1 || PATH=$top/bin:$PATH
data=${1:-$top/examples/customers.csv}
outdir=${2:-.}
targets=${TARGETS:-$top/examples/targets.csv}
rules=${RULES:-$top/examples/treatments.rules}
as_of=${CRMKIT_AS_OF:-$(date +%F)}
export CRMKIT_AS_OF=$as_of

tmp=$(mktemp -d "${TMPDIR:-/tmp}/monthly-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ "${CRMKIT_LANG:-en}" = de ]; then
	title="Vertriebsbericht"
	t_steering="Steuerung je Betreuer (Soll/Ist)"
	t_priorities="Prioritäten"
	t_treatments="Bearbeitungsansätze"
	t_worklist="Arbeitsliste: die 25 wichtigsten Kunden"
	t_funnel="Kundenprozess"
	t_quadrant="Effektivität x Effizienz"
else
	title="Sales report"
	t_steering="Steering per sales rep against targets"
	t_priorities="Priorities: customer value x win probability"
	t_treatments="Treatment approaches"
	t_worklist="Work list: the top 25 customers"
	t_funnel="Customer process"
	t_quadrant="Effectiveness x efficiency"
fi

# The figures.
kpi --by rep --sort --total --preset steering --targets "$targets" \
	"$data" > "$tmp/steering.csv"
prioritize --value value --probability win_probability --summary \
	"$data" > "$tmp/priorities.csv"
segment --rules "$rules" -c treatment "$data" \
	| prioritize --value value --probability win_probability --sort \
	> "$tmp/worklist.csv"
kpi --by treatment --sort --total 'customers=count()' \
	'revenue=sum(revenue)' 'satisfaction=mean(satisfaction)' \
	"$tmp/worklist.csv" > "$tmp/treatments.csv"

sections=(
	--percent 'worked_share,attainment*,*_attainment,growth'
	--columns 'rep,customers,worked_share,attainment,satisfaction,satisfaction_attainment,growth,cost_per_customer,cost_per_customer_attainment,efficiency'
	--section "$t_steering=$tmp/steering.csv"
	--percent share
	--columns 'priority,customers,share,value_sum,expected_value_sum'
	--section "$t_priorities=$tmp/priorities.csv"
	--columns 'treatment,customers,revenue,satisfaction'
	--section "$t_treatments=$tmp/treatments.csv"
	--percent win_probability --head 25
	--columns 'name,rep,region,treatment,value,win_probability,expected_value,priority'
	--section "$t_worklist=$tmp/worklist.csv"
)
charts=()

# The quadrant chart (seed 1.1).
plot quadrant -x 'revenue/target' -y 'margin/cost' --label name \
	--title "$t_quadrant" \
	-o "$tmp/quadrant.svg" "$data"
charts+=(--chart "$tmp/quadrant.svg")

# The customer process (seed 5): its table and its chart.
funnel --phase phase "$data" > "$tmp/funnel.csv"
sections+=(--columns 'phase,current,reached,step_conversion,conversion'
	--percent 'step_conversion,conversion' --head 20
	--section "$t_funnel=$tmp/funnel.csv")
plot funnel -o "$tmp/funnel.svg" "$tmp/funnel.csv"
charts+=(--chart "$tmp/funnel.svg")

mkdir -p "$outdir"
html=$outdir/sales-report-$as_of.html
xlsx=$outdir/sales-report-$as_of.xlsx
report --format html --title "$title" ${charts[@]+"${charts[@]}"} \
	"${sections[@]}" -o "$html"
report --format xlsx --title "$title" "${sections[@]}" -o "$xlsx"
printf '%s\n%s\n' "$html" "$xlsx"
