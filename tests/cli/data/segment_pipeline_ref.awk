# Independent reference for the pipeline test in segment.t: computes,
# without crmkit, what
#   segment --needs ... | segment --abc revenue | quadrant -x revenue/target
#   -y margin/cost | prioritize --value value --probability win_probability
# gives on examples/customers_de.csv (German labels).  POSIX awk; run with
# -F';'.  Prints customer_id;segment;abc;quadrant;priority per row.
#
# Needs: the highest of need_intrinsic, need_extrinsic, need_strategic,
# an exact tie of the top two is "gemischt".  ABC: rows ranked by revenue
# descending, ties in input order; computed in integer cents, so "share
# before the row < 80 %" is the exact test prefix * 100 < 80 * total.
# Quadrant and priority: type-7 medians (h = (n-1)/2), value >= threshold
# is high; the probability threshold is 0.5.

function num(s) { sub(/,/, ".", s); return s + 0 }

function cents(s,   i, f) {
	# "28416,31" -> 2841631, exactly
	i = index(s, ",")
	if (i == 0) return (s + 0) * 100
	f = substr(s, i + 1) "00"
	return substr(s, 1, i - 1) * 100 + substr(f, 1, 2)
}

function sort_asc(a, n,   i, j, t) {
	for (i = 2; i <= n; i++) {
		t = a[i]; j = i - 1
		while (j > 0 && a[j] > t) { a[j + 1] = a[j]; j-- }
		a[j + 1] = t
	}
}

function median(a, n,   h, lo) {
	sort_asc(a, n)
	h = (n - 1) / 2; lo = int(h)
	if (lo + 1 >= n) return a[n]
	return a[lo + 1] + (h - lo) * (a[lo + 2] - a[lo + 1])
}

{ sub(/\r$/, "") }
NR == 1 { next }
{
	n++
	id[n] = $1
	ni = num($17); ne = num($18); ns = num($19)
	best = ni; seg[n] = "intrinsisch"; second = -1
	if (ne > best) { second = best; best = ne; seg[n] = "extrinsisch" }
	else second = ne
	if (ns > best) { second = best; best = ns; seg[n] = "strategisch" }
	else if (ns > second) second = ns
	if (best == second) seg[n] = "gemischt"
	rc[n] = cents($6)
	x[n] = num($6) / num($8); xs[n] = x[n]
	y[n] = num($9) / num($10); ys[n] = y[n]
	v[n] = num($15); vs[n] = v[n]
	p[n] = num($16)
}
END {
	# ABC: stable insertion sort of row numbers by revenue descending
	for (i = 1; i <= n; i++) {
		t = i; j = i - 1
		while (j > 0 && rc[ord[j]] < rc[t]) { ord[j + 1] = ord[j]; j-- }
		ord[j + 1] = t
		total += rc[i]
	}
	prefix = 0
	for (r = 1; r <= n; r++) {
		k = ord[r]
		if (r == 1 || prefix * 100 < 80 * total) abc[k] = "A"
		else if (prefix * 100 < 95 * total) abc[k] = "B"
		else abc[k] = "C"
		prefix += rc[k]
	}
	tx = median(xs, n); ty = median(ys, n); tv = median(vs, n)
	for (i = 1; i <= n; i++) {
		q = (x[i] >= tx ? 2 : 0) + (y[i] >= ty ? 1 : 0)
		quad = q == 0 ? "Ressourcenverschwendung" : q == 1 ? "Feigenblatt" : \
		    q == 2 ? "Pyrrhussieg" : "Qualifiziertes Kundenmanagement"
		vh = v[i] >= tv; ph = p[i] >= 0.5
		prio = vh ? (ph ? 1 : 2) : (ph ? 3 : 4)
		print id[i] ";" seg[i] ";" abc[i] ";" quad ";" prio
	}
}
