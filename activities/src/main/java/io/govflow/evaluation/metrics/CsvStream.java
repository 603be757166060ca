package io.govflow.evaluation.metrics;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV file read row by row straight from its bytes, for data too large to hold as a {@link Table}: after
 * {@link #next()}, cell {@code i} of the row is {@code bytes()[start(i), end(i))}, stripped of surrounding
 * whitespace, in a buffer reused for every row, so reading allocates nothing per row or cell. Rows are read as
 * {@link Table#read} reads them: the first line names the columns, a blank line is skipped, every row has one value
 * per column; a quoted cell may hold separators, line breaks and doubled quotes (RFC 4180); a line ends at LF, CR
 * or CRLF.
 */
final class CsvStream implements Closeable {

  private static final int INITIAL_BUFFER = 1 << 18;

  private final InputStream in;
  /** Input bytes; {@code [rowStart, limit)} is read but not yet handed out, {@code position} the next to scan. */
  private byte[] buffer = new byte[INITIAL_BUFFER];
  private int rowStart;
  private int position;
  private int limit;
  private boolean endOfInput;
  private boolean afterCarriageReturn;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int cells;
  private final List<String> header;
  private long dataRows;

  CsvStream(InputStream in) {
    this.in = in;
    if (!readRecord()) {
      throw new TableFormatException("the CSV is empty: the first line must be a header naming the columns");
    }
    List<String> names = new ArrayList<>(cells);
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < cells; c++) {
      String name = new String(buffer, starts[c], ends[c] - starts[c], StandardCharsets.UTF_8);
      if (!seen.add(name)) {
        throw new TableFormatException("column '" + name + "' appears twice in the header");
      }
      names.add(name);
    }
    header = List.copyOf(names);
  }

  List<String> header() {
    return header;
  }

  /** Reads the next data row; false at the end of the input. */
  boolean next() {
    if (!readRecord()) {
      return false;
    }
    dataRows++;
    if (cells != header.size()) {
      throw new TableFormatException("data row " + dataRows + " has " + cells + " values but the header names "
          + header.size() + " columns");
    }
    return true;
  }

  byte[] bytes() {
    return buffer;
  }

  int start(int cell) {
    return starts[cell];
  }

  int end(int cell) {
    return ends[cell];
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the CSV input", e);
    }
  }

  /** Reads the next record that is not blank; false if the input has none. */
  private boolean readRecord() {
    while (true) {
      cells = 0;
      rowStart = position;
      if (afterCarriageReturn && available() && buffer[position] == '\n') {
        position++;
        rowStart = position;
      }
      afterCarriageReturn = false;
      if (!available()) {
        return false;
      }
      readCells();
      boolean blank = cells == 1 && starts[0] == ends[0];
      if (!blank) {
        return true;
      }
    }
  }

  /**
   * Scans one record in place: an unquoted cell is a range of the buffer as it is; a quoted one is unescaped in
   * place (a doubled quote becomes one), which only ever shortens it.
   */
  private void readCells() {
    int cellStart = position;
    int write = position;
    boolean quoted = false;
    while (true) {
      if (position == limit) {
        int shift = refill();
        cellStart -= shift;
        write -= shift;
        if (position == limit) {
          if (quoted) {
            throw new TableFormatException("unreadable CSV at data row " + (dataRows + 1)
                + ": a quoted value is not closed before the end of the file");
          }
          endCell(cellStart, write);
          return;
        }
      }
      if (!quoted) {
        int run = ordinaryRun();
        if (write != position) {
          System.arraycopy(buffer, position, buffer, write, run - position);
        }
        write += run - position;
        position = run;
        if (position == limit) {
          continue;
        }
      }
      byte b = buffer[position++];
      if (quoted) {
        if (b != '"') {
          buffer[write++] = b;
          continue;
        }
        if (position == limit) {
          int shift = refill();
          cellStart -= shift;
          write -= shift;
        }
        if (position < limit && buffer[position] == '"') {
          buffer[write++] = b;
          position++;
        } else {
          quoted = false;
        }
      } else if (b == ',') {
        endCell(cellStart, write);
        cellStart = position;
        write = position;
      } else if (b == '\n' || b == '\r') {
        endCell(cellStart, write);
        afterCarriageReturn = b == '\r';
        return;
      } else {
        quoted = true;
      }
    }
  }

  /** Where the run of bytes from {@code position} that are not a separator, line end or quote ends. */
  private int ordinaryRun() {
    int i = position;
    while (i < limit) {
      byte b = buffer[i];
      if (b == ',' || b == '"' || b == '\n' || b == '\r') {
        return i;
      }
      i++;
    }
    return i;
  }

  private boolean available() {
    if (position == limit) {
      refill();
    }
    return position < limit;
  }

  /**
   * Moves the unfinished record to the front of the buffer (growing it if the record fills it) and reads more
   * input after it; returns how far positions moved back.
   */
  private int refill() {
    if (endOfInput) {
      return 0;
    }
    int shift = rowStart;
    if (shift > 0) {
      System.arraycopy(buffer, rowStart, buffer, 0, limit - rowStart);
      for (int c = 0; c < cells; c++) {
        starts[c] -= shift;
        ends[c] -= shift;
      }
      rowStart = 0;
      position -= shift;
      limit -= shift;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    try {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        endOfInput = true;
      } else {
        limit += read;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CSV input", e);
    }
    return shift;
  }

  /** Ends the cell {@code [from, to)}, stripped as {@link String#strip()} strips. */
  private void endCell(int from, int to) {
    int first = from;
    while (from < to && isAsciiWhitespace(buffer[from])) {
      from++;
    }
    while (to > from && isAsciiWhitespace(buffer[to - 1])) {
      to--;
    }
    if (from < to && (buffer[from] < 0 || buffer[to - 1] < 0)) {
      // Non-ASCII at an edge may be Unicode whitespace: let String decide, as Table does.
      byte[] stripped = new String(buffer, from, to - from, StandardCharsets.UTF_8).strip()
          .getBytes(StandardCharsets.UTF_8);
      System.arraycopy(stripped, 0, buffer, first, stripped.length);
      from = first;
      to = first + stripped.length;
    }
    if (cells == starts.length) {
      starts = Arrays.copyOf(starts, cells * 2);
      ends = Arrays.copyOf(ends, cells * 2);
    }
    starts[cells] = from;
    ends[cells] = to;
    cells++;
  }

  private static boolean isAsciiWhitespace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1c && b <= 0x1f);
  }
}
