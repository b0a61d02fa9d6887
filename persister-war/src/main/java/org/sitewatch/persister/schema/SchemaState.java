package org.sitewatch.persister.schema;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Whether the schema migrations have succeeded since this application started. Reactive Messaging
 * delivers records before startup work has finished, so writers wait here before their first write.
 */
@ApplicationScoped
public class SchemaState {

  private final CountDownLatch migrated = new CountDownLatch(1);
  private volatile String version;
  private volatile String lastError;

  public void markMigrated(String schemaVersion) {
    version = schemaVersion;
    lastError = null;
    migrated.countDown();
  }

  public void markFailed(String error) {
    lastError = error;
  }

  public boolean isMigrated() {
    return migrated.getCount() == 0;
  }

  /** Blocks until the migrations have succeeded. */
  public void awaitMigrated() throws InterruptedException {
    migrated.await();
  }

  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** Why the last migration attempt failed, while none has succeeded yet. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }
}
