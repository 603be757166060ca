package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvStreamTest {

  @Test
  void readsQuotedCellsLineEndsAndBlankLinesAsTableDoes() {
    String csv = "id, note ,purpose\r\n"
        + "1,\"radio, tv\",\"say \"\"hi\"\"\"\r\n"
        + "\r\n"
        + "2,\"two\nlines\", car \r"
        + "3,\u2003x\u2003,?\n"
        + "4,,\"\"";

    List<List<String>> rows = rows(csv);

    assertThat(rows).containsExactly(
        List.of("id", "note", "purpose"),
        List.of("1", "radio, tv", "say \"hi\""),
        List.of("2", "two\nlines", "car"),
        List.of("3", "x", "?"),
        List.of("4", "", ""));
    Table table = Table.parse(csv.replace("\r\n", "\n").replace(" \r", " \n"));
    assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(1))
        .containsExactlyElementsOf(table.column("note"));
  }

  @Test
  void rowsLongerThanTheBufferAndSplitAcrossReadsComeWhole() {
    String wide = "v".repeat(600_000);
    StringBuilder csv = new StringBuilder("a,b\n");
    for (int row = 0; row < 50_000; row++) {
      csv.append(row).append(",\"x\"\"").append(row).append("\"\n");
    }
    csv.append("last,").append(wide).append('\n');

    List<List<String>> rows = rows(csv.toString());

    assertThat(rows).hasSize(50_002);
    assertThat(rows.get(31_337)).containsExactly("31336", "x\"31336");
    assertThat(rows.get(50_001)).containsExactly("last", wide);
  }

  @Test
  void rowOfTheWrongWidthIsRejectedWithItsNumber() {
    assertThatThrownBy(() -> rows("a,b\n1,2\n\n3\n"))
        .isInstanceOf(TableFormatException.class)
        .hasMessageContaining("data row 2 has 1 values but the header names 2 columns");
  }

  @Test
  void emptyInputDuplicatedColumnAndUnclosedQuoteAreRejected() {
    assertThatThrownBy(() -> rows("\n\n")).isInstanceOf(TableFormatException.class)
        .hasMessageContaining("the CSV is empty");
    assertThatThrownBy(() -> rows("a,a\n1,2\n")).isInstanceOf(TableFormatException.class)
        .hasMessageContaining("'a' appears twice");
    assertThatThrownBy(() -> rows("a,b\n1,\"2\n")).isInstanceOf(TableFormatException.class)
        .hasMessageContaining("data row 1: a quoted value is not closed");
  }

  /** The header, then every data row, each cell as a string. */
  private static List<List<String>> rows(String csv) {
    List<List<String>> rows = new ArrayList<>();
    try (CsvStream stream = new CsvStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
      rows.add(stream.header());
      while (stream.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < stream.header().size(); c++) {
          row.add(new String(stream.bytes(), stream.start(c), stream.end(c) - stream.start(c),
              StandardCharsets.UTF_8));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
