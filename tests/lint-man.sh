#!/bin/sh
# mandoc -Tlint on every page; any warning fails.
rc=0
for m in "$@"; do
	out=$(mandoc -Tlint -W warning "$m" 2>&1) || rc=1
	if [ -n "$out" ]; then echo "$out"; rc=1; fi
done
[ $rc -eq 0 ] && echo "man pages: $# lint-clean"
exit $rc
