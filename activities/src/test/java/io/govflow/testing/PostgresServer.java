package io.govflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 server for tests: a fresh cluster in a new folder under {@code target/}, listening on a free
 * loopback port, with one database. Tests run as root here and PostgreSQL refuses to run as root, so its commands run
 * as the {@code postgres} user. Closing stops the server and deletes its folder; a JVM shutdown hook does the same
 * if a test run is cut short.
 */
public final class PostgresServer implements AutoCloseable {

  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  public static final String USER = "govflow";
  public static final String PASSWORD = "govflow-test";

  private final Path home;
  private final Path data;
  private final int port;
  private final String database;
  private final Thread shutdownHook;

  private PostgresServer(Path home, int port, String database) {
    this.home = home;
    this.data = home.resolve("data");
    this.port = port;
    this.database = database;
    this.shutdownHook = new Thread(this::stopQuietly, "postgres-" + port + "-shutdown");
  }

  /** Creates a cluster, starts it and creates {@code database}, owned by {@link #USER}. */
  public static PostgresServer start(String database) {
    if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
      throw new IllegalStateException("PostgreSQL 15 is not installed: no " + BIN.resolve("pg_ctl")
          + ". Install it with `apt-get install postgresql` (Debian 12 ships version 15).");
    }
    Path home = Path.of("target", "postgres-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    PostgresServer server = new PostgresServer(home, freePort(), database);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.initAndStart();
      server.createDatabase();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to: it stops the server itself.
    }
  }

  private void initAndStart() {
    try {
      Files.createDirectories(home);
      Path passwordFile = home.resolve("password");
      Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
      if (runningAsRoot()) {
        run("chown", "-R", "postgres:postgres", home.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + home, e);
    }
    asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
        "--pwfile=" + home.resolve("password"), "--auth-local=trust", "--auth-host=scram-sha-256",
        "-E", "UTF8", "--locale=C");
    // Durability settings off: a test cluster is thrown away, and fsync per commit would dominate test time.
    String options = String.join(" ", "-c listen_addresses=127.0.0.1", "-c port=" + port,
        "-c unix_socket_directories=" + data, "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("server.log").toString(),
        "-o", options, "-w", "-t", "60", "start");
  }

  private void createDatabase() {
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + " on port " + port, e);
    }
  }

  private String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  private synchronized void stopQuietly() {
    if (Files.isDirectory(data) && Files.exists(data.resolve("postmaster.pid"))) {
      asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }
    deleteRecursively(home);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  private static void asPostgres(String... command) {
    List<String> line = new ArrayList<>();
    if (runningAsRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    run(line.toArray(String[]::new));
  }

  private static void run(String... command) {
    Path output = null;
    try {
      // Output goes to a file, not a pipe: the server pg_ctl leaves running must not hold a pipe we wait on.
      output = Files.createTempFile("postgres-command", ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean exited = process.waitFor(90, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      if (!exited || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command[0], e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
