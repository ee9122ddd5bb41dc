/*
 * gen_btyd - customers drawn from the BG/NBD and Gamma-Gamma processes,
 * for the clv benchmark.
 *
 * Usage: gen_btyd [-n CUSTOMERS] [-s SEED]
 *
 * Writes the CSV header id,x,t_x,T,m and one row per customer, the
 * columns clv(1) reads by default (rfm's buy-till-you-die summary), in
 * weeks.  Each customer makes a first purchase on a day uniform in the
 * first 12 weeks of a 39-week period (as the CDNOW cohort), then buys at
 * Poisson rate lambda ~ Gamma(r, alpha) a week and, after each repeat
 * purchase, drops out with probability p ~ Beta(a, b); with the
 * parameters fitted on CDNOW (r 0.243, alpha 4.414, a 0.793, b 2.426).
 * Purchase times are whole days, so t_x and T are multiples of 1/7 week
 * (written with 4 decimals) and many customers share (x, t_x, T), as in
 * real data.  The value of each purchase is Gamma(p, nu), nu ~ Gamma(q,
 * v) per customer (p 6.25, q 3.74, v 15.44); m is the mean over the
 * repeat purchases, in cents, 0 when x = 0.
 *
 * The PRNG is splitmix64; gamma variates by Marsaglia and Tsang's method.
 * The same arguments give the same output on one machine (libm's log,
 * exp and sqrt are used, so other machines may differ in a last digit).
 *
 * Exit status: 0, 2 usage error, 3 write error.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform in (0, 1). */
static double
uniform(void)
{
	return ((double)(rng_next() >> 11) + 0.5) / 9007199254740992.0;
}

static double
normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform());
}

/* Gamma(shape, rate 1): Marsaglia and Tsang; shape < 1 by boosting. */
static double
gamma1(double shape)
{
	double d, c;

	if (shape < 1)
		return gamma1(shape + 1) * pow(uniform(), 1 / shape);
	d = shape - 1.0 / 3;
	c = 1 / sqrt(9 * d);
	for (;;) {
		double z = normal(), v = 1 + c * z, u;

		if (v <= 0)
			continue;
		v = v * v * v;
		u = uniform();
		if (log(u) < 0.5 * z * z + d - d * v + d * log(v))
			return d * v;
	}
}

int
main(int argc, char **argv)
{
	const double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
	const double gp = 6.25, gq = 3.74, gv = 15.44;
	unsigned long n = 1000;
	uint64_t seed = 42;

	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-n") == 0) && i + 1 < argc)
			n = strtoul(argv[++i], NULL, 10);
		else if ((strcmp(argv[i], "-s") == 0) && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: gen_btyd [-n CUSTOMERS] "
			    "[-s SEED]\n");
			return 2;
		}
	}
	rng_state = seed;
	printf("id,x,t_x,T,m\n");
	for (unsigned long i = 1; i <= n; i++) {
		double lambda = gamma1(r) / alpha;
		double ga = gamma1(a), p = ga / (ga + gamma1(b));
		double nu = gamma1(gq) / gv;
		long first = (long)(uniform() * 84), days = 273 - first;
		long x = 0, last = 0;
		double t = 0, spend = 0;

		for (;;) {
			long day;

			t += -log(uniform()) / lambda * 7;
			day = (long)t;
			if (!(t < (double)days))
				break;
			x++;
			last = day;
			spend += gamma1(gp) / nu;
			if (uniform() < p)
				break;
		}
		if (printf("%lu,%ld,%.4f,%.4f,%.2f\n", i, x, last / 7.0,
		    days / 7.0, x > 0 ? spend / (double)x : 0) < 0) {
			perror("gen_btyd");
			return 3;
		}
	}
	if (fflush(stdout) != 0) {
		perror("gen_btyd");
		return 3;
	}
	return 0;
}
