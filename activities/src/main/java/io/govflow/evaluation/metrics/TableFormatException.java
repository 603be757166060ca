package io.govflow.evaluation.metrics;

/** A CSV that cannot be read as a table: no header, a duplicated column, a row of the wrong width. */
public class TableFormatException extends RuntimeException {

  public TableFormatException(String message) {
    super(message);
  }

  public TableFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
