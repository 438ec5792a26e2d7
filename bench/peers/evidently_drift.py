"""Times Evidently's DataDriftPreset on a reference/current pair and reports its per-column decisions.

usage: evidently_drift.py REF CUR [--id-column NAME]

REF and CUR are CSV or Parquet files (by extension), loaded with pandas. Without --id-column
Evidently infers every column's type itself (a unique string column becomes a *text* column and is
tested with its text-content drift classifier); with --id-column the column is declared the id and
left out of drift.

Prints one JSON object:
  timings: {"load": s, "dataset": s, "report": s, "extract": s, "drift": dataset + report}
  columns: {name: {"drift": bool, "method": str, "threshold": float, "score": float}}
  dataset: {"driftedColumns": n, "columns": m, "share": f, "driftShare": 0.5, "drift": bool}
"""

from __future__ import annotations

import argparse
import warnings

from peer_common import emit, load_frame, machine, timed, versions

VALUE_DRIFT = "evidently:metric_v2:ValueDrift"
DRIFTED_COLUMNS_COUNT = "evidently:metric_v2:DriftedColumnsCount"

# Distance methods flag drift when score >= threshold; p-value methods when p < threshold (or <=).
# Used only to cross-check the test statuses, which are Evidently's own decisions.
P_VALUE_METHODS = ("p_value", "p-value", "p value")


def parse_snapshot(snapshot: dict) -> tuple[dict, dict]:
    """Per-column drift and the dataset-level summary from Snapshot.dict() (Evidently 0.7.x).

    Structure relied on:
      snapshot["metrics"][i] = {"id", "metric_name", "config": {"type", ...}, "value"}
        ValueDrift:           config = {"column", "method", "threshold"}, value = score (float)
        DriftedColumnsCount:  config = {"drift_share"}, value = {"count", "share"}
      snapshot["tests"][j] = {"metric_config": {"metric_id", ...}, "status": "SUCCESS" | "FAIL", ...}
        one per ValueDrift (FAIL = drift detected) and one "lt" test on DriftedColumnsCount's share
        (FAIL = dataset drift).
    """
    status_by_metric = {t["metric_config"]["metric_id"]: t["status"] for t in snapshot["tests"]}
    columns: dict[str, dict] = {}
    dataset: dict = {}
    for metric in snapshot["metrics"]:
        config = metric["config"]
        if config["type"] == VALUE_DRIFT:
            score = float(metric["value"])
            method = config["method"]
            threshold = float(config["threshold"])
            status = status_by_metric.get(metric["id"])
            is_p_value = any(k in method.lower() for k in P_VALUE_METHODS)
            by_rule = score < threshold if is_p_value else score >= threshold
            columns[config["column"]] = {
                "drift": status == "FAIL" if status is not None else by_rule,
                "method": method,
                "threshold": threshold,
                "score": score,
                "status": status,
                "ruleAgrees": by_rule == (status == "FAIL") if status is not None else None,
            }
        elif config["type"] == DRIFTED_COLUMNS_COUNT:
            value = metric["value"]
            share = float(value["share"])
            drift_share = float(config["drift_share"])
            status = status_by_metric.get(metric["id"])
            dataset = {
                "driftedColumns": int(value["count"]),
                "columns": round(value["count"] / share) if share > 0 else None,
                "share": share,
                "driftShare": drift_share,
                "drift": status == "FAIL" if status is not None else share >= drift_share,
                "status": status,
            }
    if dataset.get("columns") is None and dataset:
        dataset["columns"] = len(columns)
    return columns, dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference")
    parser.add_argument("current")
    parser.add_argument("--id-column", help="declare this column the id (excluded from drift)")
    args = parser.parse_args()

    warnings.filterwarnings("ignore")
    timings: dict[str, float] = {}
    with timed(timings, "import"):
        from evidently import DataDefinition, Dataset, Report
        from evidently.presets import DataDriftPreset

    with timed(timings, "load"):
        reference = load_frame(args.reference)
        current = load_frame(args.current)

    with timed(timings, "dataset"):
        # A fresh definition per dataset: from_pandas fills the inferred columns into the one it gets.
        def definition() -> DataDefinition:
            return DataDefinition(id_column=args.id_column) if args.id_column else DataDefinition()

        ref_ds = Dataset.from_pandas(reference, data_definition=definition())
        cur_ds = Dataset.from_pandas(current, data_definition=definition())

    with timed(timings, "report"):
        report = Report([DataDriftPreset()], include_tests=True)
        snapshot = report.run(current_data=cur_ds, reference_data=ref_ds)

    with timed(timings, "extract"):
        columns, dataset = parse_snapshot(snapshot.dict())
    timings["drift"] = timings["dataset"] + timings["report"]

    types = {}
    definition_used = ref_ds.data_definition
    for kind in ("numerical_columns", "categorical_columns", "text_columns", "datetime_columns"):
        for name in getattr(definition_used, kind, None) or []:
            types[name] = kind.removesuffix("_columns")
    if getattr(definition_used, "id_column", None):
        types[definition_used.id_column] = "id"

    emit(
        {
            "tool": "evidently",
            "preset": "DataDriftPreset",
            "versions": versions("evidently", "pandas", "numpy", "scipy"),
            "machine": machine(),
            "reference": args.reference,
            "current": args.current,
            "rows": {"reference": len(reference), "current": len(current)},
            "idColumn": args.id_column,
            "columnTypes": types,
            "timings": timings,
            "dataset": dataset,
            "columns": columns,
        }
    )


if __name__ == "__main__":
    main()
