package org.sitewatch.persister.notify;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sitewatch.persister.metrics.PersisterMetrics;
import org.sitewatch.persister.schema.SchemaState;

/**
 * Drains the outbox: every poll interval it claims the due notifications, plans them into messages
 * (digests when many are due for one channel) and hands each channel's messages to a managed
 * executor, one channel at a time, so a slow channel holds up only itself and ingestion never
 * waits. A message that fails is retried with backoff for the retry period, then FAILED.
 */
@ApplicationScoped
public class NotificationSender {

  private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());

  static final int CLAIM_LIMIT = 1000;

  private static final Duration BACKLOG_EVERY = Duration.ofSeconds(5);

  @Inject Outbox outbox;

  @Inject Channels channels;

  @Inject ChannelHealth health;

  @Inject OutboxBacklog backlog;

  @Inject AlertSettings settings;

  @Inject SchemaState schema;

  @Inject PersisterMetrics metrics;

  @Resource ManagedThreadFactory threadFactory;

  @Resource ManagedExecutorService executor;

  /** Channels with messages on their way: not claimed for again until those are settled. */
  private final Set<String> busy = ConcurrentHashMap.newKeySet();

  private SendBudget budget;
  private RetrySchedule retries;
  private Thread thread;
  private volatile boolean running;
  private String lastPollError;

  void start(@Observes Startup startup) {
    running = true;
    thread = threadFactory.newThread(this::run);
    thread.setName("sitewatch-notification-sender");
    thread.start();
  }

  /** Claims not settled by now run out with their lease and are sent again, here or elsewhere. */
  @PreDestroy
  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public boolean running() {
    return thread != null && thread.isAlive();
  }

  private void run() {
    budget = new SendBudget(settings.digestAfter(), settings.digestWindow(), System::nanoTime);
    retries = new RetrySchedule(settings.retryPeriod(), settings.retryMaxDelay());
    try {
      schema.awaitMigrated();
      long backlogDue = System.nanoTime();
      while (running) {
        boolean more = pollOnce();
        if (System.nanoTime() - backlogDue >= 0) {
          backlog.refresh(outbox);
          backlogDue = System.nanoTime() + BACKLOG_EVERY.toNanos();
        }
        if (!more) {
          Thread.sleep(settings.pollInterval().toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A bug, not the database: the liveness check reports the dead thread.
      LOG.log(Level.SEVERE, "The notification sender stopped", e);
    }
  }

  /** True when the claim was full and more may be due at once. */
  private boolean pollOnce() {
    Set<String> skip = new HashSet<>(busy);
    skip.addAll(budget.exhausted());
    List<Notification> claimed;
    try {
      claimed = outbox.claim(CLAIM_LIMIT, skip, settings.claimLease());
      if (lastPollError != null) {
        LOG.info("The notification outbox answers again");
        lastPollError = null;
      }
    } catch (RuntimeException e) {
      if (!Objects.equals(e.getMessage(), lastPollError)) {
        LOG.log(Level.WARNING, "Reading the notification outbox failed: {0}", e.getMessage());
        lastPollError = e.getMessage();
      }
      return false;
    }
    DeliveryPlan.of(claimed, budget, settings.digestAfter())
        .forEach(
            (channel, deliveries) -> {
              busy.add(channel.name());
              executor.execute(
                  () -> {
                    try {
                      deliveries.forEach(this::send);
                    } finally {
                      busy.remove(channel.name());
                    }
                  });
            });
    return claimed.size() == CLAIM_LIMIT;
  }

  private void send(Delivery delivery) {
    String channel = delivery.channel().name();
    List<Long> ids = delivery.notifications().stream().map(Notification::id).toList();
    try {
      try {
        channels.of(delivery.channel().type()).send(delivery);
      } catch (DeliveryException e) {
        failed(delivery, e.getMessage());
        return;
      } catch (RuntimeException e) {
        failed(delivery, e.getClass().getSimpleName() + ": " + e.getMessage());
        return;
      }
      outbox.sent(ids);
      metrics.notificationsSent(channel, ids.size());
      health.delivered(channel);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Recording what became of notifications {0} to channel {1} failed; they are tried again"
              + " when their claim runs out: {2}",
          new Object[] {ids, channel, e.getMessage()});
    }
  }

  private void failed(Delivery delivery, String error) {
    String channel = delivery.channel().name();
    Instant now = Instant.now();
    double random = ThreadLocalRandom.current().nextDouble();
    Map<Long, Instant> again = new LinkedHashMap<>();
    List<Notification> givenUp = new ArrayList<>();
    for (Notification notification : delivery.notifications()) {
      retries
          .next(notification, now, random)
          .ifPresentOrElse(at -> again.put(notification.id(), at), () -> givenUp.add(notification));
    }
    health.failed(channel, error);
    if (!again.isEmpty()) {
      outbox.retry(again, error);
      metrics.notificationsRetried(channel, again.size());
    }
    if (!givenUp.isEmpty()) {
      outbox.failed(givenUp.stream().map(Notification::id).toList(), error);
      metrics.notificationsFailed(channel, givenUp.size());
      LOG.log(
          Level.SEVERE,
          "Gave up on {0,number,#} notification(s) to channel {1} after {2} of retries ({3}): {4}",
          new Object[] {
            givenUp.size(),
            channel,
            settings.retryPeriod(),
            givenUp.stream().map(Notification::idempotencyKey).toList(),
            error
          });
    }
  }
}
