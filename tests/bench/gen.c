/*
 * gen - deterministic generator of realistic customer data for crmkit.
 *
 * Usage: gen [-n ROWS] [-s SEED] [--german] [--events | --orders]
 *
 *   -n, --rows ROWS   number of data rows after the header (default 1000)
 *   -s, --seed SEED   PRNG seed, an unsigned 64-bit integer (default 42)
 *   --german          write the rows as a German Excel save does: UTF-8 BOM,
 *                     ';' delimiter, decimal comma (no thousands grouping),
 *                     CRLF line ends; a field is quoted only when it holds
 *                     ';', '"', CR or LF
 *   --events          an event log instead (see "--events" below)
 *   --orders          an order log instead (see "Orders" below)
 *   -h, --help        this text
 *
 * Output goes to standard output; the header row always comes first.
 * Columns, in this order:
 *   customer_id,name,rep,region,owner,revenue,revenue_prev,target,margin,
 *   cost,visits,calls,satisfaction,switching,value,win_probability,
 *   need_intrinsic,need_extrinsic,need_strategic,phase,last_purchase,
 *   phase_entered,contract_end
 *
 * Data: 12 sales reps in three channels (owner: Key Account,
 * Spezialvertrieb, Bestandskundenmanagement, seed 2), each with a home region
 * and a performance bias, so grouping by rep, region or owner shows real
 * differences.  revenue is lognormal within 5k..500k by channel; target is
 * revenue / attainment (0.7..1.3, rounded to hundreds); margin is 10-40 % and
 * cost 2-20 % of revenue (cost grows with visits and calls; about 5 % of the
 * customers have neither).  switching falls with satisfaction, value is the
 * margin over the expected relationship, win_probability rises with
 * satisfaction.  One need_* score dominates, about 3 % of the rows tie the
 * top two exactly.  phase is a slug of the eight process phases (seed 5),
 * last_purchase lies in 2024-01-01..2026-09-30; phase_entered is a
 * date-time (minutes) up to 539 days before 2026-09-30, empty for ~2 %;
 * contract_end lies in 2026-07-02..2029-09-29, empty for ~15 %.  Dates
 * are YYYY-MM-DD[THH:MM]; with --german the two new columns are
 * D.M.YYYY[ HH:MM] (last_purchase stays ISO, as it always was: a German
 * export mixing both forms is common and tests both).  About 10 % of the names
 * need quotes in comma CSV (commas, embedded quotes); only those with quotes
 * need them in the German dialect.  customer_id is C plus at least 6 digits.
 *
 * The same ROWS and SEED give byte-identical output on every machine: the
 * PRNG is splitmix64, normal variates are Irwin-Hall sums, exp() is computed
 * here from + - * / only, and every number is rounded to an integer (cents,
 * tenths, hundredths) before it is printed by hand.  This assumes IEEE-754
 * binary64 arithmetic without excess precision (FLT_EVAL_METHOD 0, i.e. every
 * 64-bit target).  A shorter run is a prefix of a longer one with the same
 * seed.
 *
 * Empty (missing) cells occur only in revenue_prev (~1.5 %), satisfaction
 * (~2 %) and switching (~1 %); revenue, target, margin, cost, value and
 * win_probability are always valid numbers.
 *
 * Build (no libcrm needed):
 *   cc -std=c11 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
 *      -o build/gen tests/bench/gen.c -lm
 *
 * The example data sets were produced with exactly:
 *   build/gen -n 500 -s 42          > examples/customers.csv
 *   build/gen -n 500 -s 42 --german > examples/customers_de.csv
 *
 * --events writes instead an event log of ROWS customers, one row per
 * phase a customer entered: customer_id,phase,entered.  A customer starts
 * in phase 1 on a day of 2024-01-01..2026-09-30 and goes on to each next
 * phase with the probability of the step (about 0.92 at the start, 0.43
 * to rebuy), after lognormal days whose median grows from 3 to 90 along
 * the process, until the export date; 3 % of the phases passed leave no
 * event (a skipped step), 4 % of the events are repeated later (the
 * first entry counts), and 10 % of the customers have their events
 * written newest first.
 *   build/gen --events -n 400 -s 42 > examples/events.csv
 *
 * Orders (--orders): a transaction log for rfm, one row per order line,
 * in date order over 2024-01-01..2026-09-30, columns
 *   order_id,customer_id,order_date,amount
 * (German: the dates as DD.MM.YYYY).  About ROWS / 5.5 customers arrive
 * on uniformly drawn days; about 35 % buy once and never again, the
 * others buy again after gaps of about their own mean (7..180 days,
 * triangular around it), shortened in November and December and
 * lengthened in January and the summer (seasonality), and leave after
 * each purchase with their own probability (2..30 %).  A purchase day
 * has 2 order rows in about 12 % and 3 in about 3 % of the cases.
 * Amounts are lognormal around each customer's own level (about
 * 10..300), in cents.  Exactly ROWS rows; the log ends when ROWS are
 * written, shortly before the end of the span (or earlier when every
 * customer has left, which with few rows can happen).  The same ROWS
 * and SEED give the same bytes; a shorter run is not a prefix of a
 * longer one here (the customers depend on ROWS).
 *   build/gen --orders -n 5000 -s 7          > examples/orders.csv
 *   build/gen --orders -n 5000 -s 7 --german > examples/orders_de.csv
 *
 * Exit status: 0 success (also when the reader closes the pipe early),
 * 2 usage error, 3 write error (message on standard error).
 */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64 */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* uniform in [0, 1) with 53 random bits */
static double unif(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

/* uniform integer in [0, n), n > 0 (multiply-shift; bias < 2^-32) */
static unsigned below(unsigned n)
{
	return (unsigned)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

/* true with probability p */
static int chance(double p)
{
	return unif() < p;
}

/* approximately standard normal (Irwin-Hall, 12 uniforms), within +-6 */
static double normal(void)
{
	double s = 0.0;
	for (int i = 0; i < 12; i++)
		s += unif();
	return s - 6.0;
}

/* exp() from basic operations only, so results do not depend on libm */
static double det_exp(double x)
{
	if (x < -700.0)
		return 0.0;
	if (x > 700.0)
		x = 700.0;
	double k = floor(x * 1.4426950408889634 + 0.5);
	double t = k * 0.6931471805599453;
	double r = x - t;	/* |r| <= 0.35 */
	double p = 1.0;
	for (int i = 14; i >= 1; i--) {
		p = p * r;
		p = p / (double)i;
		p = p + 1.0;
	}
	return ldexp(p, (int)k);
}

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* round half up to an integer (x is never huge here) */
static int64_t iround(double x)
{
	return (int64_t)floor(x + 0.5);
}

static unsigned poisson(double lambda)
{
	double l = det_exp(-lambda), p = 1.0;
	unsigned k = 0;
	do {
		k++;
		p *= unif();
	} while (p > l && k < 200);
	return k - 1;
}

/* index drawn from integer weights */
static unsigned pick(const unsigned *w, unsigned n)
{
	unsigned total = 0;
	for (unsigned i = 0; i < n; i++)
		total += w[i];
	unsigned r = below(total);
	for (unsigned i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* Vocabulary */

static const char *const regions[] = {
	"Nord", "Süd", "Ost", "West", "Mitte", "Österreich", "Schweiz",
};
enum { NORD, SUED, OST, WEST, MITTE, AT, CH };

/* seed section 2: who is responsible for the customer */
static const char *const owners[] = {
	"Key Account", "Spezialvertrieb", "Bestandskundenmanagement",
};
enum { KA, SPEZ, BKM };

static const struct rep {
	const char *name;
	int owner, region;
	unsigned weight;	/* relative number of customers */
	double bias;		/* the rep's performance, about -0.07..0.07 */
} reps[] = {
	{ "Anna Schröder",	KA,   SUED,  5,  0.05 },
	{ "Jürgen Weiß",	KA,   NORD,  5, -0.03 },
	{ "Markus Fischer",	KA,   WEST,  5,  0.00 },
	{ "Sophie Krämer",	SPEZ, MITTE, 8,  0.06 },
	{ "Mehmet Yılmaz",	SPEZ, WEST,  8,  0.02 },
	{ "Claudia Hoffmann",	SPEZ, OST,   8, -0.07 },
	{ "Lukas Brandt",	SPEZ, NORD,  8,  0.01 },
	{ "Katrin Vogel",	BKM,  SUED, 12, -0.02 },
	{ "Thomas Köhler",	BKM,  AT,   12,  0.03 },
	{ "Elif Demir",		BKM,  WEST, 12, -0.05 },
	{ "Stefan Groß",	BKM,  CH,   12,  0.04 },
	{ "Julia Bäumer",	BKM,  MITTE,12, -0.01 },
};

/* seed section 5: the eight phases of the customer process */
static const char *const phases[] = {
	"address", "understand", "offer", "close",
	"fulfil", "aftercare", "develop", "rebuy",
};
static const unsigned phase_weight[] = { 6, 8, 12, 8, 10, 14, 24, 18 };
static const unsigned phase_weight_idle[] = { 30, 10, 4, 1, 1, 4, 10, 40 };

static const char *const surnames[] = {
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
	"Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer",
	"Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
	"Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner",
	"Schmitz", "Krause", "Meier", "Lehmann", "Köhler", "Herrmann",
	"König", "Walter", "Huber", "Kaiser", "Fuchs", "Peters", "Scholz",
	"Möller", "Weiß", "Jung", "Hahn", "Vogel", "Keller", "Günther",
	"Berger", "Winkler", "Roth", "Lorenz", "Baumann", "Albrecht",
	"Böhm", "Winter", "Kraus", "Krämer", "Vogt", "Stein", "Jäger",
	"Sommer", "Groß", "Seidel", "Brandt", "Haas", "Dietrich", "Kühn",
	"Pohl", "Engel", "Horn", "Bergmann", "Voigt", "Sauer", "Pfeiffer",
	"Gruber", "Steiner", "Moser", "Brunner", "Hofer", "Frei", "Gerber",
};

/* "<Surname> <branch> <form>" */
static const char *const branches[] = {
	"Maschinenbau", "Elektrotechnik", "Logistik", "Bau", "Metallbau",
	"Haustechnik", "Kunststofftechnik", "Medizintechnik", "Software",
	"Transporte", "Gebäudereinigung", "Landtechnik", "Stahlhandel",
	"Getränke", "Präzisionsteile", "Möbelwerk", "Verpackungen",
	"Antriebstechnik", "Feinmechanik", "Druck & Medien",
};

/* "<trade> <Surname>" */
static const char *const trades[] = {
	"Autohaus", "Bäckerei", "Druckerei", "Brauerei", "Gärtnerei",
	"Schreinerei", "Optik", "Elektro", "Sanitär", "Feinkost",
	"Zimmerei", "Apotheke", "Spedition", "Weingut", "Metzgerei",
};

static const char *const forms[] = {
	"GmbH", "GmbH", "GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG",
	"GmbH & Co. KG", "e.K.", "OHG", "UG (haftungsbeschränkt)",
};

/* businesses with a sign in quotes: Bäckerei "Zur Post" */
static const char *const sign_trades[] = {
	"Bäckerei", "Gasthof", "Hotel", "Apotheke", "Café", "Buchhandlung",
	"Brauhaus", "Metzgerei",
};
static const char *const signs[] = {
	"Zur Post", "Zum Löwen", "Am Markt", "Alpenblick", "Zur Linde",
	"Goldener Hirsch", "Süße Ecke", "Zum Schwan", "Am Rathaus", "Drei Kronen",
};

#define ANY(a) ((a)[below((unsigned)NELEM(a))])

/* company name into buf (always fits: all parts are short) */
static void make_name(char *buf, size_t size)
{
	unsigned r = below(1000);
	unsigned ia = below((unsigned)NELEM(surnames));
	unsigned ib = (ia + 1 + below((unsigned)NELEM(surnames) - 1))
		      % (unsigned)NELEM(surnames);	/* never the same */
	const char *a = surnames[ia], *b = surnames[ib];

	/* draw every part in a fixed order: the evaluation order of
	   function arguments is unspecified (gcc and clang differ) */
	const char *branch = ANY(branches);
	const char *form = ANY(forms);
	const char *trade = ANY(trades);
	const char *c = ANY(surnames);
	const char *st = ANY(sign_trades);
	const char *sign = ANY(signs);

	if (r < 260)
		snprintf(buf, size, "%s %s %s", a, branch, form);
	else if (r < 450)
		snprintf(buf, size, "%s %s", trade, a);
	else if (r < 560)
		snprintf(buf, size, "%s & %s %s", a, b, form);
	else if (r < 900)
		snprintf(buf, size, "%s %s", a, form);
	else if (r < 930)	/* comma: quoted in comma CSV only */
		snprintf(buf, size, "%s, %s & Co. KG", a, b);
	else if (r < 950)
		snprintf(buf, size, "%s, %s & Partner", a, b);
	else if (r < 965)
		snprintf(buf, size, "%s, %s & %s Steuerberater", a, b, c);
	else if (r < 993)	/* quotes: quoted in both dialects */
		snprintf(buf, size, "%s \"%s\"", st, sign);
	else			/* quotes and a comma */
		snprintf(buf, size, "%s \"%s\", Inh. %s", st, sign, a);
}

/* ------------------------------------------------------------------ */
/* Output */

#define OUTSZ (1u << 20)
static char outbuf[OUTSZ];
static size_t outlen;

static void die_write(int err)
{
	if (err == EPIPE)	/* reader went away (| head): end quietly */
		exit(0);
	fprintf(stderr, "gen: write error: %s\n", strerror(err));
	exit(3);
}

static void flush_out(void)
{
	size_t off = 0;
	while (off < outlen) {
		ssize_t w = write(STDOUT_FILENO, outbuf + off, outlen - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			die_write(errno);
		}
		if (w == 0)
			die_write(EIO);
		off += (size_t)w;
	}
	outlen = 0;
}

static char delim = ',';
static char decpt = '.';
static const char *eol = "\n";

static void put_mem(const char *s, size_t n)
{
	memcpy(outbuf + outlen, s, n);
	outlen += n;
}

static void put_str(const char *s)
{
	put_mem(s, strlen(s));
}

static void put_ch(char c)
{
	outbuf[outlen++] = c;
}

static void put_sep(void)
{
	outbuf[outlen++] = delim;
}

/* a text field, quoted when it holds the delimiter, a quote, CR or LF */
static void put_text(const char *s)
{
	if (!strpbrk(s, "\"\r\n") && !strchr(s, delim)) {
		put_str(s);
		return;
	}
	put_ch('"');
	for (; *s; s++) {
		if (*s == '"')
			put_ch('"');
		put_ch(*s);
	}
	put_ch('"');
}

static void put_uint(uint64_t v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		put_ch(tmp[--n]);
}

/* v / 10^dec with exactly dec decimals; v >= 0 */
static void put_fixed(int64_t v, int dec)
{
	static const int64_t pow10[] = { 1, 10, 100, 1000 };
	put_uint((uint64_t)(v / pow10[dec]));
	put_ch(decpt);
	int64_t f = v % pow10[dec];
	for (int i = dec - 1; i >= 0; i--)
		put_ch((char)('0' + (f / pow10[i]) % 10));
}

/* last_purchase lies in 2024-01-01 .. 2026-09-30 (export date) */
#define DATE_SPAN 1004

static int date_german;		/* D.M.YYYY (--german) */

static void put_date(int64_t days_since_2024, int german)
{
	/* civil_from_days (proleptic Gregorian), epoch shifted to 0000-03-01 */
	int64_t z = days_since_2024 + 19723 + 719468;	/* 2024-01-01 = 19723 */
	int64_t era = z / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	if (german) {
		put_uint((uint64_t)d);
		put_ch('.');
		put_uint((uint64_t)m);
		put_ch('.');
		put_uint((uint64_t)y);
		return;
	}
	put_uint((uint64_t)y);
	put_ch('-');
	put_ch((char)('0' + m / 10));
	put_ch((char)('0' + m % 10));
	put_ch('-');
	put_ch((char)('0' + d / 10));
	put_ch((char)('0' + d % 10));
}

/* A time of day HH:MM after a date: 'T' in ISO, a space in German */
static void put_time(int64_t minute_of_day)
{
	put_ch(date_german ? ' ' : 'T');
	put_ch((char)('0' + minute_of_day / 600));
	put_ch((char)('0' + minute_of_day / 60 % 10));
	put_ch(':');
	put_ch((char)('0' + minute_of_day % 60 / 10));
	put_ch((char)('0' + minute_of_day % 10));
}

/*
 * The date columns added after last_purchase draw from their own
 * stream, a hash of the seed and the row number, so that every other
 * column stays as it was before they existed.
 */
static uint64_t mix64(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

static uint64_t date_seed;

/* phase_entered: a date-time 0..539 days before the export date,
 * 08:00..17:59, empty for ~2 %; contract_end: 90 days before to ~3
 * years after the export date, empty (no contract) for ~15 %. */
static void put_extra_dates(uint64_t i)
{
	uint64_t h1 = mix64(date_seed ^ mix64(2 * i)), h2 = mix64(date_seed ^
	    mix64(2 * i + 1));

	put_sep();
	if (h1 % 50 != 0) {
		put_date(DATE_SPAN - 1 - (int64_t)((h1 >> 8) % 540),
			 date_german);
		put_time(480 + (int64_t)((h1 >> 24) % 600));
	}
	put_sep();
	if (h2 % 100 >= 15)
		put_date(DATE_SPAN - 1 - 90 + (int64_t)((h2 >> 8) % 1186),
			 date_german);
}

/* ------------------------------------------------------------------ */
/* One customer */


static unsigned rep_weight[NELEM(reps)];

static void gen_row(uint64_t i)
{
	char name[256];
	const struct rep *rp = &reps[pick(rep_weight, (unsigned)NELEM(reps))];
	int owner = rp->owner;
	int region = chance(0.85) ? rp->region : (int)below(NELEM(regions));
	make_name(name, sizeof name);

	/* revenue: lognormal, median by channel, within 5k..500k */
	static const double median[] = { 120000.0, 45000.0, 18000.0 };
	double rev;
	int tries = 0;
	do {
		rev = median[owner] * det_exp(0.75 * normal());
	} while ((rev < 5000.0 || rev > 500000.0) && ++tries < 50);
	rev = clamp(rev, 5000.0, 500000.0);
	int64_t rev_c = iround(rev * 100.0);
	rev = (double)rev_c / 100.0;

	/* target: revenue / attainment, attainment 0.7..1.3, round hundreds */
	double att = clamp(1.0 + rp->bias + 0.12 * normal(), 0.7, 1.3);
	int64_t tgt_c = iround(rev / att / 100.0) * 10000;
	if (tgt_c < 10000)
		tgt_c = 10000;

	/* previous year's revenue */
	double g = clamp(0.04 + 0.5 * rp->bias + 0.15 * normal(), -0.45, 0.9);
	int64_t prev_c = iround(rev / (1.0 + g) * 100.0);
	int prev_missing = chance(0.015);	/* new customers */

	/* margin: 10..40 % of revenue */
	double ms = clamp(0.24 + (owner == KA ? 0.03 : 0.0) + 0.06 * normal(),
			  0.10, 0.40);
	int64_t margin_c = iround(rev * ms * 100.0);

	/* contacts: a few customers nobody worked on */
	static const double lv[] = { 8.0, 4.0, 1.5 }, lc[] = { 14.0, 8.0, 5.0 };
	unsigned visits = 0, calls = 0;
	if (!chance(0.05)) {
		visits = poisson(lv[owner]);
		calls = poisson(lc[owner]);
	}

	/* cost: contacts plus a share of revenue, 2..20 % of revenue */
	double per_visit = 250.0 + 200.0 * unif();	/* one call each: */
	double per_call = 30.0 + 30.0 * unif();		/* argument order */
	double share = 0.015 + 0.035 * unif();		/* is unspecified */
	double cost = (double)visits * per_visit + (double)calls * per_call
		    + 200.0 + rev * share;
	cost = clamp(cost, 0.02 * rev, 0.20 * rev);
	int64_t cost_c = iround(cost * 100.0);

	/* satisfaction index 0..100; switching propensity from it */
	double sat = clamp(72.0 + 60.0 * rp->bias + 14.0 * normal(), 0.0, 100.0);
	int64_t sat_i = iround(sat);
	int sat_missing = chance(0.02);	/* not surveyed */
	double sw = 1.0 / (1.0 + det_exp(1.0 + ((double)sat_i - 70.0) / 10.0
					 - 0.8 * normal()));
	int64_t sw_h = iround(sw * 100.0);
	int sw_missing = chance(0.01);

	/* customer value: margin over the expected remaining relationship */
	double life = (1.0 + 5.0 * (1.0 - sw)) * (0.8 + 0.4 * unif());
	int64_t value_c = iround((double)margin_c * life);

	/* probability that working on the customer succeeds */
	double wp = clamp(0.25 + 0.5 * sat / 100.0 - 0.25 * sw + 0.12 * normal(),
			  0.02, 0.98);
	int64_t wp_h = iround(wp * 100.0);

	/* needs (seed 1.2.1): one dominant orientation, sometimes a tie */
	static const unsigned need_w[3][3] = {
		{ 30, 20, 50 }, { 50, 25, 25 }, { 35, 45, 20 },
	};
	unsigned dom = pick(need_w[owner], 3);
	int64_t need[3];
	need[dom] = 55 + below(46);	/* 5.5 .. 10.0 */
	for (unsigned k = 0; k < 3; k++)
		if (k != dom)
			need[k] = 5 + below((unsigned)need[dom] - 5);
	if (chance(0.03)) {	/* exact tie between the top two */
		unsigned a = (dom + 1) % 3, b = (dom + 2) % 3;
		need[need[a] >= need[b] ? a : b] = need[dom];
	}

	int idle = visits + calls == 0;
	unsigned ph = idle ? pick(phase_weight_idle, 8) : pick(phase_weight, 8);

	/* recency: mostly recent, longer ago for customers likely to switch */
	double u1 = unif(), u2 = unif();
	double rec = (1.0 - sw) * u1 * u2 + sw * u1;
	int64_t days_ago = iround(rec * (DATE_SPAN - 1));

	/* ---- write ---- */
	put_ch('C');
	for (uint64_t p = 100000; p > i + 1; p /= 10)	/* at least 6 digits */
		put_ch('0');
	put_uint(i + 1);
	put_sep(); put_text(name);
	put_sep(); put_text(rp->name);
	put_sep(); put_text(regions[region]);
	put_sep(); put_text(owners[owner]);
	put_sep(); put_fixed(rev_c, 2);
	put_sep(); if (!prev_missing) put_fixed(prev_c, 2);
	put_sep(); put_fixed(tgt_c, 2);
	put_sep(); put_fixed(margin_c, 2);
	put_sep(); put_fixed(cost_c, 2);
	put_sep(); put_uint(visits);
	put_sep(); put_uint(calls);
	put_sep(); if (!sat_missing) put_uint((uint64_t)sat_i);
	put_sep(); if (!sw_missing) put_fixed(sw_h, 2);
	put_sep(); put_fixed(value_c, 2);
	put_sep(); put_fixed(wp_h, 2);
	put_sep(); put_fixed(need[0], 1);
	put_sep(); put_fixed(need[1], 1);
	put_sep(); put_fixed(need[2], 1);
	put_sep(); put_str(phases[ph]);
	put_sep(); put_date(DATE_SPAN - 1 - days_ago, 0);
	put_extra_dates(i);
	put_str(eol);
}

/* ------------------------------------------------------------------ */
/* An order log (--orders) */

static int german_dates;

/* DD.MM.YYYY for the German dialect, else YYYY-MM-DD */
static void put_order_date(int64_t day)
{
	size_t at = outlen;
	char ymd[10];

	put_date(day, 0);
	if (!german_dates)
		return;
	memcpy(ymd, outbuf + at, sizeof ymd);
	outlen = at;
	put_mem(ymd + 8, 2);
	put_ch('.');
	put_mem(ymd + 5, 2);
	put_ch('.');
	put_mem(ymd, 4);
}

struct buyer {
	float gap;		/* mean days between purchases */
	float leave;		/* probability of leaving after a purchase */
	float level;		/* typical amount */
};

struct due {
	int32_t day;
	uint32_t who;
};

static struct due *heap;
static size_t nheap;

static int due_before(const struct due *a, const struct due *b)
{
	return a->day != b->day ? a->day < b->day : a->who < b->who;
}

static void heap_push(struct due d)
{
	size_t i = nheap++;

	while (i > 0 && due_before(&d, &heap[(i - 1) / 2])) {
		heap[i] = heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	heap[i] = d;
}

static struct due heap_pop(void)
{
	struct due top = heap[0], last = heap[--nheap];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= nheap)
			break;
		if (c + 1 < nheap && due_before(&heap[c + 1], &heap[c]))
			c++;
		if (!due_before(&heap[c], &last))
			break;
		heap[i] = heap[c];
		i = c;
	}
	if (nheap > 0)
		heap[i] = last;
	return top;
}

/* how much more often people buy in the month of day (1 = average) */
static double season(int64_t day)
{
	/* months of 2024..2026 from the day number, close enough here */
	static const double f[12] = { 0.7, 0.85, 1.0, 1.0, 1.0, 0.8,
				      0.8, 0.8, 1.0, 1.1, 1.5, 2.0 };
	int64_t m = (day % 365) * 12 / 365;

	return f[m];
}

static void gen_orders(uint64_t rows)
{
	uint64_t ncust = rows * 10 / 55 + 1, order = 0;
	struct buyer *b = malloc(ncust * sizeof *b);

	heap = malloc(ncust * sizeof *heap);
	if (!b || !heap) {
		fprintf(stderr, "gen: out of memory\n");
		exit(3);
	}
	for (uint64_t c = 0; c < ncust; c++) {
		b[c].gap = (float)clamp(45.0 * det_exp(0.6 * normal()), 7, 180);
		b[c].leave = chance(0.35) ? 1.0f :
		    (float)(0.02 + 0.28 * unif() * unif());
		b[c].level = (float)clamp(40.0 * det_exp(0.7 * normal()), 10,
		    300);
		heap_push((struct due){ (int32_t)below(DATE_SPAN),
		    (uint32_t)c });
	}
	while (order < rows && nheap > 0) {
		struct due d = heap_pop();
		const struct buyer *w = &b[d.who];
		unsigned lines = chance(0.03) ? 3 : chance(0.12) ? 2 : 1;

		for (unsigned k = 0; k < lines && order < rows; k++) {
			int64_t cents = iround(100.0 * w->level *
			    det_exp(0.35 * normal()));

			put_ch('O');
			put_uint(10000000 + ++order);
			put_sep();
			put_ch('K');
			put_uint(1000000 + d.who);
			put_sep();
			put_order_date(d.day);
			put_sep();
			put_fixed(cents < 100 ? 100 : cents, 2);
			put_str(eol);
			if (outlen > OUTSZ - 4096)
				flush_out();
		}
		if (chance(w->leave))
			continue;
		d.day += (int32_t)(1 + w->gap * (unif() + unif()) /
		    season(d.day));
		if (d.day < DATE_SPAN)
			heap_push(d);
	}
	free(b);
	free(heap);
}

/* ------------------------------------------------------------------ */

static const char header[] =
	"customer_id,name,rep,region,owner,revenue,revenue_prev,target,margin,"
	"cost,visits,calls,satisfaction,switching,value,win_probability,"
	"need_intrinsic,need_extrinsic,need_strategic,phase,last_purchase,"
	"phase_entered,contract_end";

/* ------------------------------------------------------------------ */
/* The event log (--events) */

static const double step_chance[7] = {
	0.92, 0.90, 0.87, 0.89, 0.88, 0.72, 0.43
};
static const double step_days[8] = { 3, 7, 10, 14, 21, 45, 90, 90 };

static void put_event(uint64_t i, unsigned k, int64_t day)
{
	char id[32];

	snprintf(id, sizeof id, "C%06llu", (unsigned long long)(i + 1));
	put_str(id);
	put_sep();
	put_str(phases[k]);
	put_sep();
	put_date(day, 0);
	put_str(eol);
}

static void gen_events(uint64_t i)
{
	unsigned kind[24];
	int64_t when[24];
	unsigned n = 0;
	int64_t day = (int64_t)below(DATE_SPAN);

	for (unsigned k = 0; k < 8 && n < 22; k++) {
		if (k > 0) {
			if (!chance(step_chance[k - 1]))
				break;
			day += iround(step_days[k - 1] *
			    det_exp(0.6 * normal()));
			if (day > DATE_SPAN)
				break;
		}
		if (k > 0 && chance(0.03))
			continue;
		kind[n] = k;
		when[n++] = day;
		if (chance(0.04)) {
			kind[n] = k;
			when[n++] = day + 1 + below(20);
		}
	}
	if (chance(0.10))
		for (unsigned a = 0, b = n; a + 1 < b; a++, b--) {
			unsigned tk = kind[a];
			int64_t tw = when[a];

			kind[a] = kind[b - 1];
			when[a] = when[b - 1];
			kind[b - 1] = tk;
			when[b - 1] = tw;
		}
	for (unsigned e = 0; e < n; e++)
		put_event(i, kind[e], when[e]);
}

static void usage(FILE *f)
{
	fputs("usage: gen [-n ROWS] [-s SEED] [--german] [--events | --orders]\n"
	      "  -n, --rows ROWS  data rows to write (default 1000)\n"
	      "  -s, --seed SEED  PRNG seed, unsigned 64-bit (default 42)\n"
	      "  --german         ';' delimiter, decimal comma, BOM, CRLF\n"
	      "  --events         an event log of ROWS customers instead\n"
	      "  --orders         an order log (order_id,customer_id,\n"
	      "                   order_date,amount) instead\n",
	      f);
}

static uint64_t parse_u64(const char *opt, const char *s)
{
	char *end;
	errno = 0;
	if (!s) {
		fprintf(stderr, "gen: %s needs a value\n", opt);
		usage(stderr);
		exit(2);
	}
	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		goto bad;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		goto bad;
	return (uint64_t)v;
bad:
	fprintf(stderr, "gen: %s: not an unsigned integer: '%s'\n", opt, s);
	usage(stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	uint64_t rows = 1000, seed = 42;
	int german = 0, events = 0, orders = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-n") || !strcmp(a, "--rows"))
			rows = parse_u64(a, i + 1 < argc ? argv[++i] : NULL);
		else if (!strncmp(a, "--rows=", 7))
			rows = parse_u64("--rows", a + 7);
		else if (!strncmp(a, "-n", 2))
			rows = parse_u64("-n", a + 2);
		else if (!strcmp(a, "-s") || !strcmp(a, "--seed"))
			seed = parse_u64(a, i + 1 < argc ? argv[++i] : NULL);
		else if (!strncmp(a, "--seed=", 7))
			seed = parse_u64("--seed", a + 7);
		else if (!strncmp(a, "-s", 2))
			seed = parse_u64("-s", a + 2);
		else if (!strcmp(a, "--german"))
			german = 1;
		else if (!strcmp(a, "--events"))
			events = 1;
		else if (!strcmp(a, "--orders"))
			orders = 1;
		else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return fflush(stdout) == 0 ? 0 : 3;
		} else {
			fprintf(stderr, "gen: unknown argument '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}

	if (german) {
		delim = ';';
		decpt = ',';
		date_german = 1;
		eol = "\r\n";
		put_str("\xEF\xBB\xBF");
	}
	rng_state = seed;
	date_seed = mix64(seed ^ 0x64617465ULL);
	if (orders) {
		static const char oheader[] =
			"order_id,customer_id,order_date,amount";

		german_dates = german;
		for (const char *h = oheader; *h; h++)
			put_ch(*h == ',' ? delim : *h);
		put_str(eol);
		gen_orders(rows);
		flush_out();
		return 0;
	}
	for (size_t k = 0; k < NELEM(reps); k++)
		rep_weight[k] = reps[k].weight;

	if (events) {
		put_str("customer_id,phase,entered");
		put_str(eol);
		for (uint64_t i = 0; i < rows; i++) {
			gen_events(i);
			if (outlen > OUTSZ - 4096)
				flush_out();
		}
		flush_out();
		return 0;
	}
	for (const char *h = header; *h; h++)
		put_ch(*h == ',' ? delim : *h);
	put_str(eol);

	for (uint64_t i = 0; i < rows; i++) {
		gen_row(i);
		if (outlen > OUTSZ - 4096)
			flush_out();
	}
	flush_out();
	return 0;
}
