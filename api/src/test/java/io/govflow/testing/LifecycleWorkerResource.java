package io.govflow.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.govflow.approval.Outcome;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.LifecycleWorkflows;
import io.govflow.dataevaluation.DataEvaluation;
import io.govflow.dataevaluation.DataEvaluationActivities;
import io.govflow.dataevaluation.DataEvaluationRequest;
import io.govflow.deployment.DeploymentActivities;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointNames;
import io.govflow.deployment.EndpointRef;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.ModelEvaluationActivities;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.monitoring.MonitoringActivities;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.policy.GovernanceCheckActivities;
import io.govflow.policy.GovernanceCheckRequest;
import io.govflow.policy.PolicyResult;
import io.govflow.project.ProjectActivities;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.registry.RegistryActivities;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.training.CandidateModel;
import io.govflow.training.RegistrationRequest;
import io.govflow.training.TrainingActivities;
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.validation.EndpointValidation;
import io.govflow.validation.EndpointValidationActivities;
import io.govflow.validation.EndpointValidationRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle behind the API under test: a real Temporal dev server and an in-process worker running the real
 * the lifecycle workflows ({@link LifecycleWorkflows}), with every activity a Mockito mock that answers
 * like the local provider: evidence documents are written to the artifact store the API reads, with real digests.
 */
public class LifecycleWorkerResource implements QuarkusTestResourceLifecycleManager {

  public static final String TASK_QUEUE = "govflow";

  private final TemporalDevServerResource server = new TemporalDevServerResource();
  private WorkflowServiceStubs stubs;
  private WorkerFactory factory;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(server.start());
    Path artifactsRoot = Path.of("target", "lifecycle-artifacts").toAbsolutePath();
    config.put("govflow.artifacts.root", artifactsRoot.toString());
    config.put("govflow.temporal.task-queue", TASK_QUEUE);

    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.get("govflow.temporal.target")).build());
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setDataConverter(GovflowDataConverter.create()).build());
    factory = WorkerFactory.newInstance(client);
    var worker = factory.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(LifecycleWorkflows.types());
    worker.registerActivitiesImplementations(activities(new LocalArtifactStore(artifactsRoot)).toArray());
    factory.start();
    return config;
  }

  @Override
  public void stop() {
    if (factory != null) {
      factory.shutdownNow();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    server.stop();
  }

  private static List<Object> activities(ArtifactStore store) {
    ProjectActivities projects = mock(ProjectActivities.class, withSettings().withoutAnnotations());
    when(projects.setUpProject(any())).thenAnswer(call -> {
      ProjectRequest request = call.getArgument(0);
      return new ProjectRef("project-" + request.useCaseId(), "gf-" + request.useCaseId(),
          document(store, request.useCaseId(), request.modelVersionId(), EvidenceRef.MODEL_CARD));
    });
    DataEvaluationActivities dataEvaluation = mock(DataEvaluationActivities.class, withSettings().withoutAnnotations());
    when(dataEvaluation.evaluateData(any())).thenAnswer(call -> {
      DataEvaluationRequest request = call.getArgument(0);
      return new DataEvaluation(1000, List.of(
          document(store, request.useCaseId(), request.modelVersionId(), EvidenceRef.DATA_STATISTICS),
          document(store, request.useCaseId(), request.modelVersionId(), EvidenceRef.PRE_TRAINING_BIAS)));
    });
    TrainingActivities training = mock(TrainingActivities.class, withSettings().withoutAnnotations());
    when(training.startTraining(any())).thenAnswer(call -> {
      TrainingRequest request = call.getArgument(0);
      return new TrainingJobRef("gf-" + request.modelVersionId() + "-train", "jobs/" + request.modelVersionId());
    });
    when(training.awaitTraining(any(), any())).thenAnswer(call -> {
      TrainingRequest request = call.getArgument(0);
      return new TrainingResult("gf-" + request.modelVersionId() + "-train", "models/model.bin", "data/test.csv",
          Map.of("accuracy", 0.76),
          document(store, request.useCaseId(), request.modelVersionId(), EvidenceRef.TRAINING_METRICS));
    });
    when(training.registerCandidate(any())).thenAnswer(call -> {
      RegistrationRequest request = call.getArgument(0);
      return candidate(request.useCaseId(), ModelVersionStatus.PendingManualApproval);
    });
    ModelEvaluationActivities modelEvaluation =
        mock(ModelEvaluationActivities.class, withSettings().withoutAnnotations());
    when(modelEvaluation.evaluateModel(any())).thenAnswer(call -> {
      ModelEvaluationRequest request = call.getArgument(0);
      return new ModelEvaluation(List.of(
          document(store, request.useCaseId(), request.modelVersionId(), EvidenceRef.MODEL_QUALITY),
          document(store, request.useCaseId(), request.modelVersionId(), EvidenceRef.POST_TRAINING_BIAS)));
    });
    GovernanceCheckActivities governanceCheck =
        mock(GovernanceCheckActivities.class, withSettings().withoutAnnotations());
    when(governanceCheck.check(any())).thenAnswer(call -> {
      GovernanceCheckRequest request = call.getArgument(0);
      return new PolicyResult(request.risk().name(), "test-2026.1", true, List.of(),
          document(store, request.useCaseId(), request.modelVersionId(), EvidenceRef.POLICY_RESULT));
    });
    SignOffActivities signOffs = mock(SignOffActivities.class, withSettings().withoutAnnotations());
    when(signOffs.recordSignOff(any())).thenAnswer(call -> {
      SignOffRequest request = call.getArgument(0);
      return candidate(request.useCaseId(), request.outcome() == Outcome.APPROVE
          ? ModelVersionStatus.Approved
          : ModelVersionStatus.Rejected);
    });
    DeploymentActivities deployment = mock(DeploymentActivities.class, withSettings().withoutAnnotations());
    when(deployment.deploy(any())).thenAnswer(call -> {
      DeploymentRequest request = call.getArgument(0);
      String name = EndpointNames.of(request.useCaseId(), request.environment());
      return new EndpointRef(name, request.environment(), "http://127.0.0.1:8082/endpoints/" + name + "/invocations",
          request.modelVersionId(), "data-capture/" + name);
    });
    EndpointValidationActivities validation =
        mock(EndpointValidationActivities.class, withSettings().withoutAnnotations());
    when(validation.validate(any())).thenAnswer(call -> {
      EndpointValidationRequest request = call.getArgument(0);
      return new EndpointValidation(true, List.of(), 0.7, 6.5, document(store, request.useCaseId(),
          request.modelVersionId(), EndpointValidation.EVIDENCE_NAME));
    });
    MonitoringActivities monitoring = mock(MonitoringActivities.class, withSettings().withoutAnnotations());
    when(monitoring.createBaseline(any())).thenAnswer(call -> {
      BaselineRequest request = call.getArgument(0);
      return new MonitoringBaseline(
          document(store, request.useCaseId(), request.modelVersionId(), MonitoringBaseline.STATISTICS),
          document(store, request.useCaseId(), request.modelVersionId(), MonitoringBaseline.CONSTRAINTS),
          null, null);
    });
    when(monitoring.runMonitoring(any())).thenAnswer(call -> {
      MonitoringRunRequest request = call.getArgument(0);
      return new MonitoringRun(request.runId(), request.useCaseId(), request.modelVersionId(),
          request.windowStart(), request.windowEnd(), 0, 0, List.of(), List.of());
    });
    RegistryActivities registry = mock(RegistryActivities.class, withSettings().withoutAnnotations());
    return List.of(projects, dataEvaluation, training, modelEvaluation, governanceCheck, signOffs, deployment,
        validation, monitoring, registry);
  }

  /** A small JSON document named {@code name}, written where the provider would write it. */
  private static EvidenceRef document(ArtifactStore store, String useCaseId, String modelVersionId, String name) {
    String json = "{\"name\":\"" + name + "\",\"modelVersionId\":\"" + modelVersionId + "\"}";
    return store.put(ArtifactStore.evidenceKey(useCaseId, modelVersionId, name), name,
        json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static CandidateModel candidate(String useCaseId, ModelVersionStatus status) {
    return new CandidateModel("gf-" + useCaseId + "/1", "gf-" + useCaseId, "models/model.bin", "data/test.csv",
        status);
  }
}
