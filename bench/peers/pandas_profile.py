"""Times pandas on the profiling workload: read_csv, describe(include='all') + nunique().

usage: pandas_profile.py REF_CSV [--parquet REF_PARQUET] [--engine c|pyarrow]

Prints one JSON object: {"tool": "pandas", "timings": {"read_csv": s, "describe": s, "nunique": s,
"describe_nunique": s, "read_parquet": s?}, "rows": n, "cols": k, ...}.
"""

from __future__ import annotations

import argparse

import pandas as pd

from peer_common import emit, machine, timed, versions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="CSV file to read and profile")
    parser.add_argument("--parquet", help="Parquet file to time pd.read_parquet on (same table)")
    parser.add_argument("--engine", default="c", choices=["c", "pyarrow"], help="read_csv engine (default: c)")
    args = parser.parse_args()

    timings: dict[str, float] = {}
    with timed(timings, "read_csv"):
        df = pd.read_csv(args.csv, engine=args.engine)
    with timed(timings, "describe"):
        description = df.describe(include="all")
    with timed(timings, "nunique"):
        distinct = df.nunique()
    timings["describe_nunique"] = timings["describe"] + timings["nunique"]

    result = {
        "tool": "pandas",
        "versions": versions("pandas", "numpy", "pyarrow"),
        "machine": machine(),
        "file": args.csv,
        "engine": args.engine,
        "rows": len(df),
        "cols": df.shape[1],
        "dtypes": {name: str(dtype) for name, dtype in df.dtypes.items()},
        "nunique": {name: int(v) for name, v in distinct.items()},
        "describedColumns": len(description.columns),
    }
    if args.parquet:
        del df
        with timed(timings, "read_parquet"):
            frame = pd.read_parquet(args.parquet)
        result["parquetFile"] = args.parquet
        result["parquetRows"] = len(frame)
    result["timings"] = timings
    emit(result)


if __name__ == "__main__":
    main()
