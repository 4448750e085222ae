"""The seed project's way of computing team analytics: read the rows into pandas, then groupby.

Run by bench/analytics-bench.ts with /usr/bin/python3 (Debian's python3-pandas 1.5). One argument, a JSON
object: host, port, user, password, db, now_ms, fr_hours, res_hours, runs, reader, columns, filter (null or
{category, from_ms, to_ms}). Prints one JSON object: timings per run (read, compute) and the figures the
benchmark cross-checks against its own.

columns "needed" reads only the seven columns the analytics use, the way most favourable to pandas;
"all" reads every column, as the seed app's pd.read_sql of the table did. Either way the filter (when
there is one) is applied by MySQL, not after reading.
"""
import io
import json
import subprocess
import sys
import time
import warnings

import pandas as pd

# pandas 1.5 warns for every DBAPI connection that is not SQLAlchemy's; the read itself is the same.
warnings.filterwarnings("ignore", category=UserWarning)

NEEDED = "id, assignee_id, category, status, created_at, claimed_at, closed_at"


def query_sql(cfg):
    sql = f"SELECT {NEEDED if cfg.get('columns', 'needed') == 'needed' else '*'} FROM client_queries"
    f = cfg.get("filter")
    if f:
        cat = f["category"].replace("'", "''")
        sql += f" WHERE category = '{cat}' AND created_at >= {int(f['from_ms'])} AND created_at < {int(f['to_ms'])}"
    return sql


def connect(cfg):
    if cfg["reader"] == "pymysql":
        import pymysql

        return pymysql.connect(host=cfg["host"], port=cfg["port"], user=cfg["user"], password=cfg["password"], database=cfg["db"])
    import MySQLdb

    return MySQLdb.connect(host=cfg["host"], port=cfg["port"], user=cfg["user"], passwd=cfg["password"], db=cfg["db"])


def read_rows(cfg):
    """The rows and the agents' names, as DataFrames."""
    sql = query_sql(cfg)
    if cfg["reader"] == "cli":
        def cli(q):
            args = ["mysql", "--batch", "--quick", "-h", cfg["host"], "-P", str(cfg["port"]), "-u", cfg["user"], cfg["db"], "-e", q]
            if cfg["password"]:
                args.insert(1, "-p" + cfg["password"])
            out = subprocess.run(args, check=True, capture_output=True).stdout
            return pd.read_csv(io.BytesIO(out), sep="\t", na_values=["NULL"], keep_default_na=False)

        return cli(sql), cli("SELECT user_id, display_name FROM support_agents")
    conn = connect(cfg)
    try:
        return pd.read_sql(sql, conn), pd.read_sql("SELECT user_id, display_name FROM support_agents", conn)
    finally:
        conn.close()


def team_analytics(df, agents, cfg):
    now = pd.to_datetime(cfg["now_ms"], unit="ms")
    created = pd.to_datetime(df["created_at"], unit="ms")
    claimed = pd.to_datetime(df["claimed_at"], unit="ms")
    closed = pd.to_datetime(df["closed_at"], unit="ms")
    is_closed = df["status"] == "Closed"
    res_h = ((closed - created).dt.total_seconds() / 3600).where(is_closed)
    fr_h = (claimed - created).dt.total_seconds() / 3600
    age_h = (now - created).dt.total_seconds() / 3600
    df = df.assign(
        res_h=res_h,
        fr_h=fr_h,
        fr_breach=(fr_h > cfg["fr_hours"]) | (fr_h.isna() & (df["status"] == "Open") & (age_h > cfg["fr_hours"])),
        res_breach=(res_h > cfg["res_hours"]) | (~is_closed & (age_h > cfg["res_hours"])),
    )

    totals = df["status"].value_counts()
    assigned = df[df["assignee_id"].notna()]
    by_agent = assigned.groupby("assignee_id")
    per_agent = pd.concat(
        [
            by_agent.size().rename("handled"),
            assigned.groupby(["assignee_id", "status"]).size().unstack(fill_value=0),
            by_agent["res_h"].agg(["mean", "median"]),
            by_agent["res_h"].quantile(0.9).rename("p90"),
            by_agent[["fr_breach", "res_breach"]].sum(),
        ],
        axis=1,
    )
    per_agent = per_agent.join(agents.set_index("user_id")["display_name"]).sort_values("handled", ascending=False)
    by_category = pd.concat(
        [df.groupby(["category", "status"]).size().unstack(fill_value=0), df.groupby("category")[["fr_breach", "res_breach"]].sum()], axis=1
    )
    opened = df.groupby(created.dt.floor("D")).size()
    # As the product does: the closed series counts what was closed before the range's end.
    in_trend = closed.notna() & (closed < pd.to_datetime(cfg["filter"]["to_ms"], unit="ms") if cfg.get("filter") else closed.notna())
    closed_per_day = df[in_trend].groupby(closed[in_trend].dt.floor("D"))["res_h"].agg(["size", "mean"])
    return {
        "total": int(len(df)),
        "open": int(totals.get("Open", 0)),
        "in_progress": int(totals.get("In Progress", 0)),
        "closed": int(totals.get("Closed", 0)),
        "resolution": {"avg": df["res_h"].mean(), "median": df["res_h"].median(), "p90": df["res_h"].quantile(0.9)},
        "first_response": {"avg": df["fr_h"].mean(), "median": df["fr_h"].median(), "p90": df["fr_h"].quantile(0.9)},
        "fr_breaches": int(df["fr_breach"].sum()),
        "res_breaches": int(df["res_breach"].sum()),
        "agents": {str(int(a)): {"handled": int(r["handled"]), "median": r["median"]} for a, r in per_agent.iterrows()},
        "categories": {c: int(r.drop(["fr_breach", "res_breach"]).sum()) for c, r in by_category.iterrows()},
        "trend_days": int(len(opened.index.union(closed_per_day.index))),
    }


def main():
    cfg = json.loads(sys.argv[1])
    runs = []
    result = None
    for _ in range(int(cfg.get("runs", 3))):
        t0 = time.perf_counter()
        df, agents = read_rows(cfg)
        t1 = time.perf_counter()
        result = team_analytics(df, agents, cfg)
        t2 = time.perf_counter()
        runs.append({"read_s": t1 - t0, "compute_s": t2 - t1, "total_s": t2 - t0})
    print(json.dumps({"pandas": pd.__version__, "reader": cfg["reader"], "columns": cfg.get("columns", "needed"), "runs": runs, "result": result}))


if __name__ == "__main__":
    main()
