package org.sitewatch.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded Kafka and PostgreSQL of one run. They may start concurrently (it saves seconds:
 * PostgreSQL mostly waits on its own processes while Kafka loads classes) and always stop in a
 * fixed order: Kafka first, then PostgreSQL.
 *
 * <p>Safe to close from a shutdown hook while a start (or stop) is in progress: {@link #close()}
 * waits for running starts to finish, stops what they started, and no start begins afterwards.
 * Either may also be stopped and started again in between (the test harness's fault injection), on
 * the data it had.
 *
 * <p>Data layout under the data directory: {@code kafka/} and {@code postgres/}. {@code clean}
 * deletes only these two, never the data directory itself (it may be one a user typed).
 */
public final class EmbeddedInfra implements AutoCloseable {

  /** Starts share the read side; close takes the write side, so it waits for them. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  private volatile EmbeddedKafka kafka;
  private volatile EmbeddedPostgres postgres;
  private volatile boolean closed;

  /** The PKI of the TLS mode; null for plain Kafka and PostgreSQL. */
  private final LoopbackPki tls;

  EmbeddedInfra() {
    this(null);
  }

  EmbeddedInfra(LoopbackPki tls) {
    this.tls = tls;
  }

  public EmbeddedKafka startKafka(int port, int controllerPort, Path dataDir, boolean clean)
      throws IOException {
    lock.readLock().lock();
    try {
      requireOpen();
      if (kafka != null) {
        throw new IllegalStateException("Kafka is already running");
      }
      kafka = EmbeddedKafka.start(port, controllerPort, dataDir.resolve("kafka"), clean, tls);
      return kafka;
    } finally {
      lock.readLock().unlock();
    }
  }

  public EmbeddedPostgres startPostgres(
      int port, Path dataDir, boolean clean, String ownerPassword, String appPassword)
      throws IOException, SQLException {
    lock.readLock().lock();
    try {
      requireOpen();
      if (postgres != null) {
        throw new IllegalStateException("PostgreSQL is already running");
      }
      postgres =
          EmbeddedPostgres.start(
              port, dataDir.resolve("postgres"), clean, ownerPassword, appPassword, tls);
      return postgres;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Stops Kafka now, leaving its data for a later {@link #startKafka} (with {@code clean} false).
   * Stop and start are not meant to race each other; their caller runs one at a time.
   *
   * @return false if Kafka was not running
   */
  public boolean stopKafka() {
    lock.readLock().lock();
    try {
      EmbeddedKafka k = kafka;
      kafka = null;
      if (k == null) {
        return false;
      }
      k.close();
      return true;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Like {@link #stopKafka()}, for PostgreSQL. */
  public boolean stopPostgres() {
    lock.readLock().lock();
    try {
      EmbeddedPostgres pg = postgres;
      postgres = null;
      if (pg == null) {
        return false;
      }
      pg.close();
      return true;
    } finally {
      lock.readLock().unlock();
    }
  }

  public Optional<EmbeddedKafka> kafka() {
    return Optional.ofNullable(kafka);
  }

  public Optional<EmbeddedPostgres> postgres() {
    return Optional.ofNullable(postgres);
  }

  /** Whether shutdown has begun; a start that fails because of it is no error worth reporting. */
  boolean isClosed() {
    return closed;
  }

  /** Marks shutdown as begun (no new start), without waiting for a start in progress. */
  void beginClose() {
    closed = true;
  }

  @Override
  public void close() {
    closed = true;
    lock.writeLock().lock();
    try {
      EmbeddedKafka k = kafka;
      kafka = null;
      if (k != null) {
        k.close();
      }
      EmbeddedPostgres pg = postgres;
      postgres = null;
      if (pg != null) {
        pg.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("shutting down");
    }
  }
}
