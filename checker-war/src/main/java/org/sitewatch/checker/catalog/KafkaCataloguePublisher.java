package org.sitewatch.checker.catalog;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.sitewatch.checker.group.CheckerIdentity;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import org.sitewatch.support.kafka.ConnectorClientConfig;
import org.sitewatch.support.kafka.KafkaTls;
import org.sitewatch.support.retry.Backoff;
import org.sitewatch.support.tls.TlsFailures;

/**
 * Publishes the site catalogue through the {@code site-catalog} channel: one record per site keyed
 * by its id, its value the {@link SiteDefinitionCodec} encoding, and a tombstone (null value) for a
 * site that left the sites file. The topic is compacted, so it converges on one record per site.
 *
 * <p>One thread does all the work, so that neither probes nor the reload wait on Kafka: at first it
 * creates the topic or reads what it holds (sites removed while the checker was down are retired
 * from there), then it writes what differs from the wanted sites and waits until Kafka acknowledged
 * every record. A failure is logged, shown on readiness, and the round is tried again with backoff
 * until Kafka takes it; meanwhile the latest wanted sites replace older ones. Between rounds it
 * follows what other checkers write: each record names its writer, and a sites file that differs
 * from another checker's is logged and shown on readiness.
 *
 * <p>Over 300 lines: the rounds, their retries and the following share the one thread and what it
 * knows of the topic.
 */
@ApplicationScoped
public class KafkaCataloguePublisher implements CataloguePublisher, CatalogueStats {

  /** Records handed to the channel and not yet acknowledged, at most: the emitter's buffer. */
  static final int IN_FLIGHT = 256;

  private static final Logger LOG = Logger.getLogger(KafkaCataloguePublisher.class.getName());
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

  /** Longer than the channel's delivery.timeout.ms, after which Kafka refuses a record itself. */
  private static final Duration ACK_WAIT = Duration.ofMinutes(2);

  /** How often, between rounds, the topic is read for what other checkers wrote. */
  private static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);

  @Inject
  @Channel("site-catalog")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = IN_FLIGHT)
  Emitter<ProducerRecord<String, byte[]>> emitter;

  @Inject
  @ConfigProperty(name = "sitewatch.catalog.topic")
  String topicName;

  /** Absent: the broker's default.replication.factor, as for the persister's topics. */
  @Inject
  @ConfigProperty(name = "sitewatch.kafka.topic.replication-factor")
  Optional<Short> replicationFactor;

  @Inject Config config;
  @Inject CheckerIdentity identity;
  @Resource ManagedThreadFactory threads;

  private KafkaCatalogueTopic topic;
  private KafkaCatalogueTopic.Follower follower;
  private CatalogueDifferences differences;
  private final AtomicReference<String> differing = new AtomicReference<>();
  private Thread worker;
  private volatile boolean stopping;

  /** What the topic holds, as Kafka acknowledged it; null until the topic was read. */
  private volatile Map<String, ByteBuffer> published;

  private final Object wantedLock = new Object();
  private List<Site> wanted;
  private long wantedVersion;

  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  /** The worker starts with the bean: the first {@link #publish} finds it waiting. */
  @PostConstruct
  void start() {
    Map<String, Object> client =
        ConnectorClientConfig.of(config, "sitewatch-checker-catalogue", TOPIC_TIMEOUT);
    topic = new KafkaCatalogueTopic(topicName, client, replicationFactor, TOPIC_TIMEOUT);
    differences = new CatalogueDifferences(identity.id());
    worker = threads.newThread(this::work);
    worker.start();
  }

  @PreDestroy
  void stop() {
    stopping = true;
    worker.interrupt();
  }

  @Override
  public void publish(List<Site> sites) {
    synchronized (wantedLock) {
      wanted = List.copyOf(sites);
      wantedVersion++;
      wantedLock.notifyAll();
    }
  }

  @Override
  public int publishedCount() {
    Map<String, ByteBuffer> now = published;
    return now == null ? 0 : now.size();
  }

  @Override
  public int pendingCount() {
    return pending.get();
  }

  @Override
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError.get());
  }

  @Override
  public Optional<String> sitesFileDiffers() {
    return Optional.ofNullable(differing.get());
  }

  private void work() {
    long done = 0;
    Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    try {
      while (!stopping) {
        Wanted next = awaitWanted(done);
        try {
          follow();
          if (next == null) {
            continue;
          }
          publishRound(next.sites());
          done = next.version();
          backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
          if (lastError.getAndSet(null) != null) {
            LOG.log(Level.INFO, "The site catalogue is published again: {0}", summary());
          }
        } catch (ExecutionException | RuntimeException e) {
          Duration delay = backoff.next();
          String reason = describe(e);
          lastError.set(reason);
          LOG.log(
              Level.WARNING,
              "Publishing the site catalogue to {0} failed, retrying in {1,number,#} s: {2}",
              new Object[] {topicName, delay.toSeconds(), reason});
          Thread.sleep(delay.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (follower != null) {
        follower.close();
      }
    }
  }

  /** Reads what was written since, other checkers' records included, and says what differs. */
  private void follow() {
    if (follower == null) {
      return;
    }
    // Only told apart, not taken in: what this checker publishes stays what its own file says.
    for (KafkaCatalogueTopic.Written written : follower.poll(Duration.ZERO)) {
      differences.written(written.key(), written.value(), written.writer());
    }
    String now = differences.summary().orElse(null);
    String before = differing.getAndSet(now);
    if (now != null && !now.equals(before)) {
      LOG.log(
          Level.WARNING,
          "This checker''s ({0}) sites file differs from another checker''s: every checker that"
              + " shares sites must run the same one. {1}",
          new Object[] {identity.id(), now});
    } else if (now == null && before != null) {
      LOG.log(Level.INFO, "The sites file agrees with the other checkers'' again");
    }
  }

  /** The sites wanted at a version of {@link #publish}. */
  private record Wanted(List<Site> sites, long version) {}

  /**
   * Waits for wanted sites newer than the version done; after a failure, returns them at once. Null
   * when {@link #FOLLOW_EVERY} passed first.
   */
  private Wanted awaitWanted(long done) throws InterruptedException {
    synchronized (wantedLock) {
      if (wanted == null || (wantedVersion == done && lastError.get() == null)) {
        wantedLock.wait(FOLLOW_EVERY.toMillis());
      }
      if (wanted == null || (wantedVersion == done && lastError.get() == null)) {
        return null;
      }
      return new Wanted(wanted, wantedVersion);
    }
  }

  private void publishRound(List<Site> sites) throws InterruptedException, ExecutionException {
    if (published == null) {
      KafkaCatalogueTopic.Contents contents =
          topic.createOrRead(
              written -> differences.written(written.key(), written.value(), written.writer()));
      follower = contents.follower();
      published = new ConcurrentHashMap<>(contents.latest());
    }
    Map<String, ByteBuffer> want = new LinkedHashMap<>();
    for (Site site : sites) {
      want.put(site.id(), ByteBuffer.wrap(SiteDefinitionCodec.encode(SiteDefinitions.of(site))));
    }
    differences.want(want);
    List<CatalogueChanges.Change> changes = CatalogueChanges.between(published, want);
    if (changes.isEmpty()) {
      return;
    }
    pending.set(changes.size());
    CountDownLatch acknowledged = new CountDownLatch(changes.size());
    AtomicReference<Throwable> refused = new AtomicReference<>();
    for (CatalogueChanges.Change change : changes) {
      inFlight.acquire();
      send(change, acknowledged, refused);
    }
    if (!acknowledged.await(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          acknowledged.getCount()
              + " records not acknowledged within "
              + ACK_WAIT.toSeconds()
              + " s");
    }
    if (refused.get() != null) {
      throw new ExecutionException(refused.get());
    }
    LOG.log(
        Level.INFO,
        "Published the site catalogue to {0}: {1} records; {2}",
        new Object[] {topicName, changes.size(), summary()});
  }

  private void send(
      CatalogueChanges.Change change,
      CountDownLatch acknowledged,
      AtomicReference<Throwable> refused) {
    byte[] value = change.value().map(ByteBuffer::array).orElse(null);
    Runnable settled =
        () -> {
          inFlight.release();
          acknowledged.countDown();
        };
    try {
      emitter.send(
          Message.of(
              new ProducerRecord<>(
                  topicName,
                  null,
                  change.key(),
                  value,
                  List.of(
                      new RecordHeader(
                          KafkaCatalogueTopic.WRITER_HEADER,
                          identity.id().getBytes(StandardCharsets.UTF_8)))),
              () -> {
                if (change.value().isPresent()) {
                  published.put(change.key(), change.value().get());
                } else {
                  published.remove(change.key());
                }
                pending.decrementAndGet();
                settled.run();
                return CompletableFuture.completedFuture(null);
              },
              failure -> {
                refused.compareAndSet(null, failure);
                settled.run();
                return CompletableFuture.completedFuture(null);
              }));
    } catch (RuntimeException e) {
      refused.compareAndSet(null, e);
      settled.run();
    }
  }

  private String summary() {
    return "published " + publishedCount() + " sites, " + pendingCount() + " pending";
  }

  private static String describe(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return TlsFailures.explain(cause, KafkaTls.fromEnvironment().failureSettings())
        .orElse(cause.toString());
  }
}
