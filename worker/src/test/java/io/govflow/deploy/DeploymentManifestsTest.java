package io.govflow.deploy;

import static io.govflow.deploy.DeployFiles.COMPOSE;
import static io.govflow.deploy.DeployFiles.K8S;
import static io.govflow.deploy.DeployFiles.KUSTOMIZATION;
import static io.govflow.deploy.DeployFiles.TEMPORAL_VALUES;
import static io.govflow.deploy.DeployFiles.containers;
import static io.govflow.deploy.DeployFiles.document;
import static io.govflow.deploy.DeployFiles.dockerfile;
import static io.govflow.deploy.DeployFiles.dockerfiles;
import static io.govflow.deploy.DeployFiles.objectsOfKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.govflow.common.GovflowConfig;
import io.govflow.deploy.DeployFiles.Dockerfile;
import io.smallrye.config.WithDefault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The files under deploy/ agree with each other and with the applications. No Docker engine or cluster runs in the
 * build, so these invariants are what keeps images, compose file and manifests from drifting when a port, a
 * configuration key or an image version changes.
 */
class DeploymentManifestsTest {

  /** A tag that names a release (17.0.20_8-jre-noble, 1.31.2, 15.19), not a moving one (latest, 17-jre). */
  private static final Pattern VERSION_TAG = Pattern.compile(".*\\d+\\.\\d+.*");
  private static final String PLACEHOLDER = "CHANGE-ME";
  private static final Set<String> NEVER_COMPLETES = Set.of("always", "unless-stopped");

  @Test
  void everyImageIsPinnedToAVersionTag() {
    Map<String, List<String>> imagesBySource = new LinkedHashMap<>();
    imagesBySource.put("deploy/docker", dockerfiles().stream().flatMap(file -> file.baseImages().stream()).toList());
    imagesBySource.put("compose.yaml", composeServices().values().stream()
        .map(service -> service.path("image").asText()).toList());
    imagesBySource.put("deploy/k8s", objectsOfKind("Deployment").stream()
        .flatMap(deployment -> containers(deployment).stream())
        .map(container -> container.path("image").asText()).toList());
    imagesBySource.put("temporal-values.yaml", helmImages(document(TEMPORAL_VALUES)));

    imagesBySource.forEach((source, images) -> {
      assertThat(images).as("images in %s", source).isNotEmpty();
      assertThat(images).as("images in %s", source).allSatisfy(image ->
          assertThat(tag(image)).as("tag of %s in %s", image, source).matches(VERSION_TAG));
    });
  }

  @Test
  void everyDeploymentProbesHealthLimitsResourcesAndRunsAsNonRoot() {
    List<JsonNode> deployments = objectsOfKind("Deployment");
    assertThat(deployments).extracting(deployment -> deployment.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("govflow-worker", "govflow-api");
    for (JsonNode deployment : deployments) {
      JsonNode pod = deployment.at("/spec/template/spec");
      for (JsonNode container : containers(deployment)) {
        String where = deployment.at("/metadata/name").asText() + "/" + container.path("name").asText();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(where).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(where).isEqualTo("/q/health/ready");
        for (String amount : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
          assertThat(container.at("/resources/" + amount).asText()).as("%s resources %s", where, amount).isNotBlank();
        }
        boolean nonRoot = container.at("/securityContext/runAsNonRoot")
            .asBoolean(pod.at("/securityContext/runAsNonRoot").asBoolean(false));
        assertThat(nonRoot).as("%s runs as non-root", where).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
            .as("%s may escalate privileges", where).isFalse();
      }
    }
  }

  @Test
  void configurationKeysFollowQuarkusNamingOfEnvironmentVariables() {
    ConfigurationKeys keys = ConfigurationKeys.ofApplications();

    assertThat(keys.isRead("GOVFLOW_TEMPORAL_TASK_QUEUE")).isTrue();
    assertThat(keys.isRead("GOVFLOW_DB_PASSWORD")).as("named by %pg.quarkus.datasource.password").isTrue();
    assertThat(keys.isRead("GOVFLOW_SECURITY_DEMO_USERS_ANYONE_ROLES")).as("a key of a map").isTrue();
    assertThat(keys.isRead("QUARKUS_HTTP_HOST")).isTrue();
    assertThat(keys.isRead("GOVFLOW_TEMPORAL_TARGT")).as("a typo").isFalse();
    assertThat(keys.isRead("GOVFLOW_TEMPORAL")).as("a group, not a key").isFalse();
  }

  @Test
  void everyGovflowAndQuarkusVariableIsOneTheApplicationsRead() {
    ConfigurationKeys keys = ConfigurationKeys.ofApplications();
    Map<String, String> variables = new TreeMap<>();
    dockerfiles().forEach(file -> file.env().forEach(name -> variables.put(name, file.name() + ".Dockerfile")));
    composeServices().forEach((name, service) ->
        environmentNames(service.path("environment")).forEach(variable -> variables.put(variable, "compose " + name)));
    for (JsonNode deployment : objectsOfKind("Deployment")) {
      containers(deployment).forEach(container -> container.path("env").forEach(entry ->
          variables.put(entry.path("name").asText(), deployment.at("/metadata/name").asText())));
    }
    for (String kind : List.of("ConfigMap", "Secret")) {
      for (JsonNode source : objectsOfKind(kind)) {
        for (String field : List.of("data", "stringData")) {
          source.path(field).fieldNames().forEachRemaining(name ->
              variables.put(name, kind + " " + source.at("/metadata/name").asText()));
        }
      }
    }
    variables.keySet().removeIf(name -> !name.startsWith("GOVFLOW_") && !name.startsWith("QUARKUS_"));

    assertThat(variables).containsKeys("GOVFLOW_TEMPORAL_TARGET", "GOVFLOW_DB_URL", "QUARKUS_PROFILE");
    Map<String, String> unread = variables.entrySet().stream().filter(entry -> !keys.isRead(entry.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(unread).as("variables (and where they are set) that no configuration key reads").isEmpty();
  }

  @Test
  void servicesAndProbesNamePortsTheirContainersDeclare() {
    List<JsonNode> deployments = objectsOfKind("Deployment");
    for (JsonNode service : objectsOfKind("Service")) {
      String name = service.at("/metadata/name").asText();
      JsonNode selector = service.at("/spec/selector");
      List<JsonNode> selected = deployments.stream()
          .filter(deployment -> contains(deployment.at("/spec/template/metadata/labels"), selector)).toList();
      assertThat(selected).as("Deployments selected by Service %s", name).hasSize(1);
      List<JsonNode> containers = containers(selected.get(0));
      service.at("/spec/ports").forEach(port -> {
        JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
        assertThat(containers).as("Service %s port %s", name, target)
            .anyMatch(container -> declaresPort(container, target));
      });
    }
    for (JsonNode deployment : deployments) {
      for (JsonNode container : containers(deployment)) {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          JsonNode port = container.at("/" + probe + "/httpGet/port");
          if (!port.isMissingNode()) {
            assertThat(declaresPort(container, port))
                .as("%s %s port %s", deployment.at("/metadata/name").asText(), probe, port).isTrue();
          }
        }
      }
    }
  }

  @Test
  void containersUseThePortsTheirImagesExposeAndTheApplicationsListenOn() {
    assertThat(dockerfile("api").exposedPorts()).containsExactlyInAnyOrder(httpPort("api"));
    assertThat(dockerfile("worker").exposedPorts())
        .containsExactlyInAnyOrder(httpPort("worker"), localEndpointsPort());

    for (JsonNode deployment : objectsOfKind("Deployment")) {
      for (JsonNode container : containers(deployment)) {
        Dockerfile image = dockerfile(imageName(container.path("image").asText()));
        container.path("ports").forEach(port -> assertThat(image.exposedPorts())
            .as("%s container port", deployment.at("/metadata/name").asText())
            .contains(port.path("containerPort").asInt()));
      }
    }
    composeServices().forEach((name, service) -> {
      if (service.has("build")) {
        Dockerfile image = Dockerfile.read(COMPOSE.getParent().resolve(service.at("/build/context").asText())
            .resolve(service.at("/build/dockerfile").asText()).normalize());
        assertThat(image.exposedPorts()).as("ports of compose service %s", name)
            .containsAll(composeContainerPorts(service.path("ports")));
      }
    });
  }

  @Test
  void composeWaitsOnlyForWhatCanReportItsCondition() {
    Map<String, JsonNode> services = composeServices();
    services.forEach((name, service) -> dependencies(service).forEach((dependency, condition) -> {
      JsonNode target = services.get(dependency);
      assertThat(target).as("%s depends on the undefined service %s", name, dependency).isNotNull();
      if (condition.equals("service_healthy")) {
        assertThat(target.has("healthcheck") || buildsImageWithHealthCheck(target))
            .as("%s waits for %s to be healthy, which has no health check", name, dependency).isTrue();
      }
      if (condition.equals("service_completed_successfully")) {
        assertThat(target.path("restart").asText("no")).as("%s waits for %s to complete", name, dependency)
            .isNotIn(NEVER_COMPLETES);
      }
    }));
    services.forEach((name, service) -> service.path("volumes").forEach(volume -> {
      String source = volume.asText().split(":")[0];
      if (source.startsWith(".")) {
        assertThat(COMPOSE.getParent().resolve(source)).as("file mounted into %s", name).exists();
      }
    }));
  }

  @Test
  void manifestsReferenceOnlyWhatTheyDefine() {
    document(KUSTOMIZATION).path("resources").forEach(resource ->
        assertThat(K8S.resolve(resource.asText())).as("kustomization resource").isRegularFile());
    Set<String> configMaps = names("ConfigMap");
    Set<String> secrets = names("Secret");
    Set<String> claims = names("PersistentVolumeClaim");
    for (JsonNode deployment : objectsOfKind("Deployment")) {
      String name = deployment.at("/metadata/name").asText();
      for (JsonNode container : containers(deployment)) {
        container.path("envFrom").forEach(source -> {
          if (source.has("configMapRef")) {
            assertThat(configMaps).as("%s envFrom", name).contains(source.at("/configMapRef/name").asText());
          }
          if (source.has("secretRef")) {
            assertThat(secrets).as("%s envFrom", name).contains(source.at("/secretRef/name").asText());
          }
        });
      }
      deployment.at("/spec/template/spec/volumes").forEach(volume -> {
        if (volume.has("persistentVolumeClaim")) {
          assertThat(claims).as("%s volume", name).contains(volume.at("/persistentVolumeClaim/claimName").asText());
        }
      });
    }
  }

  @Test
  void secretsInTheRepositoryHoldPlaceholdersOnly() {
    List<JsonNode> secrets = objectsOfKind("Secret");
    assertThat(secrets).isNotEmpty();
    for (JsonNode secret : secrets) {
      String name = secret.at("/metadata/name").asText();
      assertThat(secret.has("data")).as("Secret %s has base64 data", name).isFalse();
      secret.path("stringData").fields().forEachRemaining(entry ->
          assertThat(entry.getValue().asText()).as("Secret %s key %s", name, entry.getKey()).isEqualTo(PLACEHOLDER));
    }
  }

  @Test
  void temporalRunsOnPostgresqlWithItsWebUi() {
    JsonNode values = document(TEMPORAL_VALUES);
    assertThat(values.at("/web/enabled").asBoolean()).isTrue();
    for (String store : List.of("default", "visibility")) {
      JsonNode sql = values.at("/server/config/persistence/datastores/" + store + "/sql");
      assertThat(sql.path("pluginName").asText()).as(store).startsWith("postgres");
      assertThat(sql.path("existingSecret").asText()).as("%s password from a Secret", store).isNotBlank();
      assertThat(sql.has("password")).as("%s password in the values", store).isFalse();
    }
  }

  private static Map<String, JsonNode> composeServices() {
    Map<String, JsonNode> services = new LinkedHashMap<>();
    document(COMPOSE).path("services").fields().forEachRemaining(entry -> services.put(entry.getKey(), entry.getValue()));
    return services;
  }

  /** The services a compose service depends on, with the condition it waits for (a list means service_started). */
  private static Map<String, String> dependencies(JsonNode service) {
    Map<String, String> dependencies = new LinkedHashMap<>();
    JsonNode dependsOn = service.path("depends_on");
    if (dependsOn.isArray()) {
      dependsOn.forEach(dependency -> dependencies.put(dependency.asText(), "service_started"));
    } else {
      dependsOn.fields().forEachRemaining(dependency -> dependencies.put(dependency.getKey(),
          dependency.getValue().path("condition").asText("service_started")));
    }
    return dependencies;
  }

  /** Compose takes environment as a map or as a list of NAME=value. */
  private static List<String> environmentNames(JsonNode environment) {
    if (environment.isArray()) {
      return StreamSupport.stream(environment.spliterator(), false).map(entry -> entry.asText().split("=", 2)[0])
          .toList();
    }
    List<String> names = new ArrayList<>();
    environment.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The container side of compose port mappings: "8080:8080", "127.0.0.1:8080:8080/tcp" or {target: 8080}. */
  private static List<Integer> composeContainerPorts(JsonNode ports) {
    return StreamSupport.stream(ports.spliterator(), false)
        .map(port -> port.isObject() ? port.path("target").asInt()
            : Integer.parseInt(port.asText().replaceAll("/\\w+$", "").replaceAll(".*:", "")))
        .toList();
  }

  private static boolean buildsImageWithHealthCheck(JsonNode service) {
    return service.has("build") && dockerfiles().stream()
        .filter(file -> service.at("/build/dockerfile").asText().endsWith("/" + file.name() + ".Dockerfile"))
        .anyMatch(Dockerfile::healthCheck);
  }

  /** Every {repository, tag} pair in Helm values. */
  private static List<String> helmImages(JsonNode node) {
    List<String> images = new ArrayList<>();
    if (node.has("repository") && node.has("tag")) {
      images.add(node.path("repository").asText() + ":" + node.path("tag").asText());
    }
    node.forEach(child -> images.addAll(helmImages(child)));
    return images;
  }

  private static String tag(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
  }

  /** registry.example.com/govflow/worker:0.1.0 is built from deploy/docker/worker.Dockerfile. */
  private static String imageName(String image) {
    String withoutTag = image.substring(0, image.length() - tag(image).length()).replaceAll(":$", "");
    return withoutTag.substring(withoutTag.lastIndexOf('/') + 1);
  }

  private static boolean declaresPort(JsonNode container, JsonNode port) {
    return StreamSupport.stream(container.path("ports").spliterator(), false).anyMatch(declared -> port.isInt()
        ? declared.path("containerPort").asInt() == port.asInt()
        : declared.path("name").asText().equals(port.asText()));
  }

  private static boolean contains(JsonNode labels, JsonNode selector) {
    List<Map.Entry<String, JsonNode>> wanted = new ArrayList<>();
    selector.fields().forEachRemaining(wanted::add);
    return !wanted.isEmpty() && wanted.stream().allMatch(entry -> entry.getValue().equals(labels.path(entry.getKey())));
  }

  private static Set<String> names(String kind) {
    return objectsOfKind(kind).stream().map(object -> object.at("/metadata/name").asText()).collect(Collectors.toSet());
  }

  private static int httpPort(String module) {
    return Integer.parseInt(ConfigurationKeys.applicationProperties(module).getProperty("quarkus.http.port"));
  }

  private static int localEndpointsPort() {
    try {
      return Integer.parseInt(GovflowConfig.Local.Endpoints.class.getMethod("port").getAnnotation(WithDefault.class)
          .value());
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("GovflowConfig.Local.Endpoints has no port()", e);
    }
  }
}
