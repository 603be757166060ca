package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.DataStatistics.Bucket;
import io.govflow.evaluation.metrics.MonitorConstraints.MonitoringConfig;
import io.govflow.evaluation.metrics.MonitorConstraints.NumConstraints;
import io.govflow.evaluation.metrics.MonitorConstraints.StringConstraints;
import io.govflow.evaluation.metrics.MonitorStatistics.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Baselining, as Model Monitor's data-quality job does it: statistics.json describes the training data and
 * constraints.json, suggested from those statistics, says what later traffic must keep to. One pass over the rows;
 * per column the memory is a KLL sketch (numbers) or the category counts (strings).
 */
public final class ModelMonitorBaseline {

  /** Model Monitor materialises every numeric distribution as ten buckets. */
  static final int KLL_BUCKETS = 10;

  /**
   * A string column gets a domain when it has at most this many categories and at most
   * {@link #DOMAIN_MAX_SINGLETON_SHARE} of them are seen once: Deequ's rule for suggesting a categorical range, so an
   * identifier or free text gets none.
   */
  static final int DOMAIN_MAX_CATEGORIES = 120;
  static final double DOMAIN_MAX_SINGLETON_SHARE = 0.1;

  private ModelMonitorBaseline() {}

  /** The statistics of every column, typed as the table infers. */
  public static MonitorStatistics statistics(Table table) {
    if (table.rowCount() == 0) {
      throw new IllegalArgumentException("the baseline table has a header but no rows: baseline on the training data");
    }
    return statistics(table, table::type);
  }

  /** The statistics of every column, each read as the type {@code typeOf} gives it. */
  static MonitorStatistics statistics(Table table, Function<String, ColumnType> typeOf) {
    List<Feature> features = new ArrayList<>();
    for (String column : table.columns()) {
      features.add(profile(table, column, typeOf.apply(column)).toFeature(column));
    }
    return new MonitorStatistics(0.0, new DatasetSize(table.rowCount()), features);
  }

  static ColumnProfile profile(Table table, String column, ColumnType type) {
    ColumnProfile profile = new ColumnProfile(type);
    table.column(column).forEach(profile::add);
    return profile;
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
    if (feature.stringStatistics() == null) {
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
