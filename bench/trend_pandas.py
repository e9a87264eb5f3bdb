"""The bad-debt-rate trend pipeline of src/analytics/trends.ts (writeOffRates with segment "region"), in
pandas, for `npm run bench:analytics` (scripts/bench-analytics.mjs). Debian's python3 with pandas 1.5 and
no pyarrow, so the invoices are read from CSV with pandas' C parser.

The same computation as Arquero's:
  load     read invoices.csv (every column; the four date columns parsed, region and grade as categories)
  compute  credit sales by issue month x region; write-offs by write-off month x region; the complete
           month x region grid with zeros; rate = written off / sales; over the last 12 months per region
           the ratio of sums (rolling_rate) and the mean of the monthly rates (rolling_mean_rate)

Prints one JSON line: load and compute seconds (compute: the first run, and the median of --runs runs
after it), peak RSS, and a result
summary that the orchestrator compares with Arquero's.
Usage: /usr/bin/python3 bench/trend_pandas.py --file invoices.csv [--runs 3]
"""
import argparse
import json
import resource
import statistics
import time

import numpy as np
import pandas as pd


def load(path):
    return pd.read_csv(
        path,
        dtype={"region": "category", "grade": "category"},
        parse_dates=["issue_date", "due_date", "paid_date", "writeoff_date"],
    )


def month_index(dates):
    return dates.dt.year * 12 + dates.dt.month - 1


def compute(df, window=12):
    period = month_index(df["issue_date"])
    sales = df.groupby([period.rename("period"), df["region"]], observed=True)["amount"].sum()
    written = df[df["written_off"] > 0]
    wperiod = month_index(written["writeoff_date"])
    wo = written.groupby([wperiod.rename("period"), written["region"]], observed=True)["written_off"].sum()
    table = pd.concat({"sales": sales, "written_off": wo}, axis=1).reset_index()
    table["region"] = table["region"].astype(str)
    regions = sorted(table["region"].unique())
    grid = pd.MultiIndex.from_product([regions, range(int(table["period"].min()), int(table["period"].max()) + 1)], names=["region", "period"])
    table = table.set_index(["region", "period"]).reindex(grid).fillna(0.0)
    table["rate"] = np.where(table["sales"] > 0, table["written_off"] / table["sales"].where(table["sales"] > 0), np.nan)
    by = table.groupby(level="region")
    table["rolling_sales"] = by["sales"].transform(lambda s: s.rolling(window, min_periods=1).sum())
    table["rolling_written_off"] = by["written_off"].transform(lambda s: s.rolling(window, min_periods=1).sum())
    count = by["sales"].transform(lambda s: s.rolling(window, min_periods=1).count())
    full = count >= window
    table["rolling_rate"] = np.where(full & (table["rolling_sales"] > 0), table["rolling_written_off"] / table["rolling_sales"], np.nan)
    table["rolling_mean_rate"] = by["rate"].transform(lambda s: s.rolling(window, min_periods=1).mean()).where(full)
    return table.reset_index()


def summary(table):
    last = table[table["period"] == table["period"].max()].sort_values("region")
    return {
        "rows": int(len(table)),
        "periods": int(table["period"].nunique()),
        "sales": float(table["sales"].sum()),
        "written_off": float(table["written_off"].sum()),
        "last_rolling_rate": {str(r): float(v) for r, v in zip(last["region"], last["rolling_rate"])},
        "last_rolling_mean_rate": {str(r): float(v) for r, v in zip(last["region"], last["rolling_mean_rate"])},
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    t0 = time.perf_counter()
    df = load(args.file)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = compute(df)  # the first run, reported apart (as for Arquero, whose JIT warms up in it)
    cold_s = time.perf_counter() - t0
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        result = compute(df)
        times.append(time.perf_counter() - t0)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "engine": "pandas " + pd.__version__,
        "format": "csv",
        "invoices": int(len(df)),
        "load_s": load_s,
        "compute_s": statistics.median(times),
        "compute_cold_s": cold_s,
        "compute_runs_s": times,
        "peak_rss_mb": peak_kb / 1024,
        "result": summary(result),
    }))


if __name__ == "__main__":
    main()
