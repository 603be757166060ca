package io.govflow.common;

import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evaluation.metrics.TableFormatException;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a use case's CSV from local disk and checks it against the use case's definition. What is wrong with the
 * data is thrown as a non-retryable {@link DataProblem} whose message names the fix.
 */
public final class LocalDatasets {

  private final Path dataRoot;

  /** @param dataRoot the folder relative dataset locations are resolved against */
  public LocalDatasets(Path dataRoot) {
    this.dataRoot = dataRoot.toAbsolutePath().normalize();
  }

  /** The file behind a location: a {@code file:} URI, an absolute path, or a path relative to the data root. */
  public Path resolve(String location) {
    if (location == null || location.isBlank()) {
      throw DataProblem.DATASET_NOT_FOUND.failure("the use case's dataset has no location: set dataset.location "
          + "to a CSV path (absolute, or relative to " + dataRoot + ") or a file: URI");
    }
    Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : dataRoot.resolve(location);
    if (!Files.isRegularFile(path)) {
      throw DataProblem.DATASET_NOT_FOUND.failure("no dataset file at " + path + " (location '" + location
          + "'): put the CSV there or correct dataset.location; relative paths resolve against " + dataRoot);
    }
    return path;
  }

  /** The dataset as a table whose label column and favourable label are checked. */
  public Table read(Dataset dataset) {
    Path path = resolve(dataset.location());
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Table table = Table.read(reader);
      checkLabel(table, dataset, path.toString());
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + path, e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw DataProblem.DATASET_UNREADABLE.failure(path + " is not UTF-8 text: save the CSV as UTF-8", e);
      }
      throw e;
    } catch (TableFormatException e) {
      throw DataProblem.DATASET_UNREADABLE.failure(path + " is not a CSV table: " + e.getMessage()
          + "; the first line must name the columns and every row must have one value per column", e);
    }
  }

  /** A table kept in the artifact store (a train or test split), checked like the dataset it came from. */
  public static Table readSplit(ArtifactStore store, String location, Dataset dataset) {
    try {
      Table table = Table.parse(store.get(location));
      checkLabel(table, dataset, location);
      return table;
    } catch (ArtifactNotFoundException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("no data split at " + location
          + ": train the model version again to recreate it", e);
    } catch (TableFormatException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure(location + " is not a CSV table: " + e.getMessage(), e);
    }
  }

  public static void checkLabel(Table table, Dataset dataset, String source) {
    requireColumn(table, dataset.label(), "label", source);
    if (!table.column(dataset.label()).contains(dataset.favourableLabel())) {
      throw DataProblem.LABEL_VALUE_NOT_FOUND.failure("the favourable label '" + dataset.favourableLabel()
          + "' never occurs in column '" + dataset.label() + "' of " + source + "; its values are "
          + table.column(dataset.label()).stream().distinct().sorted().limit(20).toList()
          + ": set dataset.favourableLabel to one of them");
    }
  }

  /** A classifier needs rows of at least two outcomes. */
  public static void requireTwoClasses(Table table, String label) {
    long classes = table.column(label).stream().filter(v -> !Table.isMissing(v)).distinct().count();
    if (classes < 2) {
      throw DataProblem.LABEL_HAS_ONE_CLASS.failure("column '" + label + "' has " + classes
          + " class(es): a classifier needs rows of at least two outcomes; add them or choose another label");
    }
  }

  public static void checkFacets(Table table, List<ProtectedFacet> facets, String source) {
    for (ProtectedFacet facet : facets) {
      requireColumn(table, facet.column(), "protected facet", source);
      boolean hasValues = facet.values() != null && !facet.values().isEmpty();
      if (hasValues == (facet.threshold() != null)) {
        throw DataProblem.FACET_INVALID.failure("protected facet '" + facet.column() + "' must set exactly one of "
            + "values (the sensitive group's values) and threshold (the sensitive group is above it)");
      }
      if (facet.threshold() != null && !table.type(facet.column()).isNumeric()) {
        throw DataProblem.FACET_NOT_NUMERIC.failure("protected facet '" + facet.column() + "' has threshold "
            + facet.threshold() + " but its column holds text in " + source + ": give the facet values instead");
      }
    }
  }

  private static void requireColumn(Table table, String column, String role, String source) {
    if (column == null || !table.hasColumn(column)) {
      throw DataProblem.COLUMN_NOT_FOUND.failure("the " + role + " column '" + column + "' is not in " + source
          + "; its columns are " + table.columns() + ": correct the use case's definition or the data");
    }
  }
}
