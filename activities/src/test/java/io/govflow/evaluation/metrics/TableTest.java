package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void readsQuotedCellsAndInfersColumnTypesAsModelMonitor() {
    Table table = Table.parse("""
        id,score,purpose,note
        1,0.5,"radio, tv",?
        2,3,car,
        -3,1e2,"say ""hi"" twice",x
        """);

    assertThat(table.rowCount()).isEqualTo(3);
    assertThat(table.value(0, "purpose")).isEqualTo("radio, tv");
    assertThat(table.value(2, "purpose")).isEqualTo("say \"hi\" twice");
    assertThat(table.type("id")).isEqualTo(ColumnType.INTEGRAL);
    assertThat(table.type("score")).isEqualTo(ColumnType.FRACTIONAL);
    assertThat(table.type("purpose")).isEqualTo(ColumnType.STRING);
    assertThat(table.type("note")).isEqualTo(ColumnType.STRING);
    assertThat(Table.isMissing(table.value(0, "note"))).isTrue();
    assertThat(Table.isMissing(table.value(1, "note"))).isTrue();
  }

  @Test
  void missingValuesDoNotMakeANumericColumnAString() {
    Table table = Table.parse("a,b\n1,?\n,2.5\n3,\n");

    assertThat(table.type("a")).isEqualTo(ColumnType.INTEGRAL);
    assertThat(table.type("b")).isEqualTo(ColumnType.FRACTIONAL);
  }

  @Test
  void selectedRowsWriteBackAsTheSameValues() {
    Table table = Table.parse("a,b\nx,\"1,5\"\ny,2\nz,?\n");

    Table copy = Table.parse(table.select(List.of(2, 0)).toCsv());

    assertThat(copy.columns()).containsExactly("a", "b");
    assertThat(copy.column("a")).containsExactly("z", "x");
    assertThat(copy.column("b")).containsExactly("?", "1,5");
  }

  @Test
  void selectedRowsKeepTheTypesOfTheWholeTable() {
    Table table = Table.parse("a,b\n1.5,x\n2,3\n");

    Table second = table.select(List.of(1));

    assertThat(second.type("a")).isEqualTo(ColumnType.FRACTIONAL);
    assertThat(second.type("b")).isEqualTo(ColumnType.STRING);
  }

  @Test
  void rowOfTheWrongWidthIsRejectedWithItsNumber() {
    assertThatThrownBy(() -> Table.parse("a,b\n1,2\n3\n"))
        .isInstanceOf(TableFormatException.class)
        .hasMessageContaining("data row 2 has 1 values but the header names 2 columns");
  }

  @Test
  void duplicatedColumnIsRejected() {
    assertThatThrownBy(() -> Table.parse("a,a\n1,2\n"))
        .isInstanceOf(TableFormatException.class)
        .hasMessageContaining("'a' appears twice");
  }
}
