package io.govflow.monitoring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.Digests;
import io.govflow.common.Latencies;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code govflow-demo-traffic}: sends a sample's rows, without their label, to a use case's production endpoint, one
 * request each (optionally shifted, to cause drift), then posts their true labels as ground truth keyed by the
 * event id each answer carries, so that the next monitoring run has traffic to judge and labels to measure the model
 * by. Exit codes: 0 done, 1 the endpoint or API failed, 2 bad input (a one-line reason on stderr).
 */
public final class GovflowDemoTraffic {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  static final String USAGE = """
      Usage: govflow-demo-traffic --use-case ID --user USER --password PASSWORD [--api URL] [--endpoint URL] \
      [--shift SPEC] [--sample FILE] [--label COLUMN] [--limit N] [--no-ground-truth]
             govflow-demo-traffic --endpoint URL [--shift SPEC] [--sample FILE] [--label COLUMN] [--limit N]

      Sends every row of the sample, without its label, as one text/csv request to the use case's production
      endpoint (read from GET <api>/api/v1/use-cases/<ID>/endpoints, or given by --endpoint), then posts the true
      labels to POST <api>/api/v1/use-cases/<ID>/ground-truth under an Idempotency-Key derived from the event ids.

        --api              the govflow API (default http://localhost:8080)
        --use-case         the use case whose production endpoint and ground truth are used
        --user, --password HTTP Basic credentials of a govflow user (the embedded demo users will do)
        --endpoint         invoke this URL instead of the use case's production endpoint
        --shift            changes to numeric columns before sending, comma-separated: age+15,credit_amount*2
                           (operators + - * /)
        --sample           the CSV to send, with a header row (default samples/credit-g.csv)
        --label            the sample's label column, left out of the requests (default class)
        --limit            send only the first N rows
        --no-ground-truth  send traffic only
        -h, --help         this help
      """;

  private static final Set<String> OPTIONS = Set.of("--api", "--use-case", "--user", "--password", "--endpoint",
      "--shift", "--sample", "--label", "--limit");
  private static final String NO_GROUND_TRUTH = "--no-ground-truth";
  private static final String EVENT_ID_HEADER = "X-Govflow-Event-Id";
  private static final Pattern SHIFT = Pattern.compile("\\s*([^+\\-*/\\s]+)\\s*([+\\-*/])\\s*([0-9.]+)\\s*");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** The streams are the process's own in {@link #main}, a test's buffers in tests. */
  public GovflowDemoTraffic(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new GovflowDemoTraffic(System.out, System.err).run(args));
  }

  /** Sends the traffic and the ground truth and returns the exit code, never exiting the JVM. */
  public int run(String... args) {
    if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
      out.print(USAGE);
      return OK;
    }
    try {
      Options options = Options.parse(args);
      Table sample = readSample(Path.of(options.get("--sample", "samples/credit-g.csv")));
      String label = options.get("--label", "class");
      if (!sample.hasColumn(label)) {
        throw new BadInput("the sample has no column '" + label + "'; its columns are " + sample.columns()
            + ": name the label with --label");
      }
      List<Shift> shifts = Shift.parseAll(options.get("--shift", ""), sample);
      int rows = Math.min(sample.rowCount(), options.limit());
      String endpoint = options.has("--endpoint") ? options.get("--endpoint", null) : productionEndpoint(options);

      Traffic traffic = send(endpoint, sample, rows, label, shifts);
      out.printf(Locale.ROOT, "sent %d rows to %s%s: %d answered, %d refused; latency p50 %.3f ms, p99 %.3f ms%n",
          rows, endpoint, shifts.isEmpty() ? "" : " shifted by " + options.get("--shift", ""),
          traffic.labels().size(), traffic.refused(), Latencies.percentile(traffic.latenciesMillis(), 0.50),
          Latencies.percentile(traffic.latenciesMillis(), 0.99));
      if (traffic.firstRefusal() != null) {
        err.println("govflow-demo-traffic: first refusal: " + traffic.firstRefusal());
      }
      if (options.has(NO_GROUND_TRUTH) || traffic.labels().isEmpty()) {
        out.println("ground truth not posted");
      } else if (!options.has("--use-case")) {
        out.println("ground truth not posted: give --use-case, --user and --password to post it");
      } else {
        postGroundTruth(options, traffic.labels());
      }
      return traffic.refused() == 0 ? OK : FAILED;
    } catch (BadInput e) {
      err.println("govflow-demo-traffic: " + e.getMessage());
      return BAD_INPUT;
    } catch (Unavailable e) {
      err.println("govflow-demo-traffic: " + e.getMessage());
      return FAILED;
    }
  }

  /** The URL of the use case's production endpoint that is serving, as the API lists the use case's endpoints. */
  private String productionEndpoint(Options options) {
    String useCase = options.required("--use-case", "or give --endpoint");
    URI uri = URI.create(options.api() + "/api/v1/use-cases/" + useCase + "/endpoints");
    HttpResponse<String> response = send(authorised(options, HttpRequest.newBuilder(uri)).GET().build());
    if (response.statusCode() != 200) {
      throw new Unavailable("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode listed = readTree(response.body());
    JsonNode endpoints = listed.isArray() ? listed : listed.path("endpoints");
    for (JsonNode endpoint : endpoints) {
      if ("PRODUCTION".equals(endpoint.path("environment").asText()) && endpoint.path("serving").asBoolean(true)
          && endpoint.hasNonNull("url")) {
        return endpoint.path("url").asText();
      }
    }
    throw new Unavailable("use case " + useCase + " has no production endpoint serving yet (" + uri + " lists "
        + endpoints.size() + " endpoint(s)): approve production first, or give --endpoint");
  }

  private Traffic send(String endpoint, Table sample, int rows, String label, List<Shift> shifts) {
    List<String> features = sample.columns().stream().filter(column -> !column.equals(label)).toList();
    String header = features.stream().map(Table::csvField).collect(Collectors.joining(","));
    Map<String, String> labels = new LinkedHashMap<>();
    double[] latencies = new double[rows];
    int refused = 0;
    String firstRefusal = null;
    for (int row = 0; row < rows; row++) {
      Map<String, String> values = new HashMap<>(sample.row(row));
      shifts.forEach(shift -> shift.apply(values));
      // A header line names the columns, so the rows need not be in the order the model was trained on.
      String body = header + "\n" + Table.csvLine(values, features);
      HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(TIMEOUT)
          .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      long started = System.nanoTime();
      HttpResponse<String> response = send(request);
      latencies[row] = (System.nanoTime() - started) / 1e6;
      String eventId = response.headers().firstValue(EVENT_ID_HEADER).orElse(null);
      if (response.statusCode() == 200 && eventId != null) {
        labels.put(eventId, sample.value(row, label));
      } else {
        refused++;
        firstRefusal = firstRefusal != null ? firstRefusal : "row " + (row + 1) + " answered "
            + response.statusCode() + ": " + response.body();
      }
    }
    return new Traffic(labels, latencies, refused, firstRefusal);
  }

  /** One request for all labels; its key derives from the event ids, so posting the same traffic twice counts once. */
  private void postGroundTruth(Options options, Map<String, String> labels) {
    String useCase = options.required("--use-case", "to post ground truth");
    ObjectNode body = json.createObjectNode();
    ArrayNode list = body.putArray("labels");
    labels.forEach((eventId, label) -> list.addObject().put("eventId", eventId).put("label", label));
    String key = "demo-traffic-" + Digests.sha256(String.join("\n", labels.keySet())).substring(0, 32);
    URI uri = URI.create(options.api() + "/api/v1/use-cases/" + useCase + "/ground-truth");
    HttpResponse<String> response = send(authorised(options, HttpRequest.newBuilder(uri))
        .header("Content-Type", "application/json").header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    if (response.statusCode() / 100 != 2) {
      throw new Unavailable("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    out.printf(Locale.ROOT, "posted %d labels to %s (Idempotency-Key %s): %d%n", labels.size(), uri, key,
        response.statusCode());
  }

  private HttpRequest.Builder authorised(Options options, HttpRequest.Builder request) {
    String user = options.required("--user", "for the API");
    String password = options.required("--password", "for the API");
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request.timeout(TIMEOUT).header("Authorization", "Basic " + credentials);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable("cannot reach " + request.uri() + ": " + e.getMessage()
          + " (is govflow running? bin/govflow-up starts it)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while calling " + request.uri());
    }
  }

  private JsonNode readTree(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new Unavailable("the API answered something other than JSON: " + e.getMessage());
    }
  }

  private static Table readSample(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return Table.read(reader);
    } catch (NoSuchFileException e) {
      throw new BadInput("no sample at " + file.toAbsolutePath() + ": run from the repository root or give --sample");
    } catch (IOException e) {
      throw new BadInput("cannot read the sample " + file + ": " + e.getMessage());
    } catch (TableFormatException e) {
      throw new BadInput(file + " is not a CSV table with a header row: " + e.getMessage());
    }
  }

  /** The answered rows' true labels by event id, each request's latency, and how many were refused. */
  private record Traffic(Map<String, String> labels, double[] latenciesMillis, int refused, String firstRefusal) {}

  /** One change to a numeric column: {@code age+15} adds 15 to every age. */
  record Shift(String column, char operator, BigDecimal operand) {

    static List<Shift> parseAll(String spec, Table sample) {
      List<Shift> shifts = new ArrayList<>();
      for (String part : spec.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        Matcher matcher = SHIFT.matcher(part);
        if (!matcher.matches()) {
          throw new BadInput("--shift '" + part.strip() + "' is not <column><+|-|*|/><number>, such as age+15");
        }
        String column = matcher.group(1);
        if (!sample.hasColumn(column) || !sample.type(column).isNumeric()) {
          throw new BadInput("--shift names '" + column + "', which is not a numeric column of the sample");
        }
        Shift shift = new Shift(column, matcher.group(2).charAt(0), parseNumber(matcher.group(3)));
        if (shift.operator() == '/' && shift.operand().signum() == 0) {
          throw new BadInput("--shift '" + part.strip() + "' divides by zero");
        }
        shifts.add(shift);
      }
      return shifts;
    }

    /** Shifts the row's value; a missing value stays missing, an integer stays an integer where the result is one. */
    void apply(Map<String, String> row) {
      String value = row.get(column);
      if (Table.isMissing(value)) {
        return;
      }
      BigDecimal current = new BigDecimal(value);
      BigDecimal shifted = switch (operator) {
        case '+' -> current.add(operand);
        case '-' -> current.subtract(operand);
        case '*' -> current.multiply(operand);
        default -> current.divide(operand, MathContext.DECIMAL64);
      };
      row.put(column, shifted.stripTrailingZeros().toPlainString());
    }

    private static BigDecimal parseNumber(String text) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new BadInput("--shift operand '" + text + "' is not a number");
      }
    }
  }

  /** The command line: options with one value each, and flags. */
  private record Options(Map<String, String> values, Set<String> flags) {

    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      Set<String> flags = new HashSet<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals(NO_GROUND_TRUTH)) {
          flags.add(args[i]);
        } else if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
          if (values.put(args[i], args[++i]) != null) {
            throw new BadInput(args[i - 1] + " is given twice");
          }
        } else {
          throw new BadInput("unexpected argument '" + args[i] + "' (see --help)");
        }
      }
      return new Options(values, flags);
    }

    boolean has(String option) {
      return values.containsKey(option) || flags.contains(option);
    }

    String get(String option, String fallback) {
      return values.getOrDefault(option, fallback);
    }

    String required(String option, String why) {
      String value = values.get(option);
      if (value == null || value.isBlank()) {
        throw new BadInput(option + " is required " + why + " (see --help)");
      }
      return value;
    }

    String api() {
      return get("--api", "http://localhost:8080").replaceFirst("/+$", "");
    }

    int limit() {
      String limit = get("--limit", null);
      try {
        int rows = limit == null ? Integer.MAX_VALUE : Integer.parseInt(limit);
        if (rows < 1) {
          throw new NumberFormatException();
        }
        return rows;
      } catch (NumberFormatException e) {
        throw new BadInput("--limit '" + limit + "' is not a positive number of rows");
      }
    }
  }

  private static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }

  private static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
