package io.govflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files under {@code deploy/}, read the way Docker, Compose, kustomize and Helm read them. */
final class DeployFiles {

  static final Path REPO = Path.of(System.getProperty("govflow.repo.root", "..")).toAbsolutePath().normalize();
  static final Path DEPLOY = REPO.resolve("deploy");
  static final Path COMPOSE = DEPLOY.resolve("compose/compose.yaml");
  static final Path K8S = DEPLOY.resolve("k8s");
  static final Path TEMPORAL_VALUES = K8S.resolve("temporal-values.yaml");
  static final Path KUSTOMIZATION = K8S.resolve("kustomization.yaml");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

  private DeployFiles() {}

  /** Every document of a YAML file; empty documents (a lone {@code ---}) are skipped. */
  static List<JsonNode> documents(Path file) {
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      });
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + REPO.relativize(file), e);
    }
  }

  static JsonNode document(Path file) {
    List<JsonNode> documents = documents(file);
    return documents.isEmpty() ? MissingNode.getInstance() : documents.get(0);
  }

  /** The Kubernetes objects of the manifests: every YAML file in deploy/k8s but kustomize's and Helm's inputs. */
  static List<JsonNode> kubernetesObjects() {
    return yamlFiles(K8S).stream()
        .filter(file -> !file.equals(KUSTOMIZATION) && !file.equals(TEMPORAL_VALUES))
        .flatMap(file -> documents(file).stream())
        .toList();
  }

  static List<JsonNode> objectsOfKind(String kind) {
    return kubernetesObjects().stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
  }

  /** The containers and init containers of a Deployment's pod template. */
  static List<JsonNode> containers(JsonNode deployment) {
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    List<JsonNode> containers = new ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    return containers;
  }

  static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Dockerfile> dockerfiles() {
    try (Stream<Path> files = Files.list(DEPLOY.resolve("docker"))) {
      return files.filter(file -> file.getFileName().toString().endsWith(".Dockerfile")).sorted()
          .map(Dockerfile::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Dockerfile dockerfile(String name) {
    return Dockerfile.read(DEPLOY.resolve("docker").resolve(name + ".Dockerfile"));
  }

  /** What the manifests rely on in a Dockerfile: base images, environment, exposed ports, a health check. */
  record Dockerfile(String name, List<String> baseImages, Set<String> env, Set<Integer> exposedPorts,
      boolean healthCheck) {

    static Dockerfile read(Path file) {
      List<String> baseImages = new ArrayList<>();
      Set<String> env = new LinkedHashSet<>();
      Set<Integer> ports = new LinkedHashSet<>();
      boolean healthCheck = false;
      for (String instruction : instructions(file)) {
        String[] words = instruction.split("\\s+", 2);
        String arguments = words.length > 1 ? words[1] : "";
        switch (words[0].toUpperCase()) {
          case "FROM" -> baseImages.add(arguments.split("\\s+")[0]);
          case "ENV" -> {
            Matcher pair = ENV_PAIR.matcher(arguments);
            while (pair.find()) {
              env.add(pair.group(1));
            }
          }
          case "EXPOSE" -> Stream.of(arguments.split("\\s+"))
              .forEach(port -> ports.add(Integer.parseInt(port.replace("/tcp", ""))));
          case "HEALTHCHECK" -> healthCheck = !arguments.trim().equalsIgnoreCase("NONE");
          default -> { }
        }
      }
      String name = file.getFileName().toString().replace(".Dockerfile", "");
      return new Dockerfile(name, List.copyOf(baseImages), Set.copyOf(env), Set.copyOf(ports), healthCheck);
    }

    /** Instructions with their continuation lines joined and comments dropped. */
    private static List<String> instructions(Path file) {
      List<String> instructions = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      try {
        for (String line : Files.readAllLines(file)) {
          String trimmed = line.trim();
          if (trimmed.startsWith("#") || trimmed.isEmpty()) {
            continue;
          }
          boolean continues = trimmed.endsWith("\\");
          current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
          if (!continues) {
            instructions.add(current.toString().trim());
            current.setLength(0);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return instructions;
    }
  }
}
