/*
 * crm_btyd: the "buy till you die" models behind clv(1).
 *
 *  - BG/NBD (Fader, Hardie and Lee 2005, "Counting your customers the
 *    easy way"): while alive a customer buys at Poisson rate lambda,
 *    lambda ~ Gamma(r, alpha); after each purchase he drops out with
 *    probability p, p ~ Beta(a, b).  A customer is summarised by x
 *    (repeat purchases), t_x (time of the last purchase since the first)
 *    and T (time since the first purchase), in one unit of time.
 *  - Gamma-Gamma (Fader, Hardie and Lee 2005, "RFM and CLV: using
 *    iso-value curves", and Fader and Hardie's note on it): the mean
 *    value m of a customer's x repeat purchases, with spend per purchase
 *    ~ Gamma(p, nu), nu ~ Gamma(q, v).
 *
 * Parameters are fitted by maximum likelihood with GSL's minimisers on
 * the logarithms of the parameters, over a sample in which identical
 * customers are one row with a weight.  Nothing here prints or exits
 * (but for memory exhaustion, as crm_xmalloc); errors come back in a
 * crm_error.  The functions of a fitted model return finite values for
 * every valid customer (x a whole number >= 0, 0 <= t_x <= T, T > 0).
 */
#ifndef CRM_BTYD_H
#define CRM_BTYD_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_diag.h"

/* BG/NBD parameters, natural scale. */
typedef struct crm_btyd_bgnbd {
	double r, alpha, a, b;
} crm_btyd_bgnbd;

/* Gamma-Gamma parameters, natural scale. */
typedef struct crm_btyd_gg {
	double p, q, v;
} crm_btyd_gg;

/* What a fit reports beside the parameters. */
typedef struct crm_btyd_fit {
	double ll;		/* log-likelihood, without the penalty */
	double customers;	/* rows fitted (weights summed) */
	unsigned long iterations;	/* of the minimiser */
} crm_btyd_fit;

/* Customers, collapsed: identical (x, t_x, T) are one BG/NBD row,
 * identical (x, m) with x > 0 and m > 0 one Gamma-Gamma row. */
typedef struct crm_btyd_sample crm_btyd_sample;

/* An empty sample (exits 3 when out of memory, as every allocation
 * here). */
crm_btyd_sample *crm_btyd_sample_new(void);
void crm_btyd_sample_free(crm_btyd_sample *s);

/*
 * Add one customer with weight 1.  The caller has checked it with
 * crm_btyd_check; m only counts when x > 0 and m > 0.
 */
void crm_btyd_sample_add(crm_btyd_sample *s, double x, double t_x,
			 double T, double m);

/* Customers added, and distinct BG/NBD rows they make. */
double crm_btyd_sample_customers(const crm_btyd_sample *s);
size_t crm_btyd_sample_rows(const crm_btyd_sample *s);

/*
 * Whether a customer is valid: x a whole number >= 0, t_x >= 0, T > 0,
 * t_x <= T, m >= 0 (all finite).  Returns 0, or the number (1..5) of
 * the first rule broken in that order, for the caller's message.
 */
int crm_btyd_check(double x, double t_x, double T, double m);

/* BG/NBD log-likelihood of the sample at par (weights applied). */
double crm_btyd_bgnbd_ll(const crm_btyd_sample *s,
			 const crm_btyd_bgnbd *par);

/*
 * Fit BG/NBD to s by maximum likelihood, minimising -ll / customers +
 * penalizer * (r^2 + alpha^2 + a^2 + b^2) (the objective of Python's
 * lifetimes).  Returns 0 with *par and *fit set; or -1 with err
 * (status 1) when s is empty, or the minimiser does not converge, or a
 * parameter ends above 1e6 or below 1e-6; the message names the last
 * parameters and suggests --penalizer.  *par holds them then too.
 */
int crm_btyd_bgnbd_fit(const crm_btyd_sample *s, double penalizer,
		       crm_btyd_bgnbd *par, crm_btyd_fit *fit,
		       crm_error *err);

/* Gamma-Gamma log-likelihood over the rows with x > 0 and m > 0. */
double crm_btyd_gg_ll(const crm_btyd_sample *s, const crm_btyd_gg *par);

/* Fit Gamma-Gamma as crm_btyd_bgnbd_fit does BG/NBD; also an error when
 * no row has x > 0 and m > 0, or q <= 1 (no finite mean spend). */
int crm_btyd_gg_fit(const crm_btyd_sample *s, double penalizer,
		    crm_btyd_gg *par, crm_btyd_fit *fit, crm_error *err);

/* P(alive | x, t_x, T), the paper's equation (13).  1 when x = 0. */
double crm_btyd_p_alive(const crm_btyd_bgnbd *par, double x, double t_x,
			double T);

/*
 * Expected repeat purchases in (T, T + t] given x, t_x, T: the paper's
 * equation (10), whose Gauss hypergeometric function is evaluated as a
 * series in -t/(alpha+T) (Pfaff's transformation) when t <= (alpha+T)/2,
 * else as one in z = t/(alpha+T+t) (Pfaff's twice), by GSL's
 * gsl_sf_hyperg_2F1 beyond z = 0.9.  0 when t <= 0.
 */
double crm_btyd_expected(const crm_btyd_bgnbd *par, double x, double t_x,
			 double T, double t);

/* Expected value of one purchase (Gamma-Gamma conditional mean);
 * v p / (q - 1), the population mean, when x = 0. */
double crm_btyd_spend(const crm_btyd_gg *par, double x, double m);

/* The horizon of a CLV, in the data's unit of time. */
typedef struct crm_btyd_horizon {
	double length;		/* H, in units; at most CRM_BTYD_HORIZON_MAX
				 * days */
	double unit_days;	/* days per unit: 1, 7, 30.4375 */
	double rate;		/* discount rate per year of 365.25 days */
} crm_btyd_horizon;

#define CRM_BTYD_MONTH_DAYS 30.4375
#define CRM_BTYD_YEAR_DAYS 365.25
/* 100 years: 1218 months to sum for each distinct customer */
#define CRM_BTYD_HORIZON_MAX (100 * CRM_BTYD_YEAR_DAYS)

/*
 * Discounted expected purchases over the horizon: cut into months of
 * 30.4375 days (the last one shorter when H is no whole number of
 * months), the purchases expected in each month ending at t weighted by
 * (1 + rate)^(-t / 365.25 days).  With rate 0 the expected purchases
 * in (T, T + H].  clv = crm_btyd_spend(...) times this.
 */
double crm_btyd_discounted(const crm_btyd_bgnbd *par, double x,
			   double t_x, double T,
			   const crm_btyd_horizon *h);

/* What clv appends for one customer, but the spend. */
typedef struct crm_btyd_scores {
	double p_alive, expected, discounted;
} crm_btyd_scores;

/*
 * Scores of a model over a horizon, each distinct (x, t_x, T) computed
 * once and remembered (up to max of them, about 80 bytes each; later
 * ones are computed every time), since a customer table holds far fewer
 * distinct triples than rows.
 */
typedef struct crm_btyd_scorer crm_btyd_scorer;

crm_btyd_scorer *crm_btyd_scorer_new(const crm_btyd_bgnbd *par,
				     const crm_btyd_horizon *h, size_t max);
void crm_btyd_scorer_free(crm_btyd_scorer *sc);
/* p_alive, expected purchases over the horizon, discounted purchases
 * of a valid customer. */
void crm_btyd_score(crm_btyd_scorer *sc, double x, double t_x, double T,
		    crm_btyd_scores *out);

#endif
