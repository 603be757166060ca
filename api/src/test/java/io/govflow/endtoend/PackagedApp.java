package io.govflow.endtoend;

import io.govflow.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One packaged Quarkus app (worker or API) run as a user runs it: {@code java -jar quarkus-run.jar}. */
final class PackagedApp implements AutoCloseable {

  private final ServerProcess process;
  private final int port;

  private PackagedApp(ServerProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  static PackagedApp start(String name, Path jar, Map<String, String> properties) {
    return start(name, jar, properties, Map.of());
  }

  /** With {@code environment} added to the process's, for what is read from the environment only (credentials). */
  static PackagedApp start(String name, Path jar, Map<String, String> properties, Map<String, String> environment) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: package the apps first (./mvnw verify builds them)");
    }
    int port = ServerProcess.freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dquarkus.http.port=" + port));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-jar", jar.toString()));
    PackagedApp app = new PackagedApp(
        ServerProcess.start(name, command, environment, "e2e-" + name + "-" + port + ".log"), port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(app.baseUri() + "/q/health/ready")).GET().build();
    app.process.awaitReady(Duration.ofMinutes(2),
        () -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return app;
  }

  String baseUri() {
    return "http://127.0.0.1:" + port;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(process.log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
