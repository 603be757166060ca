package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * Model Monitor's constraints.json: what each feature of the baseline promises (type, completeness, sign, the
 * categories of a low-cardinality string) and the {@code monitoring_config} that says how a monitoring run judges
 * new data. A feature's {@code monitoringConfigOverrides} (camelCase, as Model Monitor spells it) takes the same
 * keys as {@code monitoring_config}; any key it sets wins over the global one for that feature.
 */
public record MonitorConstraints(double version, List<Feature> features, MonitoringConfig monitoringConfig) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Feature(
      String name,
      ColumnType inferredType,
      Double completeness,
      NumConstraints numConstraints,
      StringConstraints stringConstraints,
      @JsonProperty("monitoringConfigOverrides") MonitoringConfig monitoringConfigOverrides) {}

  public record NumConstraints(@JsonProperty("is_non_negative") boolean isNonNegative) {}

  public record StringConstraints(List<String> domains) {}

  /** Every key may be absent: absent keys fall back to the global config, then to Model Monitor's defaults. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MonitoringConfig(
      Toggle evaluateConstraints,
      Toggle emitMetrics,
      Double datatypeCheckThreshold,
      Double domainContentThreshold,
      DistributionConstraints distributionConstraints) {

    /** Model Monitor's defaults, with the robust comparison its baselining job suggests. */
    public static final MonitoringConfig DEFAULTS = new MonitoringConfig(Toggle.ENABLED, Toggle.ENABLED, 0.1, 0.1,
        new DistributionConstraints(Toggle.ENABLED, 0.1, ComparisonMethod.ROBUST));

    /** This config with every key that {@code overrides} sets taken from it; null overrides change nothing. */
    public MonitoringConfig overriddenBy(MonitoringConfig overrides) {
      if (overrides == null) {
        return this;
      }
      DistributionConstraints distribution = distributionConstraints == null
          ? overrides.distributionConstraints
          : distributionConstraints.overriddenBy(overrides.distributionConstraints);
      return new MonitoringConfig(
          Objects.requireNonNullElse(overrides.evaluateConstraints, evaluateConstraints),
          Objects.requireNonNullElse(overrides.emitMetrics, emitMetrics),
          Objects.requireNonNullElse(overrides.datatypeCheckThreshold, datatypeCheckThreshold),
          Objects.requireNonNullElse(overrides.domainContentThreshold, domainContentThreshold),
          distribution);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DistributionConstraints(
      Toggle performComparison, Double comparisonThreshold, ComparisonMethod comparisonMethod) {

    DistributionConstraints overriddenBy(DistributionConstraints overrides) {
      if (overrides == null) {
        return this;
      }
      return new DistributionConstraints(
          Objects.requireNonNullElse(overrides.performComparison, performComparison),
          Objects.requireNonNullElse(overrides.comparisonThreshold, comparisonThreshold),
          Objects.requireNonNullElse(overrides.comparisonMethod, comparisonMethod));
    }
  }

  public enum Toggle {
    ENABLED("Enabled"),
    DISABLED("Disabled");

    private final String label;

    Toggle(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }

  /**
   * How the distance between baseline and current distribution is judged. {@code Simple} compares the L-infinity
   * distance itself with the threshold; {@code Robust} first subtracts the two-sample Kolmogorov-Smirnov allowance
   * {@code 1.8 * sqrt((n + m) / (n * m))} (Deequ's {@code linfRobust}), so small samples do not raise drift on noise.
   */
  public enum ComparisonMethod {
    SIMPLE("Simple"),
    ROBUST("Robust");

    private final String label;

    ComparisonMethod(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }
}
