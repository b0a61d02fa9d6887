package org.sitewatch.persister.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.persister.jdbc.BatchColumn;

class ResultEntityTest {

  private static final Instant T = Instant.parse("2026-03-01T12:00:00.123456Z");

  /** Every field set, most to a value other than its type's default. */
  private static final CheckResult RESULT =
      new CheckResult(
              UUID.randomUUID(),
              "site-a",
              "https://a.example/health",
              T,
              Duration.ofNanos(12_345_000),
              503,
              Boolean.FALSE,
              Outcome.down(Reason.HTTP_STATUS, "HTTP 503"),
              2,
              41,
              Map.of("team", "web"),
              T.minusMillis(7))
          .probedBy("checker-1", "eu");

  @Test
  void holdsEachColumnOfTheArrayInsertWithTheSameValue() throws IllegalAccessException {
    ResultEntity entity = new ResultEntity(RESULT, true);
    Map<String, Field> fields =
        Arrays.stream(ResultEntity.class.getDeclaredFields())
            .filter(field -> !Modifier.isStatic(field.getModifiers()))
            .collect(Collectors.toMap(ResultEntityTest::columnName, field -> field));
    List<BatchColumn<CheckResult>> columns = PostgresResultStore.resultColumns(result -> true);

    assertEquals(
        columns.stream().map(BatchColumn::name).sorted().toList(),
        fields.keySet().stream().sorted().toList(),
        "the entity maps exactly the array insert's columns");
    for (BatchColumn<CheckResult> column : columns) {
      Field field = fields.get(column.name());
      field.setAccessible(true);
      assertEquals(column.value().apply(RESULT), field.get(entity), column.name());
    }
  }

  @Test
  void itsInsertNamesEveryColumnOnceAndSkipsAResultStoredBefore() {
    for (BatchColumn<CheckResult> column : PostgresResultStore.resultColumns(result -> true)) {
      String parameter = "CAST(#" + column.name() + " AS " + column.type() + ")";
      assertEquals(
          1,
          ResultInsertCustomizer.INSERT.split(Pattern.quote(parameter), -1).length - 1,
          "one " + parameter + " in " + ResultInsertCustomizer.INSERT);
    }
    assertTrue(
        ResultInsertCustomizer.INSERT.endsWith(" ON CONFLICT DO NOTHING"),
        "a redelivered result is skipped: " + ResultInsertCustomizer.INSERT);
  }

  /** The name the customized insert refers to it by: given, since a default would differ. */
  private static String columnName(Field field) {
    Column column = field.getAnnotation(Column.class);
    assertNotNull(column, field.getName() + " names its column");
    return column.name();
  }
}
