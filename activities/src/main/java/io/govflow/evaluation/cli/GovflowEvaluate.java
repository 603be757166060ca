package io.govflow.evaluation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.govflow.common.Digests;
import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.clarify.InvalidAnalysisConfigException;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.Bootstrap;
import io.govflow.evaluation.metrics.ConstraintViolations;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.ModelMonitorBaseline;
import io.govflow.evaluation.metrics.ModelMonitorCheck;
import io.govflow.evaluation.metrics.ModelQuality;
import io.govflow.evaluation.metrics.ModelQualityConstraints;
import io.govflow.evaluation.metrics.ModelQualityMonitor;
import io.govflow.evaluation.metrics.MonitorConstraints;
import io.govflow.evaluation.metrics.MonitorStatistics;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import io.govflow.policy.Finding;
import io.govflow.policy.InvalidPolicyException;
import io.govflow.policy.PolicyDocument;
import io.govflow.policy.PolicyEvaluator;
import io.govflow.policy.PolicyLibrary;
import io.govflow.policy.PolicyResult;
import io.govflow.usecase.RiskLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code govflow-evaluate}: reproduces evidence from local files, with no server, on the same engine the lifecycle's
 * activities use. {@code bias} takes a SageMaker Clarify analysis_config.json and writes analysis.json as a Clarify
 * processing job would; {@code baseline} and {@code monitor} write what Model Monitor's baselining and monitoring jobs
 * write; {@code policy} checks evidence documents against a risk tier's policy. Exit codes: 0 done (also when drift
 * or a failed policy is found: that is the answer, not an error), 1 an unexpected failure, 2 bad input (a one-line
 * reason on stderr).
 */
public final class GovflowEvaluate {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  static final String USAGE = """
      Usage: govflow-evaluate bias --config analysis_config.json --dataset data.csv [--predictions preds.csv] \
      [--resamples 1000] [--seed 20240601] --output dir/
             govflow-evaluate baseline --dataset train.csv --output dir/
             govflow-evaluate monitor --statistics statistics.json --constraints constraints.json \
      --dataset traffic.csv --output dir/
             govflow-evaluate baseline|monitor --problem-type BinaryClassification [--constraints constraints.json] \
      --dataset labelled.csv [--positive-label 1] --output dir/
             govflow-evaluate policy --tier low|medium|high [--policy-folder dir/] --evidence name=file.json ... \
      --output dir/

      bias      Clarify's pre- and post-training bias metrics that analysis_config.json asks for
                (methods.pre_training_bias / methods.post_training_bias), written to dir/analysis.json, each with
                a 95 % bootstrap confidence interval, and warnings about groups too small to judge.
      baseline  Model Monitor's baselining job: dir/statistics.json and dir/constraints.json of the data set.
      monitor   Model Monitor's monitoring job: the traffic checked against a baseline, written to
                dir/constraint_violations.json beside the traffic's own dir/statistics.json.
                With --problem-type BinaryClassification, both are Model Monitor's model-quality jobs instead:
                the data set holds predictions and their ground truth, statistics.json their
                binary_classification_metrics, constraints.json binary_classification_constraints.
      policy    the tier's governance policy applied to evidence documents, written to dir/policy-result.json.

        --config         SageMaker Clarify analysis configuration (dataset_type "text/csv")
        --dataset        the data set, CSV; a header row (bias: or none when the configuration lists headers)
        --predictions    the model's predicted labels, one row per data set row, with a header row; the column
                         is predicted_label, or the only one (without it, predicted_label is a data set column)
        --resamples      bootstrap resamples per confidence interval (default 1000; 0: no intervals)
        --seed           the bootstrap's seed (default 20240601), written into analysis.json
        --statistics     a baseline's statistics.json
        --problem-type   BinaryClassification: model quality rather than data quality
        --ground-truth-attribute, --inference-attribute, --probability-attribute
                         the data set's columns of observed label, predicted label and probability of the
                         positive label (default label, prediction, probability)
        --positive-label the label value that is the positive class (default 1)
        --constraints    a baseline's constraints.json
        --tier           the risk tier whose policy applies: low, medium or high
        --policy-folder  a folder whose <tier>.json replaces the shipped policy of that tier
        --evidence       name=file.json, once per evidence document (data-statistics, pre-training-bias,
                         training-metrics, model-quality, post-training-bias)
        --output         folder to write into (created if missing)
        -h, --help       this help

      Exit codes: 0 done, 2 bad input (the reason on stderr), 1 unexpected failure.
      """;

  private static final Set<String> MODEL_QUALITY_OPTIONS = Set.of("--problem-type", "--ground-truth-attribute",
      "--inference-attribute", "--probability-attribute", "--positive-label");
  private static final String BINARY_CLASSIFICATION = "BinaryClassification";

  private static final Map<String, Command> COMMANDS = Map.of(
      "bias", new Command(Set.of("--config", "--dataset", "--predictions", "--resamples", "--seed", "--output"),
          List.of("--config", "--dataset", "--output"), GovflowEvaluate::bias),
      "baseline", new Command(with(MODEL_QUALITY_OPTIONS, "--dataset", "--output"), List.of("--dataset", "--output"),
          GovflowEvaluate::baseline),
      "monitor", new Command(with(MODEL_QUALITY_OPTIONS, "--statistics", "--constraints", "--dataset", "--output"),
          List.of("--constraints", "--dataset", "--output"), GovflowEvaluate::monitor),
      "policy", new Command(Set.of("--tier", "--policy-folder", "--evidence", "--output"),
          List.of("--tier", "--evidence", "--output"), GovflowEvaluate::policy));

  /** The only option that may be given more than once. */
  private static final String EVIDENCE = "--evidence";

  private final PrintStream out;
  private final PrintStream err;

  /** The streams are the process's own in {@link #main}, a test's buffers in tests. */
  public GovflowEvaluate(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new GovflowEvaluate(System.out, System.err).run(args));
  }

  /** Runs one command and returns its exit code, never exiting the JVM. */
  public int run(String... args) {
    if (args.length == 0) {
      err.print(USAGE);
      return BAD_INPUT;
    }
    if (List.of(args).stream().anyMatch(GovflowEvaluate::isHelp)) {
      out.print(USAGE);
      return OK;
    }
    try {
      Command command = COMMANDS.get(args[0]);
      if (command == null) {
        throw new BadInput("unknown command '" + args[0] + "'; the commands are "
            + COMMANDS.keySet().stream().sorted().toList() + " (see --help)");
      }
      command.action().run(new Options(args[0], command, args), out);
      return OK;
    } catch (BadInput | InvalidAnalysisConfigException | InvalidPolicyException e) {
      err.println("govflow-evaluate: " + e.getMessage());
      return BAD_INPUT;
    } catch (RuntimeException | IOException e) {
      err.println("govflow-evaluate: unexpected failure: " + e);
      return FAILED;
    }
  }

  private static void bias(Options options, PrintStream out) throws IOException {
    AnalysisConfig config = AnalysisConfig.parse(read(options, "--config"));
    Table dataset = table("--dataset", () -> config.dataset(read(options, "--dataset")));
    Table predictions = options.has("--predictions")
        ? table("--predictions", () -> Table.parse(read(options, "--predictions"))) : null;
    int resamples = (int) number(options, "--resamples", Bootstrap.DEFAULT_RESAMPLES, Integer.MAX_VALUE);
    Bootstrap bootstrap = resamples == 0
        ? null
        : Bootstrap.of(resamples, number(options, "--seed", Bootstrap.DEFAULT_SEED, Long.MAX_VALUE));
    BiasReport analysis = config.analyse(dataset, predictions, bootstrap);
    write(options, out, "analysis.json", analysis);
  }

  private static void baseline(Options options, PrintStream out) throws IOException {
    if (isModelQuality(options)) {
      ModelQuality statistics = labelledPredictions(options, null).statistics();
      write(options, out, "statistics.json", statistics);
      write(options, out, "constraints.json", ModelQualityMonitor.suggestConstraints(statistics, 0));
      return;
    }
    MonitorStatistics statistics = streamed(options, "--dataset", ModelMonitorBaseline::statistics);
    write(options, out, "statistics.json", statistics);
    write(options, out, "constraints.json", ModelMonitorBaseline.constraints(statistics));
  }

  private static void monitor(Options options, PrintStream out) throws IOException {
    if (isModelQuality(options)) {
      ModelQualityConstraints constraints = document(options, "--constraints", ModelQualityConstraints.class);
      if (constraints.binaryClassificationConstraints() == null) {
        throw new BadInput("--constraints must be a model-quality baseline's constraints.json (with "
            + "binary_classification_constraints)");
      }
      ModelQualityMonitor.Result run = labelledPredictions(options, constraints);
      write(options, out, "statistics.json", run.statistics());
      write(options, out, "constraint_violations.json", run.violations());
      out.println(run.violations().violations().isEmpty() ? "no constraint violations"
          : run.violations().violations().size() + " constraint violations: " + run.violations().violations()
              .stream().map(v -> v.metricName() + " " + v.constraintCheckType()).collect(Collectors.joining(", ")));
      return;
    }
    if (!options.has("--statistics")) {
      throw new BadInput("missing --statistics (see --help)");
    }
    MonitorStatistics baseline = document(options, "--statistics", MonitorStatistics.class);
    MonitorConstraints constraints = document(options, "--constraints", MonitorConstraints.class);
    if (baseline.features() == null || constraints.features() == null) {
      throw new BadInput("--statistics and --constraints must be a baseline's statistics.json and constraints.json"
          + " (each with a features list)");
    }
    ModelMonitorCheck.Result run =
        streamed(options, "--dataset", traffic -> ModelMonitorCheck.run(baseline, constraints, traffic));
    ConstraintViolations violations = run.violations();
    write(options, out, "statistics.json", run.statistics());
    write(options, out, "constraint_violations.json", violations);
    out.println(violations.violations().isEmpty() ? "no constraint violations"
        : violations.violations().size() + " constraint violations: " + violations.violations().stream()
            .map(v -> v.featureName() + " " + v.constraintCheckType().label()).collect(Collectors.joining(", ")));
  }

  private static void policy(Options options, PrintStream out) throws IOException {
    RiskLevel tier = tier(options.one("--tier"));
    PolicyDocument policy = library(options).forTier(tier);
    Map<String, JsonNode> documents = new TreeMap<>();
    Map<String, String> digests = new TreeMap<>();
    for (String evidence : options.all(EVIDENCE)) {
      int equals = evidence.indexOf('=');
      if (equals <= 0 || equals == evidence.length() - 1) {
        throw new BadInput("--evidence " + evidence + ": expected name=file.json, e.g. model-quality=evaluation.json");
      }
      String name = evidence.substring(0, equals);
      Path file = Path.of(evidence.substring(equals + 1));
      if (documents.containsKey(name)) {
        throw new BadInput("--evidence " + name + " is given twice; a policy check takes one document of each name");
      }
      byte[] bytes = bytes(EVIDENCE + " " + name, file);
      documents.put(name, json(EVIDENCE + " " + name, file, bytes));
      digests.put(name, Digests.sha256(bytes));
    }
    PolicyResult result = PolicyEvaluator.result(policy, PolicyEvaluator.evaluate(policy, documents), null);
    write(options, out, "policy-result.json", new PolicyResultDocument(result.tier(), result.policyVersion(),
        result.passed(), result.findings(), digests));
    long failed = result.findings().stream().filter(f -> !f.passed()).count();
    out.println((result.passed() ? "passed" : "failed") + " the " + result.tier() + " policy version "
        + result.policyVersion() + ": " + failed + " of " + result.findings().size() + " findings failed");
  }

  private static boolean isModelQuality(Options options) {
    if (!options.has("--problem-type")) {
      return false;
    }
    if (!options.one("--problem-type").equals(BINARY_CLASSIFICATION)) {
      throw new BadInput("--problem-type " + options.one("--problem-type") + ": govflow monitors the quality of "
          + BINARY_CLASSIFICATION + " models");
    }
    return true;
  }

  /**
   * The data set's predictions judged against their ground truth, and against {@code constraints} when given (a
   * baseline has none yet).
   */
  private static ModelQualityMonitor.Result labelledPredictions(Options options, ModelQualityConstraints constraints) {
    Table dataset = table("--dataset", () -> Table.parse(read(options, "--dataset")));
    String groundTruth = options.one("--ground-truth-attribute", "label");
    String prediction = options.one("--inference-attribute", "prediction");
    String probability = options.one("--probability-attribute", "probability");
    for (String column : List.of(groundTruth, prediction, probability)) {
      if (!dataset.hasColumn(column)) {
        throw new BadInput("--dataset has no column '" + column + "'; its columns are " + dataset.columns()
            + " (name them with --ground-truth-attribute, --inference-attribute, --probability-attribute)");
      }
    }
    double[] probabilities = new double[dataset.rowCount()];
    for (int row = 0; row < probabilities.length; row++) {
      String cell = dataset.value(row, probability);
      try {
        probabilities[row] = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        throw new BadInput("--dataset row " + (row + 1) + ": '" + cell + "' in column " + probability
            + " is not a probability");
      }
    }
    return ModelQualityMonitor.run(groundTruth, options.one("--positive-label", "1"), dataset.column(groundTruth),
        dataset.column(prediction), probabilities,
        constraints == null ? new ModelQualityConstraints(0.0, Map.of()) : constraints);
  }

  /** A whole number from 0 to {@code max} that an option gives, or its default. */
  private static long number(Options options, String option, long byDefault, long max) {
    if (!options.has(option)) {
      return byDefault;
    }
    try {
      long value = Long.parseLong(options.one(option));
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, as for a number out of range
    }
    throw new BadInput(option + " " + options.one(option) + ": expected a whole number from 0 to " + max);
  }

  private static RiskLevel tier(String tier) {
    try {
      return RiskLevel.valueOf(tier.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInput("--tier " + tier + ": the tiers are low, medium and high");
    }
  }

  private static PolicyLibrary library(Options options) {
    if (!options.has("--policy-folder")) {
      return new PolicyLibrary();
    }
    Path folder = Path.of(options.one("--policy-folder"));
    if (!Files.isDirectory(folder)) {
      throw new BadInput("--policy-folder " + folder + ": not a directory");
    }
    return new PolicyLibrary(folder);
  }

  /**
   * The policy-result document the lifecycle keeps, less the use case and model version a local run has none of:
   * the outcome, every finding, and the digest of each evidence file judged.
   */
  record PolicyResultDocument(
      String tier, String policyVersion, boolean passed, List<Finding> findings, Map<String, String> evidenceSha256) {}

  private static void write(Options options, PrintStream out, String name, Object document) throws IOException {
    Path output = Path.of(options.one("--output"));
    Files.createDirectories(output);
    Files.write(output.resolve(name), EvidenceJson.write(document));
    out.println("wrote " + output.resolve(name));
  }

  /** A table, or bad input naming the option whose file is not a readable table. */
  private static Table table(String option, Supplier<Table> reader) {
    try {
      return reader.get();
    } catch (TableFormatException e) {
      throw new BadInput(option + " " + e.getMessage());
    }
  }

  /**
   * What {@code reader} makes of the CSV file an option names, read as a stream (a baseline or traffic file may be
   * far larger than memory); bad input names the option.
   */
  private static <T> T streamed(Options options, String option, Function<InputStream, T> reader) {
    Path file = Path.of(options.one(option));
    InputStream csv;
    try {
      csv = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new BadInput(option + " " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInput(option + " " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    try {
      return reader.apply(csv);
    } catch (TableFormatException e) {
      throw new BadInput(option + " " + e.getMessage());
    }
  }

  private static <T> T document(Options options, String option, Class<T> type) {
    Path file = Path.of(options.one(option));
    try {
      return EvidenceJson.read(bytes(option, file), type);
    } catch (IllegalArgumentException e) {
      throw new BadInput(option + " " + file + ": " + e.getMessage());
    }
  }

  private static JsonNode json(String what, Path file, byte[] bytes) {
    try {
      return EvidenceJson.read(bytes, JsonNode.class);
    } catch (IllegalArgumentException e) {
      throw new BadInput(what + " " + file + ": not JSON (" + e.getMessage() + ")");
    }
  }

  private static String read(Options options, String option) {
    return new String(bytes(option, Path.of(options.one(option))), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String what, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInput(what + " " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInput(what + " " + file + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  private static Set<String> with(Set<String> options, String... more) {
    Set<String> all = new HashSet<>(options);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  /** A sub-command: the options it takes, those it needs, and what it does. */
  private record Command(Set<String> options, List<String> required, Action action) {}

  @FunctionalInterface
  private interface Action {
    void run(Options options, PrintStream out) throws IOException;
  }

  /** A command's options, checked against what the command takes and needs. */
  private static final class Options {

    private final Map<String, List<String>> values = new HashMap<>();

    Options(String name, Command command, String[] args) {
      for (int i = 1; i < args.length; i += 2) {
        if (!command.options().contains(args[i])) {
          throw new BadInput("unknown option '" + args[i] + "'; " + name + " takes "
              + command.options().stream().sorted().toList());
        }
        if (i + 1 == args.length || args[i + 1].startsWith("--")) {
          throw new BadInput(args[i] + " needs a value");
        }
        List<String> given = values.computeIfAbsent(args[i], option -> new ArrayList<>());
        if (!given.isEmpty() && !args[i].equals(EVIDENCE)) {
          throw new BadInput(args[i] + " is given twice");
        }
        given.add(args[i + 1]);
      }
      for (String required : command.required()) {
        if (!values.containsKey(required)) {
          throw new BadInput("missing " + required + " (see --help)");
        }
      }
    }

    boolean has(String option) {
      return values.containsKey(option);
    }

    String one(String option) {
      return values.get(option).get(0);
    }

    String one(String option, String byDefault) {
      return has(option) ? one(option) : byDefault;
    }

    List<String> all(String option) {
      return values.getOrDefault(option, List.of());
    }
  }

  /** Input the user can fix: reported in one line, exit code 2. */
  private static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }
}
