package io.govflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.common.GovflowDataConverter;
import io.govflow.common.LifecycleWorkflows;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories already in the field must still replay against today's workflow code: every recorded history in
 * {@code histories/} is replayed through a worker that reads payloads with govflow's data converter. A failure here
 * means a change broke running cases and belongs behind {@code Workflow.getVersion}.
 */
class LifecycleReplayTest {

  private static TestWorkflowEnvironment env;
  private static Worker worker;

  @BeforeAll
  static void replayWorker() {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder().setDataConverter(GovflowDataConverter.create()).build())
        .build());
    worker = env.newWorker("replay");
    worker.registerWorkflowImplementationTypes(LifecycleWorkflows.types());
  }

  @AfterAll
  static void close() {
    env.close();
  }

  static List<Path> histories() throws IOException, URISyntaxException {
    Path folder = Path.of(LifecycleReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> histories = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
      assertThat(histories).as("recorded histories in %s", folder).isNotEmpty();
      return histories;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void recordedHistoryReplays(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)), worker);
  }
}
