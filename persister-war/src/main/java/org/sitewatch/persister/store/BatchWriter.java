package org.sitewatch.persister.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.common.CheckResult;
import org.sitewatch.persister.jdbc.SqlErrors;
import org.sitewatch.persister.metrics.PersisterMetrics;
import org.sitewatch.persister.schema.SchemaState;
import org.sitewatch.support.retry.Backoff;

/**
 * Writes accepted results in batches, one transaction each, on a thread of its own. A batch that
 * fails is retried with backoff until it commits: results are never dropped, and the caller's stage
 * completes only after the commit. Only a result the database refuses by its content is given up on
 * (its stage fails with {@link RejectedResultException}); the rest of its batch is stored. A result
 * refused as a duplicate is never given up on: that is a bug in idempotent storage, not bad data.
 */
@ApplicationScoped
public class BatchWriter {

  private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());

  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration MAX_RETRY = Duration.ofSeconds(10);

  private record Pending(CheckResult result, CompletableFuture<Void> stored) {}

  @Inject ResultStore store;

  @Inject SchemaState schema;

  @Inject PersisterMetrics metrics;

  @Resource ManagedThreadFactory threadFactory;

  @Inject
  @ConfigProperty(name = "sitewatch.persister.batch.size", defaultValue = "5000")
  int batchSize;

  @Inject
  @ConfigProperty(name = "sitewatch.persister.batch.linger", defaultValue = "200ms")
  Duration linger;

  private Batcher<Pending> batcher;
  private Thread thread;

  /**
   * Completes the callers' stages, so that what they chain on a commit (acknowledging the message,
   * the connector then handing over and decoding more) overlaps the next batch's write instead of
   * holding up the writer thread.
   */
  private ExecutorService completions;

  private volatile boolean running;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong duplicateRefusals = new AtomicLong();
  private volatile Instant lastCommitAt;
  private volatile String lastError;

  @PostConstruct
  void start() {
    batcher = new Batcher<>(new BatchPolicy(batchSize, linger), System::nanoTime);
    running = true;
    completions = Executors.newSingleThreadExecutor(threadFactory);
    // A managed thread carries the application's context (JNDI, class loader, transactions).
    thread = threadFactory.newThread(this::run);
    thread.setName("sitewatch-batch-writer");
    thread.start();
  }

  /** Results not committed by now stay un-acknowledged, so Kafka delivers them again. */
  @PreDestroy
  void stop() {
    running = false;
    batcher.close();
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
      completions.shutdown();
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Queues {@code result} for the next batch. The stage completes once that batch committed, or
   * fails with {@link RejectedResultException} if the database refuses this result.
   */
  public CompletionStage<Void> submit(CheckResult result) {
    Pending pending = new Pending(result, new CompletableFuture<>());
    batcher.add(pending);
    return pending.stored();
  }

  public WriterStatus status() {
    return new WriterStatus(
        thread.isAlive(),
        batcher.size() + inFlight.get(),
        duplicateRefusals.get(),
        lastCommitAt,
        lastError);
  }

  private void run() {
    try {
      while (running) {
        List<Pending> batch = batcher.awaitBatch();
        if (!batch.isEmpty()) {
          inFlight.set(batch.size());
          schema.awaitMigrated();
          write(batch);
          inFlight.set(0);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A bug, not the database: the liveness check reports the dead thread.
      LOG.log(Level.SEVERE, "The batch writer stopped", e);
    }
  }

  /** Writes until the batch commits, or until its bad results are found and given up on. */
  private void write(List<Pending> batch) throws InterruptedException {
    Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    while (running) {
      try {
        long began = System.nanoTime();
        store.store(batch.stream().map(Pending::result).toList());
        metrics.committed(batch.size(), Duration.ofNanos(System.nanoTime() - began));
        committed(batch);
        return;
      } catch (RuntimeException e) {
        if (SqlErrors.isDataError(e)) {
          if (batch.size() == 1) {
            reject(batch.get(0), e);
          } else {
            writeHalves(batch);
          }
          return;
        }
        Duration delay = backoff.next();
        lastError = SqlErrors.describe(e);
        if (SqlErrors.isDuplicate(e)) {
          duplicateRefusals.incrementAndGet();
          LOG.log(
              Level.SEVERE,
              "BUG: the database refused {0,number,#} check results as duplicates: storing a"
                  + " result again must be a no-op. Not setting them aside; retrying in"
                  + " {1,number,#} ms: {2}",
              new Object[] {batch.size(), delay.toMillis(), lastError});
        } else {
          LOG.log(
              Level.WARNING,
              "Storing {0,number,#} check results failed, retrying in {1,number,#} ms: {2}",
              new Object[] {batch.size(), delay.toMillis(), lastError});
        }
        LOG.log(Level.FINE, "Store failure", e);
        Thread.sleep(delay.toMillis());
      }
    }
    throw new InterruptedException("stopping");
  }

  /**
   * Narrows down the results the database refuses by halving: a few bad results in a batch of
   * thousands cost a few dozen transactions, not one per result.
   */
  private void writeHalves(List<Pending> batch) throws InterruptedException {
    LOG.log(
        Level.WARNING,
        "The database refused a batch of {0,number,#} check results; storing it in halves",
        batch.size());
    int half = batch.size() / 2;
    write(batch.subList(0, half));
    write(batch.subList(half, batch.size()));
  }

  private void committed(List<Pending> batch) {
    lastCommitAt = Instant.now();
    lastError = null;
    completions.execute(
        () -> {
          for (Pending pending : batch) {
            pending.stored().complete(null);
          }
        });
  }

  private void reject(Pending pending, RuntimeException failure) {
    String reason = SqlErrors.describe(failure);
    LOG.log(
        Level.WARNING,
        "The database refused check result {0}: {1}",
        new Object[] {pending.result().id(), reason});
    completions.execute(
        () -> pending.stored().completeExceptionally(new RejectedResultException(reason, failure)));
  }
}
