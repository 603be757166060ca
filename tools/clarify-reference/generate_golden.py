"""Writes the golden bias reports that govflow's Java engine is tested against.

Runs smclarify's own bias_report (the library inside SageMaker Clarify's processing container) for the pre- and
post-training stages on the sample data sets, over the facet and label configurations in CASES, and writes one JSON
file per case into activities/src/test/resources/golden/: the configuration as Clarify's analysis_config.json spells
it, then the facet reports exactly as smclarify returns them (infinities as the strings "Infinity"/"-Infinity",
metrics that fail as a null value with an error).

Post-training needs predicted labels: a fixed rule per data set derives them from the features, and the script
writes them beside the golden files, so the Java test scores exactly the same predictions.
"""
import json
import pathlib

import pandas as pd
from smclarify.bias import report
from smclarify.bias.metrics import common

REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
GOLDEN = REPO / "activities" / "src" / "test" / "resources" / "golden"
PREDICTED_COLUMN = "predicted_label"


def credit_prediction(row) -> str:
    # A lender's rule of thumb: an overdrawn account with a long loan, or a very large loan, is refused.
    overdrawn_long = row["checking_status"] == "<0" and row["duration"] > 24
    return "bad" if overdrawn_long or row["credit_amount"] > 10000 else "good"


def diabetes_prediction(row) -> str:
    # The textbook screening rule: high glucose together with obesity.
    return "tested_positive" if row["plas"] > 127 and row["mass"] > 29.9 else "tested_negative"


PREDICTIONS = {
    "credit-g.csv": ("credit-g-predictions.csv", credit_prediction),
    "diabetes.csv": ("diabetes-predictions.csv", diabetes_prediction),
}


def case(name, dataset, label, label_values, facet, facet_values, group_variable=None, rows=None, post=True):
    return dict(name=name, dataset=dataset, label=label, label_values=label_values, facet=facet,
                facet_values=facet_values, group_variable=group_variable, rows=rows, post=post)


CASES = [
    case("credit-g-personal-status-female", "credit-g.csv", "class", ["good"],
         "personal_status", ["female div/dep/mar"], group_variable="purpose"),
    case("credit-g-personal-status-two-values", "credit-g.csv", "class", ["good"],
         "personal_status", ["male div/sep", "female div/dep/mar"], group_variable="housing"),
    case("credit-g-personal-status-male-single-bad", "credit-g.csv", "class", ["bad"],
         "personal_status", ["male single"]),
    case("credit-g-foreign-worker", "credit-g.csv", "class", ["good"], "foreign_worker", ["yes"],
         group_variable="purpose"),
    case("credit-g-age-25", "credit-g.csv", "class", ["good"], "age", [25], group_variable="purpose"),
    case("credit-g-age-25-bad", "credit-g.csv", "class", ["bad"], "age", [25]),
    case("credit-g-facet-value-absent", "credit-g.csv", "class", ["good"], "foreign_worker", ["maybe"]),
    # Forty rows make small groups: outcomes missing from a group, ratios over zero, infinities.
    case("credit-g-40-rows-purpose-education", "credit-g.csv", "class", ["good"], "purpose", ["education"],
         group_variable="housing", rows=40),
    case("credit-g-40-rows-age-50", "credit-g.csv", "class", ["good"], "age", [50], rows=40),
    case("credit-g-40-rows-other-parties-guarantor", "credit-g.csv", "class", ["bad"],
         "other_parties", ["guarantor", "co applicant"], rows=40),
    # Twelve rows: a group with no favourable prediction or no false positive, so Clarify divides by zero.
    case("credit-g-12-rows-job-skilled-bad", "credit-g.csv", "class", ["bad"], "job", ["skilled"], rows=12),
    case("credit-g-12-rows-purpose-radio-tv-bad", "credit-g.csv", "class", ["bad"], "purpose", ["radio/tv"],
         group_variable="housing", rows=12),
    case("diabetes-age-50", "diabetes.csv", "class", ["tested_negative"], "age", [50], group_variable="preg"),
    case("diabetes-age-50-positive", "diabetes.csv", "class", ["tested_positive"], "age", [50]),
    case("diabetes-age-30", "diabetes.csv", "class", ["tested_negative"], "age", [30], group_variable="preg"),
    # A fractional column: pandas prints the interval's bounds as floats, "(30.0, 67.1]".
    case("diabetes-mass-30", "diabetes.csv", "class", ["tested_negative"], "mass", [30], group_variable="preg"),
    case("diabetes-30-rows-age-50", "diabetes.csv", "class", ["tested_negative"], "age", [50], rows=30),
    # A numeric label: Clarify splits it at the threshold as it does a facet (glucose above 140 mg/dl).
    case("diabetes-glucose-over-140-age-50", "diabetes.csv", "plas", [140], "age", [50], post=False),
]


def predictions(dataset: str) -> pd.Series:
    file, rule = PREDICTIONS[dataset]
    data = pd.read_csv(SAMPLES / dataset)
    predicted = data.apply(rule, axis=1).rename(PREDICTED_COLUMN)
    predicted.to_frame().to_csv(GOLDEN / file, index=False)
    return predicted


def facet_reports(spec, data, stage, predicted=None):
    group_variable = data[spec["group_variable"]] if spec["group_variable"] else None
    label = report.LabelColumn(spec["label"], data[spec["label"]], list(spec["label_values"]))
    predicted_label = None
    if predicted is not None:
        predicted_label = report.LabelColumn(PREDICTED_COLUMN, predicted, list(spec["label_values"]))
    return report.bias_report(
        data,
        report.FacetColumn(spec["facet"], list(spec["facet_values"])),
        label,
        stage,
        predicted_label_column=predicted_label,
        metrics=["all"],
        group_variable=group_variable,
    )


def golden(spec, all_predictions):
    data = pd.read_csv(SAMPLES / spec["dataset"])
    predicted = all_predictions[spec["dataset"]]
    if spec["rows"]:
        data = data.head(spec["rows"])
        predicted = predicted.head(spec["rows"])
    facet_type = common.series_datatype(data[spec["facet"]], list(spec["facet_values"]))
    label_type = common.series_datatype(data[spec["label"]], list(spec["label_values"]))
    document = {
        "dataset": spec["dataset"],
        "rows": spec["rows"] or len(data),
        "label": spec["label"],
        "label_values_or_threshold": spec["label_values"],
        "label_data_type": label_type.name,
        "label_value_or_threshold": report.label_value_or_threshold(
            data[spec["label"]], list(spec["label_values"])),
        "facet": {"name_or_index": spec["facet"], "value_or_threshold": spec["facet_values"]},
        "facet_data_type": facet_type.name,
        "group_variable": spec["group_variable"],
        "pre_training_bias_metrics": facet_reports(spec, data, report.StageType.PRE_TRAINING),
    }
    if spec["post"]:
        document["predicted_label"] = {"file": PREDICTIONS[spec["dataset"]][0], "column": PREDICTED_COLUMN}
        document["post_training_bias_metrics"] = facet_reports(
            spec, data, report.StageType.POST_TRAINING, predicted)
    return document


def main():
    GOLDEN.mkdir(parents=True, exist_ok=True)
    all_predictions = {dataset: predictions(dataset) for dataset in PREDICTIONS}
    for spec in CASES:
        path = GOLDEN / (spec["name"] + ".json")
        path.write_text(json.dumps(golden(spec, all_predictions), indent=2) + "\n")
        print("wrote", path.relative_to(REPO))


if __name__ == "__main__":
    main()
