#!/usr/bin/env bash
# CLI golden-test runner.  Each FILE.t holds tests of this form:
#
#   ### name of the test
#   $ shell command (several '$ ' lines form one script)
#   <a line of standard input
#   >a line of expected standard output
#   !a line of expected standard error
#   ? expected exit status (default 0)
#
# A test whose standard output starts with a line "skipped: REASON"
# (a test that needs a program the machine lacks, such as chromium) is
# counted as skipped and shown as "SKIP: FILE: name: REASON".
#
# Output and error are compared exactly.  Each test runs in a fresh
# scratch directory (also its TMPDIR) with $CRM_BIN first on PATH, DATA
# pointing at tests/cli/data and EXAMPLES at examples/.  CRM_WRAP, if set,
# prefixes every tool (valgrind).  Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${CRM_BIN:-$top/bin}
work=$(mktemp -d "${TMPDIR:-/tmp}/crmcli.XXXXXX")
trap 'rm -rf "$work"' EXIT

path=$bin
if [ -n "${CRM_WRAP:-}" ]; then
	mkdir -p "$work/wrap"
	for t in "$bin"/*; do
		n=$(basename "$t")
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$CRM_WRAP" "$t" >"$work/wrap/$n"
		chmod +x "$work/wrap/$n"
	done
	path=$work/wrap
fi

# CRM_JOBS=N (N > 1) runs the files in N runners side by side (for the
# slow valgrind leg on several cores), each file wholly in one runner;
# the runners' reports follow each other, and one summary line ends them.
if [ "${CRM_JOBS:-1}" -gt 1 ] && [ $# -gt 1 ]; then
	jobs=$CRM_JOBS
	[ "$jobs" -gt $# ] && jobs=$#
	# Largest file first, each to the runner with the fewest bytes yet.
	declare -a part load
	for ((j = 0; j < jobs; j++)); do part[j]="" load[j]=0; done
	while read -r size f; do
		m=0
		for ((j = 1; j < jobs; j++)); do
			[ "${load[j]}" -lt "${load[m]}" ] && m=$j
		done
		part[m]="${part[m]} $f" load[m]=$((load[m] + size))
	done < <(wc -c -- "$@" | sed '$d' | sort -rn)
	for ((j = 0; j < jobs; j++)); do
		# shellcheck disable=SC2086
		CRM_JOBS=1 bash "$0" ${part[j]} >"$work/runner$j" 2>&1 &
	done
	wait
	pass=0 fail=0 skip=0
	for ((j = 0; j < jobs; j++)); do
		sed '$d' "$work/runner$j"
		set -- $(tail -n 1 "$work/runner$j" | tr -dc '0-9 ')
		pass=$((pass + ${1:-0})) fail=$((fail + ${2:-1})) skip=$((skip + ${3:-0}))
	done
	if [ "$skip" -gt 0 ]; then
		echo "$pass passed, $fail failed, $skip skipped"
	else
		echo "$pass passed, $fail failed"
	fi
	[ "$fail" -eq 0 ]
	exit
fi

pass=0 fail=0 skip=0
unset CRMKIT_DELIMITER CRMKIT_DECIMAL CRMKIT_LANG CRMKIT_DATE_FORMAT
# A fixed "today" keeps -v output (which names it) and today() stable.
export CRMKIT_AS_OF=2026-12-01
export LC_ALL=C.UTF-8 DATA="$top/tests/cli/data" EXAMPLES="$top/examples" TOP="$top"

run_test() {
	[ -n "$name" ] || return 0
	local dir="$work/t" status out err
	rm -rf "$dir"; mkdir -p "$dir"
	printf '%s' "$stdin" >"$dir/.stdin"
	printf '%s' "$want_out" >"$dir/.want_out"
	printf '%s' "$want_err" >"$dir/.want_err"
	(cd "$dir" && TMPDIR="$dir" PATH="$path:$PATH" bash -c "$script" \
		<"$dir/.stdin" >"$dir/.out" 2>"$dir/.err")
	status=$?
	if head -n 1 "$dir/.out" | grep -q '^skipped: '; then
		skip=$((skip + 1))
		echo "SKIP: $file: $name: $(head -n 1 "$dir/.out" | cut -c 10-)"
		name=""
		return 0
	fi
	if cmp -s "$dir/.out" "$dir/.want_out" && cmp -s "$dir/.err" "$dir/.want_err" \
	   && [ "$status" = "$want_status" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $file: $name"
		echo "  \$ $script"
		if ! cmp -s "$dir/.out" "$dir/.want_out"; then
			echo "  stdout differs (- expected, + actual):"
			diff -u "$dir/.want_out" "$dir/.out" | sed -n '3,40s/^/    /p'
		fi
		if ! cmp -s "$dir/.err" "$dir/.want_err"; then
			echo "  stderr differs (- expected, + actual):"
			diff -u "$dir/.want_err" "$dir/.err" | sed -n '3,40s/^/    /p'
		fi
		[ "$status" = "$want_status" ] || echo "  exit status $status, expected $want_status"
	fi
	name=""
}

nl='
'
for file in "$@"; do
	name="" script="" stdin="" want_out="" want_err="" want_status=0
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
		"### "*)
			run_test
			name=${line#\#\#\# } script="" stdin="" want_out="" want_err="" want_status=0 ;;
		"\$ "*) if [ -n "$script" ]; then script="$script$nl${line#\$ }"; else script=${line#\$ }; fi ;;
		"<"*) stdin="$stdin${line#<}$nl" ;;
		">"*) want_out="$want_out${line#>}$nl" ;;
		"!"*) want_err="$want_err${line#!}$nl" ;;
		"? "*) want_status=${line#? } ;;
		esac
	done <"$file"
	run_test
done
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
