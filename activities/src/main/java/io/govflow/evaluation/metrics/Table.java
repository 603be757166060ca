package io.govflow.evaluation.metrics;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CSV data set in memory: a header row naming the columns, then one string cell per column and row. An empty cell
 * or {@code ?} (the ARFF convention the sample data keeps) is a missing value. Column types are inferred once, as
 * Model Monitor infers them.
 */
public final class Table {

  private final List<String> columns;
  private final List<String[]> rows;
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final Map<String, ColumnType> types = new HashMap<>();

  private Table(List<String> columns, List<String[]> rows, Map<String, ColumnType> knownTypes) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
    for (int c = 0; c < columns.size(); c++) {
      if (indexOf.put(columns.get(c), c) != null) {
        throw new TableFormatException("column '" + columns.get(c) + "' appears twice in the header");
      }
    }
    for (int c = 0; c < columns.size(); c++) {
      ColumnType known = knownTypes == null ? null : knownTypes.get(columns.get(c));
      types.put(columns.get(c), known != null ? known : inferType(rows, c));
    }
  }

  public static Table read(Reader reader) {
    List<String[]> records;
    try (CSVReader csv = new CSVReaderBuilder(reader).build()) {
      records = csv.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CSV", e);
    } catch (CsvException e) {
      throw new TableFormatException("unreadable CSV at line " + e.getLineNumber() + ": " + e.getMessage(), e);
    }
    List<String[]> nonBlank = records.stream().filter(r -> !(r.length == 1 && r[0].isBlank())).toList();
    if (nonBlank.isEmpty()) {
      throw new TableFormatException("the CSV is empty: the first line must be a header naming the columns");
    }
    List<String> header = List.of(strip(nonBlank.get(0)));
    List<String[]> rows = new ArrayList<>(nonBlank.size() - 1);
    for (int r = 1; r < nonBlank.size(); r++) {
      String[] row = strip(nonBlank.get(r));
      if (row.length != header.size()) {
        throw new TableFormatException("data row " + r + " has " + row.length + " values but the header names "
            + header.size() + " columns");
      }
      rows.add(row);
    }
    return new Table(header, rows, null);
  }

  /**
   * A table of rows built in memory, one value per column each, in column order. A column of {@code knownTypes}
   * keeps that type (rows read back as a baseline typed them, with no pass over their values); the others are
   * inferred as on reading.
   */
  public static Table of(List<String> columns, List<String[]> rows, Map<String, ColumnType> knownTypes) {
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).length != columns.size()) {
        throw new TableFormatException("row " + (r + 1) + " has " + rows.get(r).length + " values but there are "
            + columns.size() + " columns");
      }
    }
    return new Table(columns, List.copyOf(rows), knownTypes);
  }

  public static Table parse(String csv) {
    return read(new StringReader(csv));
  }

  public static Table parse(byte[] csv) {
    return parse(new String(csv, StandardCharsets.UTF_8));
  }

  /** The values of {@code columns} in {@code row} (column to value) as one CSV line, each quoted where it needs it. */
  public static String csvLine(Map<String, String> row, List<String> columns) {
    return columns.stream().map(column -> csvField(row.get(column))).collect(Collectors.joining(","));
  }

  /** One CSV field, quoted where the value needs it. */
  public static String csvField(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  public static boolean isMissing(String value) {
    return value == null || value.isEmpty() || value.equals("?");
  }

  public List<String> columns() {
    return columns;
  }

  public int rowCount() {
    return rows.size();
  }

  public boolean hasColumn(String column) {
    return indexOf.containsKey(column);
  }

  public ColumnType type(String column) {
    return types.get(requireColumn(column));
  }

  public String value(int row, String column) {
    return rows.get(row)[indexOf.get(requireColumn(column))];
  }

  /** The values of one column, in row order. */
  public List<String> column(String column) {
    int c = indexOf.get(requireColumn(column));
    return rows.stream().map(row -> row[c]).toList();
  }

  /** One row as column → value, in header order: the shape a model endpoint receives. */
  public Map<String, String> row(int row) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      values.put(columns.get(c), rows.get(row)[c]);
    }
    return Collections.unmodifiableMap(values);
  }

  /** The table of the given rows, in the given order; columns keep the types inferred from all rows. */
  public Table select(List<Integer> rowIndices) {
    return new Table(columns, rowIndices.stream().map(rows::get).toList(), types);
  }

  /** The table without one column, such as a predicted label that must not count as a feature; types are kept. */
  public Table without(String column) {
    int dropped = indexOf.get(requireColumn(column));
    List<String> kept = new ArrayList<>(columns);
    kept.remove(dropped);
    List<String[]> keptRows = rows.stream().map(row -> {
      String[] cells = new String[row.length - 1];
      System.arraycopy(row, 0, cells, 0, dropped);
      System.arraycopy(row, dropped + 1, cells, dropped, row.length - dropped - 1);
      return cells;
    }).toList();
    return new Table(kept, keptRows, types);
  }

  /** The table as CSV, quoting only the cells that need it, so values read back exactly as they are. */
  public byte[] toCsv() {
    return toCsv(true);
  }

  /** The rows alone as CSV, without the header row: how SageMaker's containers are usually fed. */
  public byte[] toHeaderlessCsv() {
    return toCsv(false);
  }

  /** The table with one more column, last, holding {@code values} (one per row), such as predicted labels. */
  public Table withColumn(String column, List<String> values) {
    if (values.size() != rows.size()) {
      throw new IllegalArgumentException(values.size() + " values for a table of " + rows.size() + " rows");
    }
    List<String> extended = new ArrayList<>(columns);
    extended.add(column);
    List<String[]> extendedRows = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      String[] cells = Arrays.copyOf(rows.get(r), columns.size() + 1);
      cells[columns.size()] = values.get(r);
      extendedRows.add(cells);
    }
    Map<String, ColumnType> knownTypes = new HashMap<>(types);
    knownTypes.put(column, inferType(extendedRows, columns.size()));
    return new Table(extended, extendedRows, knownTypes);
  }

  private byte[] toCsv(boolean withHeader) {
    StringWriter out = new StringWriter();
    try (CSVWriter csv = new CSVWriter(out, CSVWriter.DEFAULT_SEPARATOR, CSVWriter.DEFAULT_QUOTE_CHARACTER,
        CSVWriter.DEFAULT_ESCAPE_CHARACTER, "\n")) {
      if (withHeader) {
        csv.writeNext(columns.toArray(String[]::new), false);
      }
      rows.forEach(row -> csv.writeNext(row, false));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write CSV", e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String requireColumn(String column) {
    if (!indexOf.containsKey(column)) {
      throw new IllegalArgumentException("no column '" + column + "'; the columns are " + columns);
    }
    return column;
  }

  private static ColumnType inferType(List<String[]> rows, int c) {
    ColumnType type = null;
    for (String[] row : rows) {
      if (!isMissing(row[c])) {
        ColumnType valueType = ColumnType.of(row[c]);
        type = type == null ? valueType : type.widen(valueType);
      }
    }
    return type == null ? ColumnType.STRING : type;
  }

  private static String[] strip(String[] values) {
    String[] stripped = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      stripped[i] = values[i].strip();
    }
    return stripped;
  }
}
