package io.govflow.monitoring.local;

import io.govflow.common.DataProblem;
import io.govflow.common.Heartbeats;
import io.govflow.common.LocalDatasets;
import io.govflow.deployment.local.CaptureRecord;
import io.govflow.evaluation.metrics.BiasAnalysis;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.BinaryClassification;
import io.govflow.evaluation.metrics.ColumnType;
import io.govflow.evaluation.metrics.ConstraintViolations;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.ModelMonitorBaseline;
import io.govflow.evaluation.metrics.ModelMonitorCheck;
import io.govflow.evaluation.metrics.ModelQuality;
import io.govflow.evaluation.metrics.ModelQualityConstraints;
import io.govflow.evaluation.metrics.ModelQualityMonitor;
import io.govflow.evaluation.metrics.ModelQualityViolations;
import io.govflow.evaluation.metrics.MonitorConstraints;
import io.govflow.evaluation.metrics.MonitorStatistics;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.monitoring.GroundTruthStore;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringActivities;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.monitoring.MonitoringViolation;
import io.govflow.training.CandidateModel;
import io.govflow.training.local.LocalTrainingActivities;
import io.govflow.training.local.ScoredRow;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Steps 12 and 13 on one machine, with Model Monitor's and Clarify's documents.
 *
 * <p>A run reads the endpoint's capture for its window and checks three things. Data quality: the captured rows
 * (decoded as the endpoint read them, in the baseline's column order) against the baseline's statistics and
 * constraints. Model quality: the records labelled by ground truth received in the window, whenever they were
 * captured within {@link #GROUND_TRUTH_LOOKBACK} before the window's end, against the model-quality constraints.
 * Bias drift: the post-training bias of those labelled records against the offline evaluation's
 * ({@link BiasDriftCheck}). The last two need at least {@value #MIN_LABELLED_RECORDS} labelled records: fewer measure
 * noise, not the model. A record of several rows is labelled by as many labels, one per line of its ground truth.
 *
 * <p>Reports go to {@code monitoring/<useCaseId>/<runId>/<monitor>/}, each a pure function of the window's capture
 * and ground truth, so a retried run rewrites the same bytes.
 */
public class LocalMonitoringActivities implements MonitoringActivities {

  /** How far before a window ground truth may reach back: older capture hours are not read. */
  static final Duration GROUND_TRUTH_LOOKBACK = Duration.ofDays(7);
  static final int MIN_LABELLED_RECORDS = 100;

  static final String DATA_QUALITY_STATISTICS = "data-quality-statistics";
  static final String DATA_QUALITY_VIOLATIONS = "data-quality-constraint-violations";
  static final String MODEL_QUALITY_STATISTICS = "model-quality-statistics";
  static final String MODEL_QUALITY_VIOLATIONS = "model-quality-constraint-violations";
  static final String BIAS_DRIFT_ANALYSIS = "bias-drift-analysis";
  static final String BIAS_DRIFT_VIOLATIONS = "bias-drift-constraint-violations";

  private static final Logger LOG = Logger.getLogger(LocalMonitoringActivities.class);
  private static final String JSON = "application/json";

  private final LocalArtifactStore store;
  private final GroundTruthStore groundTruth;
  private final CapturedTraffic traffic;

  public LocalMonitoringActivities(LocalArtifactStore store, GroundTruthStore groundTruth) {
    this.store = store;
    this.groundTruth = groundTruth;
    this.traffic = new CapturedTraffic(store);
  }

  /**
   * Data quality: statistics and suggested constraints of the training split's features (the rows as the endpoint
   * receives them, without the label). Model quality: constraints suggested from the evaluation
   * ({@link ModelQualityMonitor#suggestConstraints}, {@value ModelQualityMonitor#MONITORING_STANDARD_DEVIATIONS}
   * bootstrap standard deviations of allowance). Bias drift: the evaluation's post-training bias report itself.
   */
  @Override
  public MonitoringBaseline createBaseline(BaselineRequest request) {
    CandidateModel candidate = request.candidate();
    Dataset dataset = request.dataset();
    Table train = LocalDatasets.readSplit(store,
        LocalTrainingActivities.trainSplitBeside(candidate.testDataLocation()), dataset);
    Heartbeats.beat("baselining " + train.rowCount() + " training rows");
    MonitorStatistics statistics = ModelMonitorBaseline.statistics(train.without(dataset.label()));
    String useCase = request.useCaseId();
    String version = request.modelVersionId();
    EvidenceRef statisticsRef = store.putEvidence(useCase, version, MonitoringBaseline.STATISTICS,
        EvidenceJson.write(statistics));
    EvidenceRef constraintsRef = store.putEvidence(useCase, version, MonitoringBaseline.CONSTRAINTS,
        EvidenceJson.write(ModelMonitorBaseline.constraints(statistics)));
    EvidenceRef qualityRef = evidence(request, EvidenceRef.MODEL_QUALITY)
        .map(quality -> store.putEvidence(useCase, version, MonitoringBaseline.MODEL_QUALITY_CONSTRAINTS,
            EvidenceJson.write(ModelQualityMonitor.suggestConstraints(read(quality, ModelQuality.class),
                ModelQualityMonitor.MONITORING_STANDARD_DEVIATIONS))))
        .orElse(null);
    return new MonitoringBaseline(statisticsRef, constraintsRef, qualityRef,
        evidence(request, EvidenceRef.POST_TRAINING_BIAS).orElse(null));
  }

  @Override
  public MonitoringRun runMonitoring(MonitoringRunRequest request) {
    MonitoringBaseline baseline = request.baseline();
    MonitorConstraints constraints = read(baseline.constraints(), MonitorConstraints.class);
    Schema schema = Schema.of(constraints, request.dataset().label());
    String capture = request.endpoint().captureLocation();

    List<CaptureRecord> window = traffic.between(capture, request.windowStart(), request.windowEnd());
    List<EvidenceRef> reports = new ArrayList<>();
    List<MonitoringViolation> violations = new ArrayList<>();
    List<Inference> inferences = new ArrayList<>();
    window.forEach(record -> decode(record, schema).ifPresent(inferences::add));
    if (!inferences.isEmpty()) {
      checkDataQuality(request, baseline, constraints, schema, inferences, reports, violations);
    }

    Map<String, String> labels = groundTruth.labelsReceivedIn(request.useCaseId(), request.windowStart(),
        request.windowEnd());
    List<Labelled> labelled = labelled(request, inferences, labels, schema);
    if (labelled.size() >= MIN_LABELLED_RECORDS) {
      Table rows = labelledTable(labelled, schema);
      List<String> predicted = labelled.stream()
          .flatMap(l -> l.inference().predictions().stream().map(ScoredRow::predictedLabel)).toList();
      if (baseline.modelQualityConstraints() != null) {
        checkModelQuality(request, baseline, rows, predicted, labelled, reports, violations);
      }
      if (baseline.postTrainingBias() != null && request.facets() != null && !request.facets().isEmpty()) {
        checkBiasDrift(request, baseline, rows, predicted, reports, violations);
      }
    } else if (!labelled.isEmpty()) {
      LOG.infof("run %s: %d labelled records, fewer than the %d model quality and bias drift need",
          request.runId(), labelled.size(), MIN_LABELLED_RECORDS);
    }
    return new MonitoringRun(request.runId(), request.useCaseId(), request.modelVersionId(), request.windowStart(),
        request.windowEnd(), window.size(), labelled.size(), reports, violations);
  }

  private void checkDataQuality(MonitoringRunRequest request, MonitoringBaseline baseline,
      MonitorConstraints constraints, Schema schema, List<Inference> inferences, List<EvidenceRef> reports,
      List<MonitoringViolation> violations) {
    List<String[]> rows = new ArrayList<>();
    inferences.forEach(inference -> rows.addAll(inference.rows()));
    Table current = Table.of(schema.features(), rows, schema.types());
    Heartbeats.beat("checking the data quality of " + current.rowCount() + " captured rows");
    MonitorStatistics baselineStatistics = read(baseline.statistics(), MonitorStatistics.class);
    ConstraintViolations found = ModelMonitorCheck.check(baselineStatistics, constraints, current);
    reports.add(report(request, "data-quality/statistics.json", DATA_QUALITY_STATISTICS,
        ModelMonitorCheck.currentStatistics(constraints, current)));
    reports.add(report(request, "data-quality/constraint_violations.json", DATA_QUALITY_VIOLATIONS, found));
    found.violations().forEach(v -> violations.add(new MonitoringViolation(Monitor.DATA_QUALITY,
        v.constraintCheckType().label(), v.featureName(), v.description(), DATA_QUALITY_VIOLATIONS)));
  }

  private void checkModelQuality(MonitoringRunRequest request, MonitoringBaseline baseline, Table rows,
      List<String> predicted, List<Labelled> labelled, List<EvidenceRef> reports,
      List<MonitoringViolation> violations) {
    Dataset dataset = request.dataset();
    double[] probabilities = labelled.stream().flatMap(l -> l.inference().predictions().stream())
        .mapToDouble(ScoredRow::favourableProbability).toArray();
    Heartbeats.beat("measuring the model quality of " + rows.rowCount() + " labelled rows");
    ModelQuality quality = BinaryClassification.evaluate(dataset.label(), dataset.favourableLabel(),
        rows.column(dataset.label()), predicted, probabilities);
    ModelQualityViolations found = ModelQualityMonitor.check(quality,
        read(baseline.modelQualityConstraints(), ModelQualityConstraints.class));
    reports.add(report(request, "model-quality/statistics.json", MODEL_QUALITY_STATISTICS, quality));
    reports.add(report(request, "model-quality/constraint_violations.json", MODEL_QUALITY_VIOLATIONS, found));
    found.violations().forEach(v -> violations.add(new MonitoringViolation(Monitor.MODEL_QUALITY,
        v.constraintCheckType(), v.metricName(), v.description(), MODEL_QUALITY_VIOLATIONS)));
  }

  private void checkBiasDrift(MonitoringRunRequest request, MonitoringBaseline baseline, Table rows,
      List<String> predicted, List<EvidenceRef> reports, List<MonitoringViolation> violations) {
    Dataset dataset = request.dataset();
    List<ProtectedFacet> facets = request.facets();
    LocalDatasets.checkFacets(rows, facets, "the labelled traffic of run " + request.runId());
    Optional<String> unsplittable = facets.stream().filter(facet -> facet.threshold() != null)
        .map(ProtectedFacet::column)
        .filter(column -> rows.column(column).stream().anyMatch(value -> !Table.isMissing(value) && !isNumber(value)))
        .findFirst();
    if (unsplittable.isPresent()) {
      // The data-quality check reports the text in a numeric column; bias drift waits for numbers to split by.
      LOG.warnf("run %s: no bias drift, the threshold facet '%s' holds text in the labelled traffic",
          request.runId(), unsplittable.get());
      return;
    }
    Heartbeats.beat("measuring the bias of " + rows.rowCount() + " labelled rows");
    BiasReport current = BiasAnalysis.postTraining(rows, dataset.label(), dataset.favourableLabel(), predicted,
        facets);
    BiasDriftCheck.Violations found = BiasDriftCheck.check(read(baseline.postTrainingBias(), BiasReport.class),
        current);
    reports.add(report(request, "bias-drift/analysis.json", BIAS_DRIFT_ANALYSIS, current));
    reports.add(report(request, "bias-drift/constraint_violations.json", BIAS_DRIFT_VIOLATIONS, found));
    found.violations().forEach(v -> violations.add(new MonitoringViolation(Monitor.BIAS_DRIFT,
        v.constraintCheckType(), v.metricName() + " of " + v.facet() + "=" + v.facetValue(), v.description(),
        BIAS_DRIFT_VIOLATIONS)));
  }

  /**
   * The labelled records: those of the window, and older ones found in the capture of the lookback, each with as
   * many labels as rows; oldest first, so the same labels always give the same table.
   */
  private List<Labelled> labelled(MonitoringRunRequest request, List<Inference> window, Map<String, String> labels,
      Schema schema) {
    if (labels.isEmpty()) {
      return List.of();
    }
    List<Inference> inferences = new ArrayList<>();
    Set<String> older = new HashSet<>(labels.keySet());
    for (Inference inference : window) {
      if (older.remove(inference.record().eventId())) {
        inferences.add(inference);
      }
    }
    if (!older.isEmpty()) {
      traffic.find(request.endpoint().captureLocation(), older, request.windowStart().minus(GROUND_TRUTH_LOOKBACK),
          request.windowStart()).values().forEach(record -> decode(record, schema).ifPresent(inferences::add));
    }
    inferences.sort(Comparator.comparing((Inference inference) -> inference.record().inferenceTime())
        .thenComparing(inference -> inference.record().eventId()));
    List<Labelled> labelled = new ArrayList<>();
    for (Inference inference : inferences) {
      List<String> values = labels.get(inference.record().eventId()).lines().map(String::strip).toList();
      if (values.size() == inference.rows().size()) {
        labelled.add(new Labelled(inference, values));
      } else {
        LOG.warnf("ground truth of %s has %d labels for %d rows: left out", inference.record().eventId(),
            values.size(), inference.rows().size());
      }
    }
    if (inferences.size() < labels.size()) {
      LOG.infof("run %s: %d labels name no readable record captured in the %s before the window's end",
          request.runId(), labels.size() - inferences.size(), GROUND_TRUTH_LOOKBACK);
    }
    return labelled;
  }

  private static Table labelledTable(List<Labelled> labelled, Schema schema) {
    List<String> columns = new ArrayList<>(schema.features());
    columns.add(schema.label());
    List<String[]> rows = new ArrayList<>();
    for (Labelled record : labelled) {
      for (int r = 0; r < record.labels().size(); r++) {
        String[] row = Arrays.copyOf(record.inference().rows().get(r), columns.size());
        row[schema.features().size()] = record.labels().get(r);
        rows.add(row);
      }
    }
    return Table.of(columns, rows, schema.types());
  }

  /** A record whose rows or predictions cannot be read is left out and logged: the rest are still judged. */
  private static Optional<Inference> decode(CaptureRecord record, Schema schema) {
    List<String> features = schema.features();
    try {
      List<String[]> rows = record.inputRows(features, schema.label()).stream()
          .map(row -> features.stream().map(column -> row.getOrDefault(column, "")).toArray(String[]::new))
          .toList();
      List<ScoredRow> predictions = record.predictions();
      if (predictions.size() != rows.size()) {
        throw new IllegalArgumentException(rows.size() + " rows but " + predictions.size() + " predictions");
      }
      return Optional.of(new Inference(record, rows, predictions));
    } catch (IllegalArgumentException e) {
      LOG.warnf("captured record %s is left out: %s", record.eventId(), e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean isNumber(String value) {
    try {
      return Double.isFinite(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private EvidenceRef report(MonitoringRunRequest request, String file, String name, Object document) {
    String key = "monitoring/" + request.useCaseId() + "/" + request.runId() + "/" + file;
    return store.put(key, name, EvidenceJson.write(document), JSON);
  }

  private static Optional<EvidenceRef> evidence(BaselineRequest request, String name) {
    return request.evidence() == null
        ? Optional.empty()
        : request.evidence().stream().filter(ref -> ref.name().equals(name)).findFirst();
  }

  private <T> T read(EvidenceRef ref, Class<T> type) {
    try {
      return EvidenceJson.read(store.get(ref.location()), type);
    } catch (ArtifactNotFoundException | IllegalArgumentException e) {
      throw DataProblem.MONITORING_BASELINE_UNREADABLE.failure("the " + ref.name() + " document at "
          + ref.location() + " cannot be read (" + e.getMessage() + "): create the monitoring baseline again", e);
    }
  }

  /**
   * The rows a run reads: the baseline's features in its order, typed as the baseline typed them (so a drifting
   * type shows as a data type violation, not as a new type), and the label column ground truth fills in.
   */
  private record Schema(List<String> features, String label, Map<String, ColumnType> types) {

    static Schema of(MonitorConstraints constraints, String label) {
      Map<String, ColumnType> types = new HashMap<>();
      constraints.features().stream().filter(feature -> feature.inferredType() != null)
          .forEach(feature -> types.put(feature.name(), feature.inferredType()));
      return new Schema(constraints.features().stream().map(MonitorConstraints.Feature::name).toList(), label,
          types);
    }
  }

  /** A captured record decoded: its rows in the baseline's column order and the endpoint's answer to each. */
  private record Inference(CaptureRecord record, List<String[]> rows, List<ScoredRow> predictions) {}

  private record Labelled(Inference inference, List<String> labels) {}
}
