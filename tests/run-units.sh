#!/bin/sh
# Run each cmocka unit-test binary; cmocka reports on stderr, so it is
# sent to stdout for CI logs.  Fails if any binary fails.
rc=0
for t in "$@"; do
	echo "== $t"
	"$t" 2>&1 || rc=1
done
exit $rc
