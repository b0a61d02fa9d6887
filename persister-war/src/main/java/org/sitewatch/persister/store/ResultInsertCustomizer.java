package org.sitewatch.persister.store;

import java.util.stream.Collectors;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorCustomizer;
import org.sitewatch.persister.jdbc.BatchColumn;

/**
 * Replaces EclipseLink's insert of a {@link ResultEntity} with one that skips a result stored
 * before, so a redelivered result is a no-op, as in the array insert. The statement stays one shape
 * for every row, so EclipseLink's JDBC batch writing still batches it.
 */
public class ResultInsertCustomizer implements DescriptorCustomizer {

  /**
   * {@code #column} is EclipseLink's bound parameter for the entity's field of that column; each is
   * cast to its column's type so that a null, which the driver may send untyped, still fits.
   */
  static final String INSERT =
      "INSERT INTO check_result (%s) VALUES (%s) ON CONFLICT DO NOTHING"
          .formatted(
              BatchColumn.names(PostgresResultStore.resultColumns(result -> false)),
              PostgresResultStore.resultColumns(result -> false).stream()
                  .map(column -> "CAST(#" + column.name() + " AS " + column.type() + ")")
                  .collect(Collectors.joining(", ")));

  @Override
  public void customize(ClassDescriptor descriptor) {
    descriptor.getQueryManager().setInsertSQLString(INSERT);
  }
}
