package io.govflow.deployment.local;

import io.govflow.common.Samples;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evaluation.local.LocalModelEvaluationActivities;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.training.CandidateModel;
import io.govflow.training.TrainingJobNames;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.training.local.LocalTrainingActivities;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Credit-g models trained and evaluated by the local activities, the sample's rows as callers send them, and a
 * client; shared by the tests of the features that serve, validate and monitor them.
 */
public final class CreditModels {

  public static final String USE_CASE = "uc-7";
  public static final Dataset CREDIT = new Dataset(Samples.CREDIT_G, "class", "good");
  /** The protected facets of the sample use case (samples/credit-use-case.json). */
  public static final List<ProtectedFacet> FACETS = List.of(
      new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null),
      new ProtectedFacet("age", null, 25.0));
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private CreditModels() {}

  /** Trains version {@code n} of the use case on credit-g and returns it as the signed-off candidate. */
  public static CandidateModel train(LocalArtifactStore store, int n, long seed) {
    String version = USE_CASE + "-v" + n;
    LocalTrainingActivities training =
        new LocalTrainingActivities(store, Samples.folder(), new LocalModelRegistry(store));
    TrainingRequest request =
        new TrainingRequest(USE_CASE, version, TrainingJobNames.of(version), CREDIT, seed, "gf-" + USE_CASE);
    TrainingResult result = training.awaitTraining(request, training.startTraining(request));
    return new CandidateModel(version, "gf-" + USE_CASE, result.modelLocation(), result.testDataLocation(),
        ModelVersionStatus.Approved);
  }

  /** The evaluation of a trained version (step 6): its model-quality and post-training bias evidence. */
  public static ModelEvaluation evaluate(LocalArtifactStore store, CandidateModel candidate) {
    return new LocalModelEvaluationActivities(store).evaluateModel(new ModelEvaluationRequest(USE_CASE,
        candidate.modelPackageId(), candidate, CREDIT, FACETS));
  }

  public static Table sample() {
    try {
      return Table.parse(Files.readAllBytes(Samples.path(Samples.CREDIT_G)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> features(Table table, int row, List<String> features) {
    return features.stream().collect(Collectors.toMap(column -> column, column -> table.value(row, column)));
  }

  public static HttpResponse<String> post(String url, String contentType, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return send(request);
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
