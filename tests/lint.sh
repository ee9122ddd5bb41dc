#!/bin/sh
# make lint: static analysis of libcrm and the tools: no include circle
# among the modules of libcrm (tests/lint-includes.sh), cppcheck and then
# clang-tidy (checks in .clang-tidy, every warning an error).  Any finding
# fails.  Suppressions sit in the code beside the line they concern, each
# with its reason:
#   cppcheck:    /* cppcheck-suppress ID ; reason */   (--inline-suppr)
#   clang-tidy:  /* NOLINT...(check) */ after a comment giving the reason
cd "$(dirname "$0")/.." || exit 2
SRC="libcrm/*.c tools/*.c"
DEFS="-D_POSIX_C_SOURCE=200809L -DCRMKIT_VERSION=\"lint\" -DCRMKIT_DATADIR=\"/usr/local/share/crmkit\""
rc=0

echo "== include circles"
sh tests/lint-includes.sh || rc=1

echo "== cppcheck $(cppcheck --version | sed 's/^Cppcheck //')"
# missingIncludeSystem: cppcheck models the C library itself (--library
# posix) instead of reading the system headers.
# ctunullpointer: the whole-program NULL check of cppcheck 2.10 does not
# see that crm_die(), crm_die_error() and the other _Noreturn functions
# end the tool, so it reports the pointer of every `if ((p = f()) ==
# NULL) crm_die_error(&err);` as NULL after it (tools/kpi.c,
# crm_deffile.c).  The per-file NULL checks (nullPointer...) stay on.
# shellcheck disable=SC2086
cppcheck -q --std=c11 --library=posix \
    --enable=warning,performance,portability --error-exitcode=1 \
    --inline-suppr --suppress=missingIncludeSystem --suppress=ctunullpointer \
    -Ilibcrm $DEFS $SRC || rc=1

echo "== clang-tidy $(clang-tidy --version | sed -n 's/.*LLVM version //p')"
# One file per run: clang-tidy 14 misreports every va_start/vprintf pair
# as an uninitialized va_list in all but the first file of a run.
# crm_png.c includes librsvg's and cairo's headers: their directories,
# as system headers (their own warnings are not crmkit's).
RSVG=$(pkg-config --cflags librsvg-2.0 | sed 's/-I/-isystem /g')
for f in $SRC; do
	extra=""
	[ "$f" = libcrm/crm_png.c ] && extra=$RSVG
	# shellcheck disable=SC2086
	out=$(clang-tidy --quiet "$f" -- -std=c11 -Ilibcrm $DEFS $extra 2>&1) || rc=1
	printf '%s\n' "$out" | grep -v -e '^[0-9]* warnings\{0,1\} generated\.$' \
	    -e '^$' || true
done

[ $rc -eq 0 ] && echo "lint: cppcheck and clang-tidy clean"
exit $rc
