# The pandas peer of rfm in tests/bench/bench.sh: the columns of
# `rfm --customer customer_id --date order_date --amount amount` over an
# order log of gen --orders, written as CSV to standard output.
#
#   /usr/bin/python3 tests/bench/rfm_pandas.py ORDERS.csv
#
# Written the way a pandas user would: one groupby per customer and day
# (several rows of a day are one purchase), one per customer, quantile
# cut points (numpy's default is type 7), scores by searchsorted (a value
# on a cut point goes to the lower bin), the ten segments by np.select.
import sys

import numpy as np
import pandas as pd


def score(v, reverse):
    cuts = v.quantile([0.2, 0.4, 0.6, 0.8]).to_numpy()
    b = np.searchsorted(cuts, v.to_numpy(), side="left")
    return 5 - b if reverse else b + 1


def segment(r, f, m):
    def within(s, lo, hi):
        return (s >= lo) & (s <= hi)
    rules = [
        ("Champions", within(r, 4, 5) & within(f, 4, 5) & within(m, 4, 5)),
        ("Can't Lose Them", (r == 1) & within(f, 4, 5) & within(m, 4, 5)),
        ("New Customers", within(r, 4, 5) & (f == 1) & (m == 1)),
        ("Promising", within(r, 3, 4) & (f == 1) & (m == 1)),
        ("Need Attention", within(r, 2, 3) & within(f, 2, 3) & within(m, 2, 3)),
        ("At Risk", within(r, 1, 2) & within(f, 2, 5) & within(m, 2, 5)),
        ("Loyal Customers", within(r, 2, 5) & within(f, 3, 5) & within(m, 3, 5)),
        ("Potential Loyalist", within(r, 3, 5) & within(f, 1, 3) & within(m, 1, 3)),
        ("About To Sleep", within(r, 2, 3) & within(f, 1, 2) & within(m, 1, 2)),
        ("Lost", within(r, 1, 2) & within(f, 1, 2) & within(m, 1, 2)),
    ]
    return np.select([c for _, c in rules], [n for n, _ in rules], "Others")


def main(path):
    o = pd.read_csv(path, usecols=["customer_id", "order_date", "amount"],
                    parse_dates=["order_date"])
    days = (o.groupby(["customer_id", "order_date"], sort=False)["amount"]
            .agg(["size", "sum"]).reset_index())
    g = days.groupby("customer_id", sort=False)
    c = g.agg(first_purchase=("order_date", "min"),
              last_purchase=("order_date", "max"),
              orders=("size", "sum"), revenue=("sum", "sum"),
              ndays=("sum", "size"))
    first_amount = days.loc[g["order_date"].idxmin(), ["customer_id", "sum"]]
    c["first_amount"] = first_amount.set_index("customer_id")["sum"]
    as_of = c["last_purchase"].max()
    c["recency"] = (as_of - c["last_purchase"]).dt.days
    c["frequency"] = c["orders"]
    c["monetary"] = c["revenue"]
    c["r_score"] = score(c["recency"], True)
    c["f_score"] = score(c["frequency"], False)
    c["m_score"] = score(c["monetary"], False)
    c["rfm_score"] = c["r_score"] * 100 + c["f_score"] * 10 + c["m_score"]
    c["segment"] = segment(c["r_score"], c["f_score"], c["m_score"])
    c["x"] = c["ndays"] - 1
    c["t_x"] = (c["last_purchase"] - c["first_purchase"]).dt.days / 7
    c["T"] = (as_of - c["first_purchase"]).dt.days / 7
    c["m"] = np.where(c["x"] > 0,
                      (c["revenue"] - c["first_amount"]) / c["x"].clip(lower=1),
                      0.0)
    c = c.drop(columns=["ndays", "first_amount"])
    c.to_csv(sys.stdout, date_format="%Y-%m-%d")


if __name__ == "__main__":
    main(sys.argv[1])
