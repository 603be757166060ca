package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.ConstraintViolations.CheckType;
import io.govflow.evaluation.metrics.ConstraintViolations.Violation;
import io.govflow.evaluation.metrics.DataStatistics.Bucket;
import io.govflow.evaluation.metrics.MonitorConstraints.ComparisonMethod;
import io.govflow.evaluation.metrics.MonitorConstraints.DistributionConstraints;
import io.govflow.evaluation.metrics.MonitorConstraints.MonitoringConfig;
import io.govflow.evaluation.metrics.MonitorConstraints.Toggle;
import io.govflow.evaluation.metrics.MonitorStatistics.Feature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A monitoring run, as Model Monitor's data-quality job does it: new traffic is judged against a baseline's
 * statistics and constraints, and every broken constraint becomes one violation of constraint_violations.json.
 * Each feature is judged with {@code monitoring_config} as overridden by its own {@code monitoringConfigOverrides}.
 */
public final class ModelMonitorCheck {

  /** Deequ's two-sample Kolmogorov-Smirnov coefficient behind the Robust comparison. */
  static final double ROBUST_COEFFICIENT = 1.8;

  private ModelMonitorCheck() {}

  /**
   * The statistics.json of the current traffic, which a monitoring run writes beside its violations: each baseline
   * column read as the baseline typed it, so a drifting type shows as missing numbers rather than a new type.
   */
  public static MonitorStatistics currentStatistics(MonitorConstraints constraints, Table current) {
    Map<String, ColumnType> baselineTypes = new HashMap<>();
    constraints.features().stream().filter(f -> f.inferredType() != null)
        .forEach(f -> baselineTypes.put(f.name(), f.inferredType()));
    return ModelMonitorBaseline.statistics(current, c -> baselineTypes.getOrDefault(c, current.type(c)));
  }

  public static ConstraintViolations check(
      MonitorStatistics baseline, MonitorConstraints constraints, Table current) {
    MonitoringConfig global = MonitoringConfig.DEFAULTS.overriddenBy(constraints.monitoringConfig());
    List<Violation> violations = new ArrayList<>();
    if (global.evaluateConstraints() == Toggle.DISABLED) {
      return new ConstraintViolations(violations);
    }
    Set<String> baselineColumns = new HashSet<>();
    for (MonitorConstraints.Feature feature : constraints.features()) {
      baselineColumns.add(feature.name());
      if (!current.hasColumn(feature.name())) {
        violations.add(new Violation(feature.name(), CheckType.MISSING_COLUMN_CHECK, String.format(Locale.ROOT,
            "Baseline column '%s' is missing from the current data: send it, or baseline again without it",
            feature.name())));
      } else {
        MonitoringConfig config = global.overriddenBy(feature.monitoringConfigOverrides());
        if (config.evaluateConstraints() == Toggle.ENABLED) {
          violations.addAll(checkFeature(feature, baseline.feature(feature.name()), config, current));
        }
      }
    }
    for (String column : current.columns()) {
      if (!baselineColumns.contains(column)) {
        violations.add(new Violation(column, CheckType.EXTRA_COLUMN_CHECK, String.format(Locale.ROOT,
            "Column '%s' is not in the baseline: stop sending it, or baseline again with it", column)));
      }
    }
    return new ConstraintViolations(violations);
  }

  private static List<Violation> checkFeature(MonitorConstraints.Feature feature, Optional<Feature> baseline,
      MonitoringConfig config, Table current) {
    ColumnType type = feature.inferredType() != null
        ? feature.inferredType()
        : baseline.map(Feature::inferredType).orElse(ColumnType.STRING);
    ColumnProfile profile = ModelMonitorBaseline.profile(current, feature.name(), type);
    List<Violation> violations = new ArrayList<>();
    dataType(feature.name(), profile, config.datatypeCheckThreshold()).ifPresent(violations::add);
    completeness(feature, profile).ifPresent(violations::add);
    DistributionConstraints distribution = config.distributionConstraints();
    if (baseline.isPresent() && distribution.performComparison() == Toggle.ENABLED) {
      drift(baseline.get(), profile, distribution).ifPresent(violations::add);
    }
    categoricalValues(feature, profile, config.domainContentThreshold()).ifPresent(violations::add);
    return violations;
  }

  private static Optional<Violation> dataType(String name, ColumnProfile profile, double threshold) {
    if (profile.present() == 0) {
      return Optional.empty();
    }
    double mismatched = (double) profile.mismatched() / profile.present();
    if (mismatched <= threshold) {
      return Optional.empty();
    }
    return Optional.of(new Violation(name, CheckType.DATA_TYPE_CHECK, String.format(Locale.ROOT,
        "Data type match requirement is not met: expected %s, but %d of %d present values (%.4f) are not, more "
            + "than the datatype_check_threshold %s",
        profile.type().label(), profile.mismatched(), profile.present(), mismatched, threshold)));
  }

  private static Optional<Violation> completeness(MonitorConstraints.Feature feature, ColumnProfile profile) {
    if (feature.completeness() == null || profile.completeness() >= feature.completeness()) {
      return Optional.empty();
    }
    return Optional.of(new Violation(feature.name(), CheckType.COMPLETENESS_CHECK, String.format(Locale.ROOT,
        "Data completeness requirement is not met: expected completeness %.4f, observed %.4f",
        feature.completeness(), profile.completeness())));
  }

  private static Optional<Violation> drift(
      Feature baseline, ColumnProfile current, DistributionConstraints constraints) {
    Optional<Distance> measured = baseline.numericalStatistics() != null
        ? numericDistance(baseline, current)
        : categoricalDistance(baseline, current);
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    Distance distance = measured.get();
    ComparisonMethod method = constraints.comparisonMethod();
    double judged = judged(distance.value(), distance.n(), distance.m(), method);
    if (judged <= constraints.comparisonThreshold()) {
      return Optional.empty();
    }
    return Optional.of(new Violation(baseline.name(), CheckType.BASELINE_DRIFT_CHECK, String.format(Locale.ROOT,
        "Baseline drift distance %.4f exceeds the comparison_threshold %s (%s: L-infinity distance %.4f between "
            + "%d baseline and %d current values)",
        judged, constraints.comparisonThreshold(), method.label(), distance.value(), distance.n(), distance.m())));
  }

  /** The L-infinity distance between the two empirical CDFs, read at every split point of either sketch. */
  static Optional<Distance> numericDistance(Feature baseline, ColumnProfile current) {
    var distribution = baseline.numericalStatistics().distribution();
    if (distribution == null || current.sketch().count() == 0) {
      return Optional.empty();
    }
    KllSketch reference = distribution.kll().sketch().restore();
    KllSketch observed = current.sketch();
    TreeSet<Double> points = new TreeSet<>();
    for (double point : reference.splitPoints()) {
      points.add(point);
    }
    for (double point : observed.splitPoints()) {
      points.add(point);
    }
    double distance = 0;
    for (double point : points) {
      distance = Math.max(distance, Math.abs(reference.cdf(point) - observed.cdf(point)));
    }
    return Optional.of(new Distance(distance, reference.count(), observed.count()));
  }

  /** The largest difference in any category's share of the present values, counting unseen categories as 0. */
  static Optional<Distance> categoricalDistance(Feature baseline, ColumnProfile current) {
    if (baseline.stringStatistics() == null || current.present() == 0) {
      return Optional.empty();
    }
    Map<String, Long> reference = new HashMap<>();
    for (Bucket bucket : baseline.stringStatistics().distribution().categorical().buckets()) {
      reference.put(bucket.value(), bucket.count());
    }
    long n = reference.values().stream().mapToLong(Long::longValue).sum();
    long m = current.categories().values().stream().mapToLong(Long::longValue).sum();
    if (n == 0 || m == 0) {
      return Optional.empty();
    }
    Set<String> categories = new HashSet<>(reference.keySet());
    categories.addAll(current.categories().keySet());
    double distance = 0;
    for (String category : categories) {
      double share = (double) reference.getOrDefault(category, 0L) / n;
      double currentShare = (double) current.categories().getOrDefault(category, 0L) / m;
      distance = Math.max(distance, Math.abs(share - currentShare));
    }
    return Optional.of(new Distance(distance, n, m));
  }

  /** The distance a threshold is held against: as measured, or less the Kolmogorov-Smirnov allowance if Robust. */
  static double judged(double distance, long n, long m, ComparisonMethod method) {
    if (method == ComparisonMethod.SIMPLE) {
      return distance;
    }
    return Math.max(0.0, distance - ROBUST_COEFFICIENT * Math.sqrt((double) (n + m) / ((double) n * m)));
  }

  private static Optional<Violation> categoricalValues(
      MonitorConstraints.Feature feature, ColumnProfile profile, double threshold) {
    if (feature.stringConstraints() == null || feature.stringConstraints().domains() == null
        || profile.type().isNumeric() || profile.present() == 0) {
      return Optional.empty();
    }
    Set<String> domain = new HashSet<>(feature.stringConstraints().domains());
    TreeSet<String> unknown = new TreeSet<>();
    long outside = 0;
    for (Map.Entry<String, Long> category : profile.categories().entrySet()) {
      if (!domain.contains(category.getKey())) {
        unknown.add(category.getKey());
        outside += category.getValue();
      }
    }
    double share = (double) outside / profile.present();
    if (share <= threshold) {
      return Optional.empty();
    }
    return Optional.of(new Violation(feature.name(), CheckType.CATEGORICAL_VALUES_CHECK, String.format(Locale.ROOT,
        "Baseline domain not matched: %d of %d present values (%.4f) are outside the baseline's categories, more "
            + "than the domain_content_threshold %s; unknown values %s",
        outside, profile.present(), share, threshold, unknown)));
  }

  /** A distance between two distributions of {@code n} and {@code m} values. */
  record Distance(double value, long n, long m) {}
}
