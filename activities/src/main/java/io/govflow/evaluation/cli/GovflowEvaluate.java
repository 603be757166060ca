package io.govflow.evaluation.cli;

import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.clarify.AnalysisConfig.BiasInputs;
import io.govflow.evaluation.clarify.InvalidAnalysisConfigException;
import io.govflow.evaluation.metrics.BiasAnalysis;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code govflow-evaluate}: reproduces evidence from local files, with no server, on the same engine the lifecycle's
 * activities use. {@code bias} takes a SageMaker Clarify analysis_config.json and writes analysis.json as a Clarify
 * processing job would. Exit codes: 0 done, 1 an unexpected failure, 2 bad input (a one-line reason on stderr).
 */
public final class GovflowEvaluate {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  static final String USAGE = """
      Usage: govflow-evaluate bias --config analysis_config.json --dataset data.csv [--predictions preds.csv] \
      --output dir/

      Computes Clarify's pre- and post-training bias metrics that analysis_config.json asks for
      (methods.pre_training_bias / methods.post_training_bias) and writes them to dir/analysis.json.

        --config       SageMaker Clarify analysis configuration (dataset_type "text/csv")
        --dataset      the data set, CSV; a header row, or none when the configuration lists headers
        --predictions  the model's predicted labels, one row per data set row, with a header row; the column
                       is predicted_label, or the only one (without it, predicted_label is a data set column)
        --output       folder to write analysis.json into (created if missing)
        -h, --help     this help

      Exit codes: 0 done, 2 bad input (the reason on stderr), 1 unexpected failure.
      """;

  private static final Set<String> BIAS_OPTIONS = Set.of("--config", "--dataset", "--predictions", "--output");

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
      if (!args[0].equals("bias")) {
        throw new BadInput("unknown command '" + args[0] + "'; the command is bias (see --help)");
      }
      bias(options(args));
      return OK;
    } catch (BadInput | InvalidAnalysisConfigException e) {
      err.println("govflow-evaluate: " + e.getMessage());
      return BAD_INPUT;
    } catch (RuntimeException | IOException e) {
      err.println("govflow-evaluate: unexpected failure: " + e);
      return FAILED;
    }
  }

  private void bias(Map<String, String> options) throws IOException {
    AnalysisConfig config = AnalysisConfig.parse(read(options, "--config"));
    Table dataset = table("--dataset", () -> config.dataset(read(options, "--dataset")));
    Table predictions = options.containsKey("--predictions")
        ? table("--predictions", () -> Table.parse(read(options, "--predictions"))) : null;
    BiasInputs inputs = config.resolve(dataset, predictions);
    BiasReport pre = config.preTrainingMethods().isEmpty() ? null : BiasAnalysis.preTraining(inputs.table(),
        inputs.outcome(), inputs.facets(), inputs.groupVariable(), config.preTrainingMethods());
    BiasReport post = config.postTrainingMethods().isEmpty() ? null : BiasAnalysis.postTraining(inputs.table(),
        inputs.outcome(), inputs.predictedLabels(), inputs.facets(), inputs.groupVariable(),
        config.postTrainingMethods());
    BiasReport analysis = new BiasReport(BiasReport.VERSION, pre == null ? null : pre.preTrainingBiasMetrics(),
        post == null ? null : post.postTrainingBiasMetrics());
    Path output = Path.of(options.get("--output"));
    Files.createDirectories(output);
    Files.write(output.resolve("analysis.json"), EvidenceJson.write(analysis));
    out.println("wrote " + output.resolve("analysis.json"));
  }

  /** A table, or bad input naming the option whose file is not a readable table. */
  private static Table table(String option, Supplier<Table> reader) {
    try {
      return reader.get();
    } catch (TableFormatException e) {
      throw new BadInput(option + " " + e.getMessage());
    }
  }

  private static String read(Map<String, String> options, String option) {
    Path file = Path.of(options.get(option));
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInput(option + " " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInput(option + " " + file + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!BIAS_OPTIONS.contains(args[i])) {
        throw new BadInput("unknown option '" + args[i] + "'; bias takes " + BIAS_OPTIONS.stream().sorted().toList());
      }
      if (i + 1 == args.length || args[i + 1].startsWith("--")) {
        throw new BadInput(args[i] + " needs a value");
      }
      options.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--config", "--dataset", "--output")) {
      if (!options.containsKey(required)) {
        throw new BadInput("missing " + required + " (see --help)");
      }
    }
    return options;
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  /** Input the user can fix: reported in one line, exit code 2. */
  private static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }
}
