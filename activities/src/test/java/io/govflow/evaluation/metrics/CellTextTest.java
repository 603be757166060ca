package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How one cell's text is typed ({@link ColumnType#of}) and read as a number ({@link NumberText}). */
class CellTextTest {

  /** Model Monitor's patterns as regular expressions: the specification the byte scan must match. */
  static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  static final List<String> CASES = List.of("0", "-0", "+7", "42", "007", "1.", ".5", "-.5", "1.5", "1e5", "1E-5",
      "2.5e+10", "1e", "e5", ".", "-", "+", "1.2.3", "1,5", "--1", "1-", "NaN", "Infinity", "0x1F", "1d", "1f",
      "١٢", "12a", "a12", " 1", "1e5.5", "+.e1", "9007199254740993", "123456789012345678901234567890");

  @Test
  void scanTypesEveryValueAsModelMonitorsPatternsDo() {
    for (String value : CASES) {
      ColumnType expected = INTEGER.matcher(value).matches() ? ColumnType.INTEGRAL
          : DECIMAL.matcher(value).matches() ? ColumnType.FRACTIONAL
          : ColumnType.STRING;
      assertThat(ColumnType.of(value)).as(value).isEqualTo(expected);
    }
  }

  @Test
  void numbersReadExactlyAsDoubleParseDoubleReadsThem() {
    List<String> numbers = new ArrayList<>(CASES.stream().filter(v -> ColumnType.of(v).isNumeric()).toList());
    numbers.addAll(List.of("0.1", "0.3", "1e22", "1e23", "4.9e-324", "1.7976931348623157e308", "1e400", "-0.0",
        "123456789.123456789", "0.000000000000000000001234", "99999999999999999999"));
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 13));
      numbers.add(String.format(Locale.ROOT, "%." + random.nextInt(0, 18) + "f", value));
      numbers.add(Double.toString(value));
      numbers.add(Long.toString(random.nextLong()));
    }

    for (String number : numbers) {
      byte[] bytes = ("x" + number + "y").getBytes(StandardCharsets.US_ASCII);
      assertThat(Double.doubleToRawLongBits(NumberText.parse(bytes, 1, bytes.length - 1))).as(number)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number)));
    }
  }
}
