package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.DataStatistics.Bucket;
import io.govflow.evaluation.metrics.MonitorConstraints.MonitoringConfig;
import io.govflow.evaluation.metrics.MonitorConstraints.NumConstraints;
import io.govflow.evaluation.metrics.MonitorConstraints.StringConstraints;
import io.govflow.evaluation.metrics.MonitorStatistics.Feature;
import java.io.InputStream;
import java.util.List;

/**
 * Baselining, as Model Monitor's data-quality job does it: statistics.json describes the training data and
 * constraints.json, suggested from those statistics, says what later traffic must keep to. One pass over the rows
 * ({@link ColumnProfiles}); per column the memory is a KLL sketch and at most {@value ColumnProfile#CATEGORY_LIMIT}
 * category counts, so a CSV file of any length baselines in memory that grows with its columns only.
 */
public final class ModelMonitorBaseline {

  /** Model Monitor materialises every numeric distribution as ten buckets. */
  static final int KLL_BUCKETS = 10;

  /**
   * A string column gets a domain when it has at most this many categories and at most
   * {@link #DOMAIN_MAX_SINGLETON_SHARE} of them are seen once: Deequ's rule for suggesting a categorical range, so an
   * identifier or free text gets none.
   */
  static final int DOMAIN_MAX_CATEGORIES = ColumnProfile.CATEGORY_LIMIT;
  static final double DOMAIN_MAX_SINGLETON_SHARE = 0.1;

  private ModelMonitorBaseline() {}

  /** The statistics of every column, typed as the table infers. */
  public static MonitorStatistics statistics(Table table) {
    return statistics(ColumnProfiles.of(table, column -> new ColumnProfile(table.type(column))));
  }

  /**
   * The statistics of every column of a CSV file (header row first), read once, each column typed by its values;
   * the same document {@link #statistics(Table)} writes for the same rows. Closes {@code csv}.
   *
   * @throws TableFormatException if the bytes are not a CSV table
   */
  public static MonitorStatistics statistics(InputStream csv) {
    return statistics(ColumnProfiles.read(csv, column -> new ColumnProfile(null)));
  }

  private static MonitorStatistics statistics(ColumnProfiles profiles) {
    if (profiles.rowCount() == 0) {
      throw new IllegalArgumentException("the baseline table has a header but no rows: baseline on the training data");
    }
    return profiles.statistics();
  }

  /** The constraints Model Monitor suggests for data like the baseline, judged by its default monitoring config. */
  public static MonitorConstraints constraints(MonitorStatistics statistics) {
    List<MonitorConstraints.Feature> features = statistics.features().stream().map(f -> {
      DataStatistics.Common common = f.numericalStatistics() != null
          ? f.numericalStatistics().common()
          : f.stringStatistics().common();
      NumConstraints sign = f.numericalStatistics() != null && f.numericalStatistics().min() != null
          ? new NumConstraints(f.numericalStatistics().min() >= 0)
          : null;
      return new MonitorConstraints.Feature(
          f.name(), f.inferredType(), ColumnProfile.completeness(common), sign, domain(f), null);
    }).toList();
    return new MonitorConstraints(0.0, features, MonitoringConfig.DEFAULTS);
  }

  private static StringConstraints domain(Feature feature) {
    if (feature.stringStatistics() == null || feature.stringStatistics().distribution() == null) {
      return null;
    }
    List<Bucket> categories = feature.stringStatistics().distribution().categorical().buckets();
    long singletons = categories.stream().filter(b -> b.count() == 1).count();
    if (categories.isEmpty() || categories.size() > DOMAIN_MAX_CATEGORIES
        || singletons > DOMAIN_MAX_SINGLETON_SHARE * categories.size()) {
      return null;
    }
    return new StringConstraints(categories.stream().map(Bucket::value).sorted().toList());
  }
}
