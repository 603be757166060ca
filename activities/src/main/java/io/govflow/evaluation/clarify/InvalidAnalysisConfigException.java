package io.govflow.evaluation.clarify;

/**
 * An analysis configuration that cannot be run: the message starts with the field at fault, in the configuration's
 * own words ({@code facet[0].name_or_index}), then says what is wrong and how to fix it.
 */
public class InvalidAnalysisConfigException extends RuntimeException {

  private final String field;

  public InvalidAnalysisConfigException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
