# Helpers for faults.t, sourced by its tests: . "$TOP/tests/cli/faults.sh"

# real TOOL: the tool's own executable, also when CRM_WRAP (valgrind)
# puts a wrapper script first on PATH (it ends: exec ... "/path/TOOL" "$@").
real() {
	_p=$(command -v "$1")
	if [ "$(head -c 2 "$_p")" = "#!" ]; then
		sed -n 's/.* "\([^"]*\)" "\$@"$/\1/p' "$_p"
	else
		echo "$_p"
	fi
}

# low_memory TOOL ARGS...: run TOOL with little memory, so that a big
# input exhausts it.  Normally an address space of LOW_MEMORY_KB KiB
# (default 65536) through ulimit -v.  An ASan build reserves terabytes of
# address space for its shadow memory and cannot start under ulimit -v:
# there ASan's own limit does it (malloc returns NULL for any single
# allocation above half of LOW_MEMORY_KB), and ASan's warning about the
# refused allocation is dropped from standard error.  A TSan build (make
# check-tsan) reserves its shadow memory the same way and takes the same
# two allocator options, in TSAN_OPTIONS (it warns about nothing).
# Valgrind gives the program it runs memory of its own whatever ulimit
# -v says, so under CRM_WRAP the tool runs unwrapped.
low_memory() {
	_bin=$(real "$1")
	shift
	_san=
	if grep -q __asan_init "$_bin"; then
		_san=ASAN_OPTIONS _opts=${ASAN_OPTIONS:-}
	elif grep -q __tsan_init "$_bin"; then
		_san=TSAN_OPTIONS _opts=${TSAN_OPTIONS:-}
	fi
	if [ -n "$_san" ]; then
		env "$_san=${_opts:+$_opts:}allocator_may_return_null=1:max_allocation_size_mb=$((${LOW_MEMORY_KB:-65536} / 2048))" \
		    "$_bin" "$@" 2>"$TMPDIR/.lowmem"
		_rc=$?
		grep -v 'WARNING: AddressSanitizer failed to allocate' "$TMPDIR/.lowmem" >&2
		rm -f "$TMPDIR/.lowmem"
		return $_rc
	fi
	(ulimit -v "${LOW_MEMORY_KB:-65536}" && exec "$_bin" "$@")
}

# no_dac COMMAND...: run COMMAND so that file permissions apply to it.
# Root reads any file through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH;
# as root, COMMAND runs with both dropped from its capability bounding
# set (setpriv, util-linux).  Other users need nothing.
no_dac() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --bounding-set=-dac_override,-dac_read_search -- "$@"
	else
		"$@"
	fi
}

# wait_idle PID: wait until process PID sleeps reading an empty pipe or
# FIFO, that is, until it has consumed everything written to it so far:
# every thread of it sleeps (a kernel wait channel other than 0) and one
# of them in a pipe read (the reader thread; the main thread then waits
# for its records).  Gives up after 60 s.  This waits for a state, so it
# does not race however slow the tool is (valgrind): a signal then finds
# the tool idle, not half way through a step whose memory a leak check
# would misread.
wait_idle() {
	_i=0
	while [ $_i -lt 6000 ]; do
		_pipe=0 _busy=0
		for _t in /proc/"$1"/task/*; do
			case $(cat "$_t/wchan" 2>/dev/null) in
			*pipe*) _pipe=1 ;;
			'' | 0) _busy=1 ;;
			esac
		done
		[ $_pipe = 1 ] && [ $_busy = 0 ] && return 0
		sleep 0.01
		_i=$((_i + 1))
	done
	echo "wait_idle: process $1 is not waiting for input" >&2
	return 1
}

# temps: the temporary files of -o out.csv, with their sizes.
temps() {
	for _f in .out.csv.crmkit-*; do
		[ -e "$_f" ] || continue
		if [ -s "$_f" ]; then
			echo "temporary file: written"
		else
			echo "temporary file: empty"
		fi
	done
}

# nowrap TOOL ARGS...: run the tool itself, not under CRM_WRAP: valgrind
# needs a usable TMPDIR of its own, so tests of a broken TMPDIR run the
# tool without it.
nowrap() {
	_bin=$(real "$1")
	shift
	"$_bin" "$@"
}

# The generators below run awk with SIGPIPE at its default action: a
# tool that stops reading early then ends them quietly, even where the
# test runner was started with SIGPIPE ignored (awk would report EPIPE).

# rows N: a CSV of N customers with columns for every tool (v, p for
# prioritize and quadrant; a, b, c for segment --needs; g for kpi).
rows() {
	env --default-signal=PIPE awk -v n="$1" 'BEGIN {
		print "id,v,p,a,b,c,g"
		for (i = 1; i <= n; i++)
			printf "%d,%d,0.%d,%d,%d,%d,g%d\n", i, i % 97, i % 10,
			    i % 7, i % 5, i % 3, i % 13
	}'
}

# long_field K [quoted]: the columns of rows, and one record whose first
# field is 2^K bytes long (quoted if asked).
long_field() {
	env --default-signal=PIPE awk -v k="$1" -v q="${2:+\"}" 'BEGIN {
		print "v,p,a,b,c,g"
		s = "x"
		for (i = 0; i < k; i++)
			s = s s
		print q s q ",0.5,1,1,1,g1"
	}'
}
