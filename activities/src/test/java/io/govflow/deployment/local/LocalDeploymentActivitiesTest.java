package io.govflow.deployment.local;

import static io.govflow.deployment.local.CreditModels.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDeploymentActivitiesTest {

  static final Instant NOW = Instant.parse("2026-02-01T08:00:00Z");

  @TempDir static Path artifacts;
  static LocalArtifactStore store;
  static CandidateModel v1;
  static CandidateModel v2;
  static String row;

  EndpointServer server;
  LocalDeploymentActivities deployment;

  @BeforeAll
  static void trainTwoVersions() {
    store = new LocalArtifactStore(artifacts);
    v1 = CreditModels.train(store, 1, 42);
    v2 = CreditModels.train(store, 2, 7);
    Table sample = CreditModels.sample();
    row = Table.csvLine(sample.row(0), sample.columns().subList(0, sample.columns().size() - 1));
  }

  @BeforeEach
  void startWorker() {
    server = start(Clock.fixed(NOW, ZoneOffset.UTC));
    deployment = new LocalDeploymentActivities(store, server);
  }

  @AfterEach
  void stopWorkerAndForgetEndpoints() throws IOException {
    server.close();
    for (String folder : List.of("endpoints", "data-capture")) {
      Path path = artifacts.resolve(folder);
      if (Files.exists(path)) {
        try (Stream<Path> files = Files.walk(path)) {
          files.sorted(Collections.reverseOrder()).forEach(file -> file.toFile().delete());
        }
      }
    }
  }

  @Test
  void deployingServesTheCandidateUnderTheUseCasesTestEndpoint() throws IOException {
    EndpointRef endpoint = deployment.deploy(request(v1, Environment.TEST));

    assertThat(endpoint.endpointName()).isEqualTo("gf-uc-7-test");
    assertThat(endpoint.environment()).isEqualTo(Environment.TEST);
    assertThat(endpoint.modelVersionId()).isEqualTo("uc-7-v1");
    assertThat(endpoint.url())
        .isEqualTo("http://127.0.0.1:" + server.port() + "/endpoints/gf-uc-7-test/invocations");
    assertThat(store.pathOf(endpoint.captureLocation())).isDirectory()
        .endsWith(Path.of("data-capture", "gf-uc-7-test"));
    HttpResponse<String> answer = post(endpoint.url(), "text/csv", row);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).startsWith("{\"predictions\":[{\"predicted_label\":\"good\",\"probability\":0.");
    assertThat(deployment.registry().all()).singleElement().satisfies(recorded -> {
      assertThat(recorded.modelVersionId()).isEqualTo("uc-7-v1");
      assertThat(recorded.modelLocation()).isEqualTo(v1.modelLocation());
      assertThat(recorded.featureColumns()).hasSize(20).startsWith("checking_status", "duration")
          .doesNotContain("class");
      assertThat(recorded.deployedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void deployingTheServedVersionAgainChangesNothing() throws IOException {
    EndpointRef first = deployment.deploy(request(v1, Environment.TEST));
    Path registry = store.pathOf(store.locationOf(EndpointRegistry.KEY));
    byte[] recorded = Files.readAllBytes(registry);
    FileTime written = Files.getLastModifiedTime(registry);
    ServedModel served = server.served("gf-uc-7-test").orElseThrow();

    EndpointRef again = deployment.deploy(request(v1, Environment.TEST));

    assertThat(again).isEqualTo(first);
    assertThat(Files.readAllBytes(registry)).isEqualTo(recorded);
    assertThat(Files.getLastModifiedTime(registry)).isEqualTo(written);
    assertThat(server.served("gf-uc-7-test")).hasValueSatisfying(now -> assertThat(now).isSameAs(served));
  }

  @Test
  void deployingANewerVersionReplacesTheOldOnTheSameEndpoint() {
    EndpointRef first = deployment.deploy(request(v1, Environment.PRODUCTION));

    EndpointRef second = deployment.deploy(request(v2, Environment.PRODUCTION));

    assertThat(second.url()).isEqualTo(first.url());
    assertThat(second.modelVersionId()).isEqualTo("uc-7-v2");
    assertThat(post(second.url(), "text/csv", row).headers().firstValue(EndpointServer.MODEL_VERSION_HEADER))
        .hasValue("uc-7-v2");
    assertThat(deployment.registry().all()).extracting(DeployedEndpoint::endpointName, DeployedEndpoint::modelVersionId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gf-uc-7-prod", "uc-7-v2"));
  }

  @Test
  void aRestartedWorkerServesItsEndpointsAgain() {
    deployment.deploy(request(v1, Environment.TEST));
    deployment.deploy(request(v2, Environment.PRODUCTION));
    server.close();

    server = start(Clock.systemUTC());
    deployment = new LocalDeploymentActivities(store, server);

    assertThat(server.served("gf-uc-7-test")).map(ServedModel::modelVersionId).hasValue("uc-7-v1");
    assertThat(server.served("gf-uc-7-prod")).map(ServedModel::modelVersionId).hasValue("uc-7-v2");
    HttpResponse<String> answer = post(server.invocationsUrl("gf-uc-7-prod"), "text/csv", row);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue(EndpointServer.MODEL_VERSION_HEADER)).hasValue("uc-7-v2");
    // The retried deployment of a restarted worker finds its endpoint and keeps its deployment time.
    assertThat(deployment.deploy(request(v1, Environment.TEST)).url())
        .isEqualTo(server.invocationsUrl("gf-uc-7-test"));
    assertThat(deployment.registry().find("gf-uc-7-test")).map(DeployedEndpoint::deployedAt).hasValue(NOW);
  }

  @Test
  void anEndpointWhoseModelIsGoneIsNotRestoredAndTheOthersAre() throws IOException {
    deployment.deploy(request(v1, Environment.TEST));
    CandidateModel copied = copyOf(v2);
    deployment.deploy(request(copied, Environment.PRODUCTION));
    server.close();
    Files.delete(store.pathOf(copied.modelLocation()));

    server = start(Clock.systemUTC());
    deployment = new LocalDeploymentActivities(store, server);

    assertThat(server.served("gf-uc-7-test")).isPresent();
    assertThat(server.served("gf-uc-7-prod")).isEmpty();
  }

  @Test
  void undeployingStopsServingAndKeepsTheCapturedTraffic() {
    EndpointRef endpoint = deployment.deploy(request(v1, Environment.TEST));
    post(endpoint.url(), "text/csv", row);

    deployment.undeploy(endpoint.endpointName());
    deployment.undeploy(endpoint.endpointName());

    assertThat(post(endpoint.url(), "text/csv", row).statusCode()).isEqualTo(404);
    assertThat(deployment.registry().all()).isEmpty();
    assertThat(store.pathOf(store.locationOf(DataCapture.hourKey("gf-uc-7-test", NOW)))).isRegularFile();
  }

  @Test
  void aModelFileThatCannotBeReadFailsTheDeploymentWithoutRetry() {
    CandidateModel missing = new CandidateModel("uc-7-v3", v1.modelPackageGroup(),
        store.locationOf("use-cases/uc-7/uc-7-v3/training/none/model.tribuo"), v1.testDataLocation(), v1.status());

    assertThatThrownBy(() -> deployment.deploy(new DeploymentRequest("uc-7", "uc-7-v3", Environment.TEST, missing)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("MODEL_ARTIFACT_UNREADABLE");
          assertThat(failure.isNonRetryable()).isTrue();
        });
    assertThat(server.served("gf-uc-7-test")).isEmpty();
    assertThat(deployment.registry().all()).isEmpty();
  }

  static DeploymentRequest request(CandidateModel candidate, Environment environment) {
    return new DeploymentRequest(CreditModels.USE_CASE, candidate.modelPackageId(), environment, candidate);
  }

  EndpointServer start(Clock clock) {
    return EndpointServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store, clock);
  }

  /** The candidate with its model file copied, so that the copy can be lost without losing the class's model. */
  static CandidateModel copyOf(CandidateModel candidate) throws IOException {
    String location = store.locationOf("use-cases/uc-7/copies/" + candidate.modelPackageId() + ".tribuo");
    Files.createDirectories(store.pathOf(location).getParent());
    Files.copy(store.pathOf(candidate.modelLocation()), store.pathOf(location));
    return new CandidateModel(candidate.modelPackageId(), candidate.modelPackageGroup(), location,
        candidate.testDataLocation(), candidate.status());
  }
}
