package io.govflow.common.aws;

import io.govflow.common.DataProblem;
import io.govflow.common.LocalDatasets;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.usecase.Dataset;

/**
 * Reads a use case's CSV from S3 on the aws provider and checks its label, as {@link LocalDatasets} does on disk.
 * The worker reads the data itself before a job is spent on it: what is wrong with it fails the step at once with a
 * message naming the fix, rather than a processing or training job failing minutes later.
 */
public final class S3Datasets {

  private S3Datasets() {}

  public static Table read(S3ArtifactStore store, Dataset dataset) {
    String location = dataset.location();
    if (location == null || !location.startsWith("s3://")) {
      throw DataProblem.DATASET_NOT_FOUND.failure("on the aws provider dataset.location must be an s3:// URI of the "
          + "CSV, not '" + location + "': upload the CSV to S3 and name it there");
    }
    try {
      Table table = Table.parse(store.get(location));
      LocalDatasets.checkLabel(table, dataset, location);
      return table;
    } catch (ArtifactNotFoundException e) {
      throw DataProblem.DATASET_NOT_FOUND.failure("no dataset object at " + location
          + ": upload the CSV there or correct dataset.location", e);
    } catch (TableFormatException e) {
      throw DataProblem.DATASET_UNREADABLE.failure(location + " is not a CSV table: " + e.getMessage()
          + "; the first line must name the columns and every row must have one value per column", e);
    }
  }
}
