"""govflow's feature encoder: the first container of a model version's SageMaker inference pipeline.

Callers send the use case's rows as they are (headerless CSV, the dataset's columns but the label, in the dataset's
order); built-in XGBoost, the next container, reads numbers only. This script, served by SageMaker's scikit-learn
container, turns each raw row into the row XGBoost was trained on, by the encoding govflow fitted on the training
split (``feature-encoding.json`` in the model artifact, written by FeatureEncoding in Java): a numeric column passes
through, a missing value (empty or ``?``) becomes an empty cell, and a text column becomes one 0/1 column per category
seen in training, all zeros for a category never seen. It must encode exactly as FeatureEncoding.featuresCsv does;
FeatureEncoderScriptIT holds the two to the same bytes.

Only the standard library is used, so the script runs on any of the container's Python versions.
"""

import csv
import io
import json
import os

ENCODING_FILE = "feature-encoding.json"
CSV = "text/csv"


class RowError(ValueError):
    """A request the encoding cannot read: the container answers it with an error naming the row."""


def model_fn(model_dir):
    with open(os.path.join(model_dir, ENCODING_FILE), encoding="utf-8") as document:
        return json.load(document)


def input_fn(request_body, content_type):
    if content_type.split(";")[0].strip() != CSV:
        raise RowError("the encoder reads text/csv only, not " + content_type
                       + ": send headerless CSV rows of the dataset's columns")
    if isinstance(request_body, bytes):
        request_body = request_body.decode("utf-8")
    return [row for row in csv.reader(io.StringIO(request_body)) if row]


def predict_fn(rows, encoding):
    features = encoding["features"]
    encoded = []
    for number, row in enumerate(rows, start=1):
        if len(row) != len(features):
            raise RowError("row %d has %d values; the model reads %d: %s" % (
                number, len(row), len(features), ", ".join(feature["column"] for feature in features)))
        encoded.append(encode(row, features))
    return encoded


def output_fn(encoded, accept):
    return "".join(",".join(row) + "\n" for row in encoded), CSV


def encode(row, features):
    cells = []
    for value, feature in zip(row, features):
        categories = feature.get("categories")
        if categories is None:
            cells.append("" if is_missing(value) else value)
        else:
            cells.extend("1" if value == category else "0" for category in categories)
    return cells


def is_missing(value):
    return value == "" or value == "?"
