#!/bin/sh
# Fails when the modules of libcrm include each other in a circle.  A
# module is a header and the files named after it (crm_input is
# crm_input.h, crm_input_impl.h, crm_input.c and crm_input_half.c: a
# file belongs to the longest header name it starts with).  A module
# depends on every module whose header one of its files includes; any
# cycle among those dependencies is printed and fails.
cd "$(dirname "$0")/.." || exit 2
mods=$(for h in libcrm/*.h; do
	m=${h#libcrm/}; m=${m%.h}
	case $m in *_impl) ;; *) printf '%s ' "$m" ;; esac
done)
for f in libcrm/*.[ch]; do
	sed -n "s|^#include \"\(crm_[a-z0-9_]*\)\.h\".*|${f#libcrm/} \1|p" "$f"
done | awk -v mods="$mods" '
	function module(file,   base, m, best) {
		base = file
		sub(/\.[ch]$/, "", base)
		best = ""
		for (m in mod)
			if ((base == m || index(base, m "_") == 1) &&
			    length(m) > length(best))
				best = m
		return best == "" ? base : best
	}
	function visit(n,   k, i, t, path, j) {
		state[n] = 1
		stack[++depth] = n
		k = split(out[n], t, " ")
		for (i = 1; i <= k; i++) {
			if (state[t[i]] == 1) {
				path = ""
				for (j = depth; j >= 1 && stack[j] != t[i]; j--)
					path = " -> " stack[j] path
				print "include circle: " t[i] path " -> " t[i]
				bad = 1
			} else if (state[t[i]] == 0) {
				visit(t[i])
			}
		}
		depth--
		state[n] = 2
	}
	BEGIN { n = split(mods, ms, " "); for (i = 1; i <= n; i++) mod[ms[i]] = 1 }
	{
		from = module($1)
		to = $2
		nodes[from] = 1
		nodes[to] = 1
		if (from != to && !((from, to) in edge)) {
			edge[from, to] = 1
			out[from] = out[from] " " to
		}
	}
	END {
		for (n in nodes)
			if (state[n] == 0)
				visit(n)
		if (bad)
			exit 1
		print "lint-includes: no include circle among the libcrm modules"
	}'
