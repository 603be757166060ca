package io.govflow.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.DataProblem;
import io.govflow.common.Latencies;
import io.govflow.evaluation.metrics.BinaryClassification;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.policy.Comparison;
import io.govflow.policy.EvidenceMeasurements;
import io.govflow.policy.Finding;
import io.govflow.policy.Measurement;
import io.govflow.policy.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks of step 10 that do not depend on how an endpoint is reached, filled by each provider's validation: every
 * check a finding on the endpoint, the latency budget, the endpoint's answers against the offline evaluation, and the
 * {@value EndpointValidation#EVIDENCE_NAME} report kept as evidence.
 */
public final class EndpointChecks {

  /** Recomputed metrics must agree this closely: the same model on the same rows. */
  public static final double EXACT = 1e-9;
  /** A real-time endpoint answering one row slower than this, 99 times in 100, is unfit to serve. */
  public static final double LATENCY_P99_BUDGET_MILLIS = 1000;

  private final String endpoint;
  private final List<Finding> findings = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  public EndpointChecks(String endpointName) {
    this.endpoint = endpointName;
  }

  /** The report kept as evidence: the endpoint, the verdict, the latency figures and every check. */
  public record Report(String endpointName, String environment, String url, String modelVersionId, boolean passed,
      int heldOutRows, Latency latencyMillis, List<Finding> checks) {}

  public record Latency(double p50, double p99, int requests) {}

  /** A check that passes when {@code measured} compares with {@code threshold} as {@code comparison} says. */
  public void add(String rule, String description, String metric, Comparison comparison, double threshold,
      Double measured, Severity severity) {
    boolean passed = measured != null && switch (comparison) {
      case AT_LEAST -> measured >= threshold;
      case AT_MOST -> measured <= threshold;
      case ABS_AT_MOST -> Math.abs(measured) <= threshold;
    };
    add(rule, description, metric, comparison, threshold, measured, severity, passed);
  }

  public void add(String rule, String description, String metric, Comparison comparison, double threshold,
      Double measured, Severity severity, boolean passed) {
    findings.add(new Finding(rule, description, EndpointValidation.EVIDENCE_NAME, metric, endpoint, comparison,
        threshold, measured, passed, severity));
  }

  /** Every held-out row sent as its own text/csv request got an answer. */
  public void csvInput(String description, long answered, int heldOutRows) {
    add("contract.csv-input", description, "answered_share", Comparison.AT_LEAST, 1.0, share(answered, heldOutRows),
        Severity.HIGH);
  }

  /** Every answer has the shape the endpoint's contract promises. */
  public void responseSchema(String description, long conforming, int heldOutRows) {
    add("contract.response-schema", description, "conforming_share", Comparison.AT_LEAST, 1.0,
        share(conforming, heldOutRows), Severity.HIGH);
  }

  /** 99% of single-row requests answered within {@link #LATENCY_P99_BUDGET_MILLIS}. */
  public void latency(double[] latenciesMillis) {
    add("latency.p99", String.format(Locale.ROOT, "99%% of single-row requests are answered within %.0f ms"
            + " (p50 %.3f ms over %d requests)", LATENCY_P99_BUDGET_MILLIS, Latencies.percentile(latenciesMillis, 0.50),
            latenciesMillis.length),
        "latency_p99_ms", Comparison.AT_MOST, LATENCY_P99_BUDGET_MILLIS, Latencies.percentile(latenciesMillis, 0.99),
        Severity.MEDIUM);
  }

  /**
   * Each model-quality metric recomputed from the endpoint's answers (one per held-out row) against the offline
   * evaluation's value: the endpoint serves the model that was evaluated.
   */
  public void reproducesEvaluation(String label, String favourableLabel, List<String> actual, List<String> predicted,
      double[] favourableProbabilities, byte[] offlineModelQuality) {
    Map<String, Double> online = measurements(EvidenceJson.write(BinaryClassification.evaluate(label,
        favourableLabel, actual, predicted, favourableProbabilities)));
    measurements(offlineModelQuality).forEach((metric, evaluated) -> {
      Double recomputed = online.get(metric);
      Double difference = evaluated == null || recomputed == null ? null : Math.abs(recomputed - evaluated);
      boolean agree = difference == null ? evaluated == null && recomputed == null : difference <= EXACT;
      add("predictions.model-quality." + metric, String.format(Locale.ROOT, "%s recomputed from the "
              + "endpoint's answers (%s) equals the offline evaluation's (%s)", metric, recomputed, evaluated),
          metric + "_difference", Comparison.ABS_AT_MOST, EXACT, difference, Severity.HIGH, agree);
    });
  }

  public List<Finding> all() {
    return List.copyOf(findings);
  }

  public boolean passed() {
    return findings.stream().allMatch(Finding::passed);
  }

  /**
   * Writes the report under the model version's evidence key, replacing an earlier attempt's, and returns the
   * outcome of step 10.
   */
  public EndpointValidation outcome(ArtifactStore store, EndpointValidationRequest request, int heldOutRows,
      double[] latenciesMillis) {
    double p50 = Latencies.percentile(latenciesMillis, 0.50);
    double p99 = Latencies.percentile(latenciesMillis, 0.99);
    EvidenceRef report = store.putEvidence(request.useCaseId(), request.modelVersionId(),
        EndpointValidation.EVIDENCE_NAME, EvidenceJson.write(new Report(request.endpoint().endpointName(),
            request.endpoint().environment().name(), request.endpoint().url(), request.modelVersionId(), passed(),
            heldOutRows, new Latency(p50, p99, latenciesMillis.length), all())));
    return new EndpointValidation(passed(), all(), p50, p99, report);
  }

  /** The offline evaluation's document; a missing one fails the step until the model version is evaluated again. */
  public static byte[] evaluation(ArtifactStore store, EvidenceRef modelQuality) {
    try {
      return store.get(modelQuality.location());
    } catch (ArtifactNotFoundException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the model-quality evidence at " + modelQuality.location()
          + " is missing: evaluate the model version again", e);
    }
  }

  public static double share(long count, int of) {
    return of == 0 ? 0.0 : (double) count / of;
  }

  private Map<String, Double> measurements(byte[] modelQuality) {
    JsonNode document;
    try {
      document = json.readTree(modelQuality);
    } catch (IOException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("a model-quality document is not JSON: "
          + e.getMessage() + "; evaluate the model version again", e);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Measurement measurement : EvidenceMeasurements.of(EvidenceRef.MODEL_QUALITY, document)) {
      values.put(measurement.metric(), measurement.value());
    }
    return values;
  }
}
