#include "crm_alloc.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_num.h"
#include "crm_tmp.h"

/* Most cells a budget may hold: sums of cells stay exact in doubles,
 * and the solver resolves a sum to well below one cell. */
#define MAX_CELLS 1e13

/*
 * What the solver knows of a row: c, d, and its bounds in cells (hi
 * INFINITY: no cap).
 *
 * Storage: c in memory, the first of the fields that vary by row (d,
 * then lo, then hi) in memory too, and the others, when there are any,
 * in a spill file of the pool in $TMPDIR, in the order the rows were
 * added.  Every loop of the solver visits the rows of a pool in that
 * order (a cursor), so the file is read from the start, sequentially,
 * once per loop.  Why the figures are those of keeping every field in
 * memory: the cursor hands each loop the same doubles, written and
 * read back bit for bit (fwrite/fread of the doubles themselves), for
 * the same rows in the same order; every sum, comparison and selection
 * is then the same computation on the same operands.
 */
typedef struct row {
	double c, d, lo, hi;
} row;

enum field { FIELD_D, FIELD_LO, FIELD_HI };

typedef struct pool {
	double *c;		/* c per row; after solving, the cells */
	double *first;		/* the first per-row field, or NULL */
	FILE *spill;		/* the other per-row fields, or NULL */
	int spill_errno;	/* a failed read or write of spill */
	size_t n, cap;
	double cells;		/* the pool's budget in cells */
	size_t next;		/* crm_alloc_next's position */
	crm_alloc_stats st;
} pool;

struct crm_alloc {
	crm_alloc_spec s;
	enum field field[3];	/* the fields that vary by row, in order */
	int nfields;
	double grid;
	int decimals;		/* fine grid: grid = 10^-decimals */
	double cells;		/* the budget in cells */
	double lo_all, hi_all;	/* in cells */
	pool *p;
};

/* A sum with Neumaier's compensation. */
typedef struct ksum {
	double s, comp;
} ksum;

static void
ksum_add(ksum *k, double x)
{
	double t = k->s + x;

	if (fabs(k->s) >= fabs(x))
		k->comp += (k->s - t) + x;
	else
		k->comp += (x - t) + k->s;
	k->s = t;
}

static double
ksum_value(const ksum *k)
{
	return k->s + k->comp;
}

/* x, or the integer it is within a relative 1e-12 of (division by the
 * grid leaves such dust on values that are multiples of it). */
static double
snap(double x)
{
	double r = nearbyint(x);

	return fabs(x - r) <= 1e-12 * fmax(1, fabs(r)) ? r : x;
}

static double
pow10i(int e)
{
	double p = 1;

	for (int i = 0; i < abs(e); i++)
		p *= 10;
	return e < 0 ? 1 / p : p;
}

double
crm_alloc_grid(const crm_alloc *a)
{
	return a->grid;
}

static double
to_value(const crm_alloc *a, double cells)
{
	if (a->s.unit > 0)
		return cells * a->s.unit;
	/* one rounding: 10^decimals is exact up to 10^22 */
	return a->decimals >= 0 ? cells / pow10i(a->decimals) :
	    cells * pow10i(-a->decimals);
}

static double
lo_cells(const crm_alloc *a, double v)
{
	double x = snap(v / a->grid);

	return a->s.unit > 0 ? ceil(x) : nearbyint(x);
}

static double
hi_cells(const crm_alloc *a, double v)
{
	double x;

	if (isinf(v))
		return v;
	x = snap(v / a->grid);
	return a->s.unit > 0 ? floor(x) : nearbyint(x);
}

/* The grid and the budget in cells. */
static int
set_grid(crm_alloc *a, crm_error *err)
{
	double b = a->s.budget, x;
	int e;

	if (!(b >= 0) || isinf(b))
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "--budget must be a number >= 0");
	if (a->s.unit > 0) {
		a->grid = a->s.unit;
		x = b / a->s.unit;
		if (fabs(x - nearbyint(x)) > 1e-9 * fmax(1, x))
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--budget %.15g is no multiple of --unit %.15g",
			    b, a->s.unit);
		if (nearbyint(x) > MAX_CELLS)
			return crm_error_set(err, CRM_EXIT_USAGE, "--budget "
			    "%.15g holds more than 1e13 units of %.15g", b,
			    a->s.unit);
		a->cells = nearbyint(x);
		return 0;
	}
	if (b == 0) {
		a->grid = 1;
		a->decimals = 0;
		return 0;
	}
	e = (int)floor(log10(b));
	if (pow10i(e) > b)
		e--;
	else if (pow10i(e + 1) <= b)
		e++;
	a->decimals = 12 - e;
	a->grid = pow10i(-a->decimals);
	a->cells = nearbyint(a->decimals >= 0 ? b * pow10i(a->decimals) :
	    b / pow10i(-a->decimals));
	return 0;
}

/* The pools' budgets: floor of their shares, the cells left over by
 * largest remainder (ties: larger share, then the pool given first). */
static void
split_pools(crm_alloc *a)
{
	double left = a->cells;
	size_t np = a->s.npools;

	if (a->s.shares == NULL) {
		a->p[0].cells = a->cells;
		return;
	}
	for (size_t g = 0; g < np; g++) {
		double want = a->cells * a->s.shares[g];

		a->p[g].cells = fmin(floor(want), left);
		left -= a->p[g].cells;
	}
	while (left > 0) {
		size_t best = 0;
		double br = -1;

		for (size_t g = 0; g < np; g++) {
			double want = a->cells * a->s.shares[g];
			double r = want - a->p[g].cells;

			if (r > br || (r == br &&
			    a->s.shares[g] > a->s.shares[best])) {
				best = g;
				br = r;
			}
		}
		a->p[best].cells++;
		left--;
	}
}

crm_alloc *
crm_alloc_new(const crm_alloc_spec *spec, crm_error *err)
{
	crm_alloc *a;
	double sum = 0;

	if (!(spec->unit >= 0) || isinf(spec->unit)) {
		crm_error_set(err, CRM_EXIT_USAGE, "--unit must be > 0");
		return NULL;
	}
	for (size_t g = 0; spec->shares != NULL && g < spec->npools; g++) {
		if (!(spec->shares[g] >= 0)) {
			crm_error_set(err, CRM_EXIT_USAGE,
			    "--pools: a share must be >= 0");
			return NULL;
		}
		sum += spec->shares[g];
	}
	if (spec->shares != NULL && fabs(sum - 1) > 1e-9) {
		crm_error_set(err, CRM_EXIT_USAGE,
		    "--pools: the shares sum to %.15g %%, not 100 %%",
		    sum * 100);
		return NULL;
	}
	a = crm_xcalloc(1, sizeof *a);
	a->s = *spec;
	if (a->s.shares == NULL)
		a->s.npools = 1;
	if (set_grid(a, err) < 0) {
		free(a);
		return NULL;
	}
	a->lo_all = lo_cells(a, spec->min_all);
	a->hi_all = hi_cells(a, spec->max_all);
	a->p = crm_xcalloc(a->s.npools, sizeof *a->p);
	if (a->s.flags & CRM_ALLOC_RESPONSE)
		a->field[a->nfields++] = FIELD_D;
	if (a->s.flags & CRM_ALLOC_ROW_MIN)
		a->field[a->nfields++] = FIELD_LO;
	if (a->s.flags & CRM_ALLOC_ROW_MAX)
		a->field[a->nfields++] = FIELD_HI;
	split_pools(a);
	return a;
}

void
crm_alloc_free(crm_alloc *a)
{
	if (a == NULL)
		return;
	for (size_t g = 0; g < a->s.npools; g++) {
		free(a->p[g].c);
		free(a->p[g].first);
		if (a->p[g].spill != NULL)
			fclose(a->p[g].spill);
	}
	free(a->p);
	free(a);
}

static void
grow(crm_alloc *a, pool *p)
{
	p->cap = p->cap ? p->cap * 2 : 256;
	p->c = crm_xreallocarray(p->c, p->cap, sizeof *p->c);
	if (a->nfields > 0)
		p->first = crm_xreallocarray(p->first, p->cap,
		    sizeof *p->first);
}

static int
spill_failed(pool *p, const char *what, crm_error *err)
{
	return crm_error_set(err, CRM_EXIT_IO, "cannot %s a temporary file "
	    "in %s: %s", what, crm_tmp_dir(), strerror(p->spill_errno));
}

/* Store row r at the end of pool p (see struct row). */
static int
store(crm_alloc *a, pool *p, const row *r, crm_error *err)
{
	double v[3];
	int fd;

	for (int f = 0; f < a->nfields; f++)
		v[f] = a->field[f] == FIELD_D ? r->d :
		    a->field[f] == FIELD_LO ? r->lo : r->hi;
	if (p->n == p->cap)
		grow(a, p);
	p->c[p->n] = r->c;
	if (a->nfields > 0)
		p->first[p->n] = v[0];
	if (a->nfields > 1 && p->spill == NULL) {
		if ((fd = crm_tmp_open(err)) < 0)
			return -1;
		if ((p->spill = fdopen(fd, "w+b")) == NULL) {
			p->spill_errno = errno;
			close(fd);
			return spill_failed(p, "open", err);
		}
	}
	if (a->nfields > 1 && fwrite(v + 1, sizeof *v,
	    (size_t)a->nfields - 1, p->spill) != (size_t)a->nfields - 1) {
		p->spill_errno = errno ? errno : EIO;
		return spill_failed(p, "write", err);
	}
	p->n++;
	return 0;
}

int
crm_alloc_add(crm_alloc *a, size_t pool_idx, double weight, double half,
	      double lo, double hi, crm_error *err)
{
	pool *p = &a->p[pool_idx];
	row r = { weight > 0 ? weight : 0, 0, a->lo_all, a->hi_all };

	if (a->s.flags & CRM_ALLOC_ROW_MIN)
		r.lo = lo_cells(a, lo);
	else
		lo = a->s.min_all;
	if (a->s.flags & CRM_ALLOC_ROW_MAX)
		r.hi = hi_cells(a, hi);
	else
		hi = a->s.max_all;
	if (r.lo > r.hi) {
		if (lo > hi)
			return crm_error_set(err, CRM_EXIT_DATA,
			    "minimum %.15g exceeds maximum %.15g", lo, hi);
		return crm_error_set(err, CRM_EXIT_DATA, "no multiple of "
		    "--unit %.15g lies between minimum %.15g and maximum "
		    "%.15g", a->s.unit, lo, hi);
	}
	if (a->s.flags & CRM_ALLOC_RESPONSE) {
		r.c = weight > 0 && half > 0 ? sqrt(weight) * sqrt(half) : 0;
		r.d = half > 0 ? half / a->grid : 0;
	}
	return store(a, p, &r, err);
}

/* The rows of a pool in the order they were added, one after the other
 * (a loop of the solver over the pool). */
#define CURSOR_ROWS 512

typedef struct cursor {
	const crm_alloc *a;
	pool *p;
	size_t i;		/* the next row */
	size_t have, at;	/* rows read into buf, and used */
	double buf[CURSOR_ROWS * 2];
} cursor;

static void
cursor_start(cursor *k, const crm_alloc *a, pool *p)
{
	k->a = a;
	k->p = p;
	k->i = k->have = k->at = 0;
	if (p->spill != NULL && fseek(p->spill, 0, SEEK_SET) != 0 &&
	    p->spill_errno == 0)
		p->spill_errno = errno;
}

/* The spilled fields of the next row: a failed read gives zeros and
 * leaves its errno in the pool, for crm_alloc_solve to report. */
static const double *
cursor_spilled(cursor *k)
{
	size_t per = (size_t)k->a->nfields - 1;

	if (k->at == k->have) {
		size_t want = k->p->n - k->i;

		want = want < CURSOR_ROWS ? want : CURSOR_ROWS;
		k->have = fread(k->buf, per * sizeof *k->buf, want,
		    k->p->spill);
		k->at = 0;
		if (k->have < want) {
			if (k->p->spill_errno == 0)
				k->p->spill_errno = errno ? errno : EIO;
			memset(k->buf, 0, sizeof k->buf);
			k->have = want;
		}
	}
	return k->buf + per * k->at++;
}

static void
cursor_next(cursor *k, row *r)
{
	const crm_alloc *a = k->a;
	double v[3];

	r->c = k->p->c[k->i];
	r->d = 0;
	r->lo = a->lo_all;
	r->hi = a->hi_all;
	if (a->nfields > 0)
		v[0] = k->p->first[k->i];
	if (a->nfields > 1)
		memcpy(v + 1, cursor_spilled(k),
		    ((size_t)a->nfields - 1) * sizeof *v);
	for (int f = 0; f < a->nfields; f++) {
		if (a->field[f] == FIELD_D)
			r->d = v[f];
		else if (a->field[f] == FIELD_LO)
			r->lo = v[f];
		else
			r->hi = v[f];
	}
	k->i++;
}

/* Row r's maximum in cells: without cap, the pool's budget. */
static double
row_hi(const pool *p, const row *r)
{
	return r->hi < p->cells ? r->hi : p->cells;
}

/* Row r's continuous allocation in cells at mu. */
static double
row_at(const pool *p, const row *r, double mu)
{
	double hi = row_hi(p, r), x;

	if (r->c == 0)
		return r->lo;
	x = r->c * mu - r->d;
	return x < r->lo ? r->lo : x > hi ? hi : x;
}

/* The pool's total at mu, and the slope and offset of its free rows
 * (neither at a bound) and the sum of the others. */
typedef struct at_mu {
	double total, slope, offset, fixed;
} at_mu;

static void
total_at(const crm_alloc *a, pool *p, double mu, at_mu *out)
{
	ksum total = { 0, 0 }, fixed = { 0, 0 }, slope = { 0, 0 };
	ksum offset = { 0, 0 };
	bool response = a->s.flags & CRM_ALLOC_RESPONSE;
	cursor k;
	row r;

	cursor_start(&k, a, p);
	for (size_t i = 0; i < p->n; i++) {
		double x;

		cursor_next(&k, &r);
		x = row_at(p, &r, mu);
		ksum_add(&total, x);
		if (r.c > 0 && x > r.lo && x < row_hi(p, &r)) {
			ksum_add(&slope, r.c);
			if (response)
				ksum_add(&offset, r.d);
		} else
			ksum_add(&fixed, x);
	}
	out->total = ksum_value(&total);
	out->slope = ksum_value(&slope);
	out->offset = ksum_value(&offset);
	out->fixed = ksum_value(&fixed);
}

static void
describe_pool(const crm_alloc *a, size_t g, char *buf, size_t cap)
{
	buf[0] = '\0';
	if (a->s.shares != NULL && a->s.labels != NULL)
		snprintf(buf, cap, "pool '%s': ", a->s.labels[g]);
}

/* Whether the pool's budget lies between its minimums and maximums;
 * *mu_hi gets a mu where every row is at its maximum. */
static int
feasible(const crm_alloc *a, size_t g, double *mu_hi, crm_error *err)
{
	pool *p = &a->p[g];
	ksum lo = { 0, 0 }, hi = { 0, 0 };
	bool capped = true;
	char name[300], his[64];
	cursor k;
	row r;

	*mu_hi = 0;
	cursor_start(&k, a, p);
	for (size_t i = 0; i < p->n; i++) {
		double h;

		cursor_next(&k, &r);
		ksum_add(&lo, r.lo);
		if (r.c == 0) {
			ksum_add(&hi, r.lo);
			continue;
		}
		capped &= !isinf(r.hi);
		ksum_add(&hi, isinf(r.hi) ? 0 : r.hi);
		h = fmin(r.hi, p->cells);
		*mu_hi = fmax(*mu_hi, (h + r.d) / r.c);
	}
	describe_pool(a, g, name, sizeof name);
	if (capped)
		snprintf(his, sizeof his, "sum to %.15g",
		    to_value(a, ksum_value(&hi)));
	else
		snprintf(his, sizeof his, "are unbounded");
	if (ksum_value(&lo) > p->cells || (capped && ksum_value(&hi) <
	    p->cells) || (!capped && *mu_hi == 0 && p->cells > 0))
		return crm_error_set(err, CRM_EXIT_DATA, "%sinfeasible "
		    "budget %.15g: the minimums sum to %.15g, the maximums "
		    "%s", name, to_value(a, p->cells),
		    to_value(a, ksum_value(&lo)), his);
	return 0;
}

/*
 * The mu of pool p: f(mu) = sum of row_at is nondecreasing and piecewise
 * linear; Newton steps on the current piece, kept inside a bracket
 * [lo, hi] with f(lo) <= cells <= f(hi), bisection when a step leaves
 * it.  Ends when f is within a quarter cell of the budget or the
 * bracket is two adjacent doubles.
 */
static double
find_mu(const crm_alloc *a, pool *p, double hi)
{
	double lo = 0, mu, best = 0, best_gap = INFINITY;
	bool response = a->s.flags & CRM_ALLOC_RESPONSE;
	at_mu t;
	ksum c = { 0, 0 }, d = { 0, 0 };
	cursor k;
	row r;

	/* start where every row would be free */
	cursor_start(&k, a, p);
	for (size_t i = 0; i < p->n; i++) {
		cursor_next(&k, &r);
		ksum_add(&c, r.c);
		if (response && r.c > 0)
			ksum_add(&d, r.d);
	}
	mu = (p->cells + ksum_value(&d)) / ksum_value(&c);
	for (int iter = 0; iter < 400; iter++) {
		if (!(mu > lo && mu < hi))
			mu = lo + (hi - lo) / 2;
		if (!(mu > lo && mu < hi))
			break;
		total_at(a, p, mu, &t);
		if (fabs(t.total - p->cells) < best_gap) {
			best_gap = fabs(t.total - p->cells);
			best = mu;
		}
		if (best_gap <= 0.25)
			return best;
		if (t.total < p->cells)
			lo = mu;
		else
			hi = mu;
		mu = t.slope > 0 ?
		    (p->cells - t.fixed + t.offset) / t.slope : NAN;
	}
	total_at(a, p, lo, &t);
	if (fabs(t.total - p->cells) < best_gap)
		best = lo;
	return best;
}

/* The ranking of leftover cells: a row's remainder and c as ordered
 * bit patterns (both >= 0), NO_KEY for a row that can take no cell. */
#define NO_KEY UINT64_MAX

static uint64_t
bits_of(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof u);
	return u;
}

static uint64_t
rem_key(const pool *p, const row *r, double mu)
{
	double x = row_at(p, r, mu), k = floor(x);

	if (r->c == 0 || k + 1 > row_hi(p, r))
		return NO_KEY;
	return bits_of(x - k);
}

/*
 * Radix selection of the need-th largest key among the rows whose first
 * key equals first (or every eligible row when first is NO_KEY and
 * which is 0): which 0 ranks remainders, 1 the c of rows whose
 * remainder is first.  Returns the key; *need becomes how many rows of
 * exactly that key are to be taken.
 */
static uint64_t
select_key(const crm_alloc *a, pool *p, double mu, int which,
	   uint64_t first, size_t *need)
{
	size_t *hist = crm_xcalloc(65536, sizeof *hist);
	uint64_t prefix = 0, mask = 0;
	cursor cur;
	row r;

	for (int shift = 48; shift >= 0; shift -= 16) {
		memset(hist, 0, 65536 * sizeof *hist);
		cursor_start(&cur, a, p);
		for (size_t i = 0; i < p->n; i++) {
			uint64_t k;

			cursor_next(&cur, &r);
			k = rem_key(p, &r, mu);
			if (k == NO_KEY || (which == 1 && k != first))
				continue;
			if (which == 1)
				k = bits_of(r.c);
			if ((k & mask) == prefix)
				hist[(k >> shift) & 0xFFFF]++;
		}
		for (long b = 65535; b >= 0; b--) {
			if (hist[b] >= *need) {
				prefix |= (uint64_t)b << shift;
				break;
			}
			*need -= hist[b];
		}
		mask |= (uint64_t)0xFFFF << shift;
	}
	free(hist);
	return prefix;
}

/* The rows that get a leftover cell: key above (tr, tc, last). */
typedef struct cut {
	uint64_t tr, tc;
	size_t last;		/* index of the last row taken at (tr, tc) */
	bool none;
} cut;

static void
leftover_cut(const crm_alloc *a, pool *p, double mu, double left,
	     cut *out)
{
	size_t need = (size_t)left, seen = 0;
	cursor k;
	row r;

	out->none = need == 0;
	if (out->none)
		return;
	out->tr = select_key(a, p, mu, 0, NO_KEY, &need);
	out->tc = select_key(a, p, mu, 1, out->tr, &need);
	out->last = 0;
	cursor_start(&k, a, p);
	for (size_t i = 0; i < p->n && seen < need; i++) {
		cursor_next(&k, &r);
		if (rem_key(p, &r, mu) == out->tr &&
		    bits_of(r.c) == out->tc) {
			out->last = i;
			seen++;
		}
	}
}

static bool
takes_cell(const pool *p, const row *row, size_t i, double mu,
	   const cut *cut)
{
	uint64_t r, c;

	if (cut->none || (r = rem_key(p, row, mu)) == NO_KEY)
		return false;
	if (r != cut->tr)
		return r > cut->tr;
	c = bits_of(row->c);
	if (c != cut->tc)
		return c > cut->tc;
	return i <= cut->last;
}

/* Round pool g at mu: floors, the leftover cells by largest remainder;
 * c[i] becomes row i's cells.  -1 if the cells do not add up (the
 * solver left more than a cell: not seen, but never written wrong). */
static int
round_pool(crm_alloc *a, size_t g, double mu, crm_error *err)
{
	pool *p = &a->p[g];
	double floors = 0, left;
	cut cut;
	cursor k;
	row r;

	cursor_start(&k, a, p);
	for (size_t i = 0; i < p->n; i++) {
		cursor_next(&k, &r);
		floors += floor(row_at(p, &r, mu));
	}
	left = p->cells - floors;
	leftover_cut(a, p, mu, left > 0 ? left : 0, &cut);
	/* the cursor has read row i before c[i] is overwritten */
	cursor_start(&k, a, p);
	for (size_t i = 0; i < p->n; i++) {
		double x;

		cursor_next(&k, &r);
		x = floor(row_at(p, &r, mu)) + takes_cell(p, &r, i, mu, &cut);
		p->st.at_min += x == r.lo;
		p->st.at_max += !isinf(r.hi) && x == r.hi;
		p->st.allocated += x;
		p->c[i] = x;
	}
	if (p->st.allocated != p->cells)
		return crm_error_set(err, CRM_EXIT_DATA, "the allocations "
		    "cannot be rounded to sum to the budget (%.15g cells "
		    "off)", p->cells - p->st.allocated);
	return 0;
}

/* Tiny weights (1e-320) scaled up by one factor, which changes no
 * allocation (mu absorbs it), so that mu stays finite.  Large ones need
 * nothing: mu gets small, and c_i mu beyond a cap is clamped. */
static void
normalize(pool *p)
{
	double top = 0;

	for (size_t i = 0; i < p->n; i++)
		top = p->c[i] > top ? p->c[i] : top;
	if (top == 0 || top >= 1e-100)
		return;
	for (size_t i = 0; i < p->n; i++)
		p->c[i] /= top;
}

int
crm_alloc_solve(crm_alloc *a, crm_error *err)
{
	size_t rows = 0;

	for (size_t g = 0; g < a->s.npools; g++)
		rows += a->p[g].n;
	for (size_t g = 0; g < a->s.npools; g++) {
		pool *p = &a->p[g];
		double mu_hi = 0, mu = 0;

		normalize(p);
		/* no row at all (a quiet day): nothing to allocate */
		if (rows > 0 && feasible(a, g, &mu_hi, err) < 0)
			return p->spill_errno ?
			    spill_failed(p, "read", err) : -1;
		if (p->n > 0 && p->cells > 0)
			mu = find_mu(a, p, mu_hi);
		if (rows > 0 && round_pool(a, g, mu, err) < 0)
			return p->spill_errno ?
			    spill_failed(p, "read", err) : -1;
		if (p->spill_errno)
			return spill_failed(p, "read", err);
		if (p->spill != NULL) {
			fclose(p->spill);
			p->spill = NULL;
		}
		p->st.rows = p->n;
		p->st.budget = to_value(a, p->cells);
		p->st.allocated = to_value(a, p->st.allocated);
	}
	return 0;
}

double
crm_alloc_next(crm_alloc *a, size_t g)
{
	pool *p = &a->p[g];

	if (p->next >= p->n)
		return 0;
	return to_value(a, p->c[p->next++]);
}

void
crm_alloc_stats_of(const crm_alloc *a, size_t g, crm_alloc_stats *out)
{
	*out = a->p[g].st;
}

size_t
crm_alloc_parse_pools(char *s, bool decimal_comma, const char **labels,
		      double *shares, size_t max, crm_error *err)
{
	const char *sep = decimal_comma ? ";" : ",";
	size_t n = 0;
	double sum = 0;
	char *save = NULL;

	for (char *it = strtok_r(s, sep, &save); it != NULL;
	    it = strtok_r(NULL, sep, &save)) {
		char *eq = strrchr(it, '=');

		if (eq == NULL || eq == it)
			return crm_error_set(err, CRM_EXIT_USAGE, "--pools: "
			    "'%s' is not LABEL=SHARE", it), 0;
		*eq = '\0';
		for (size_t g = 0; g < n; g++)
			if (strcmp(labels[g], it) == 0)
				return crm_error_set(err, CRM_EXIT_USAGE,
				    "--pools: pool '%s' given twice", it), 0;
		if (n == max)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--pools: more than %zu pools", max), 0;
		if (crm_num_parse(eq + 1, strlen(eq + 1), decimal_comma,
		    &shares[n]) != CRM_NUM_OK || shares[n] < 0)
			return crm_error_set(err, CRM_EXIT_USAGE, "--pools: "
			    "share '%s' of pool '%s' is not a number >= 0",
			    eq + 1, it), 0;
		labels[n] = it;
		sum += shares[n++];
	}
	if (n == 0)
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "--pools: no pool given"), 0;
	if (fabs(sum - 1) > 1e-9)
		return crm_error_set(err, CRM_EXIT_USAGE, "--pools: the "
		    "shares sum to %.15g %%, not 100 %%", sum * 100), 0;
	return n;
}
