package org.sitewatch.persister.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.sitewatch.persister.catalog.SiteCatalogConsumer;
import org.sitewatch.persister.deadletter.DeadLetterPublisher;
import org.sitewatch.persister.notify.ChannelHealth;
import org.sitewatch.persister.notify.ChannelSettings;
import org.sitewatch.persister.notify.OutboxBacklog;
import org.sitewatch.persister.schema.PartitionMaintenance;
import org.sitewatch.persister.schema.SchemaState;
import org.sitewatch.persister.store.BatchWriter;
import org.sitewatch.persister.store.WriterStatus;
import org.sitewatch.support.kafka.KafkaReachability;

/**
 * Ready when results can be stored now: the database answers, the schema is migrated, the last
 * write did not fail, partitions are kept, dead letters can be written, and Kafka answers. The data
 * gives the reasons; the counts of what the persister does are on /metrics. The notification outbox
 * shows in the data only: a channel that fails does not stop the persister from storing results.
 */
@Readiness
@ApplicationScoped
public class PersisterReadiness implements HealthCheck {

  @Inject DatabaseProbe database;

  @Inject KafkaProbe kafka;

  @Inject SchemaState schema;

  @Inject BatchWriter writer;

  @Inject DeadLetterPublisher deadLetters;

  @Inject PartitionMaintenance partitions;

  @Inject SiteCatalogConsumer catalogue;

  @Inject OutboxBacklog notifications;

  @Inject ChannelHealth channels;

  @Inject ChannelSettings channelSettings;

  @Override
  public HealthCheckResponse call() {
    DatabaseProbe.Status db = database.check();
    KafkaReachability.Status broker = kafka.check();
    WriterStatus writing = writer.status();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("persister")
            .status(
                db.up()
                    && schema.isMigrated()
                    && !writing.failing()
                    && broker.reachable()
                    && partitions.lastError().isEmpty()
                    && !deadLetters.failing())
            .withData("database", db.up() ? "UP" : "DOWN")
            .withData("schemaVersion", schema.version().orElse("not migrated"))
            .withData("kafkaBrokers", broker.brokers());
    if (db.error() != null) {
      response.withData("databaseError", db.error());
    }
    schema.lastError().ifPresent(error -> response.withData("schemaError", error));
    if (broker.error() != null) {
      response.withData("kafkaError", broker.error());
    }
    if (writing.lastCommitAt() != null) {
      response.withData("lastCommitAt", writing.lastCommitAt().toString());
    }
    if (writing.lastError() != null) {
      response.withData("lastStoreError", writing.lastError());
    }
    partitions.lastError().ifPresent(error -> response.withData("partitionError", error));
    deadLetters.lastError().ifPresent(error -> response.withData("deadLetterError", error));
    catalogue
        .lastStoredAt()
        .ifPresent(at -> response.withData("catalogueLastStoredAt", at.toString()));
    catalogue.lastError().ifPresent(error -> response.withData("catalogueError", error));
    notifications
        .last()
        .ifPresent(
            backlog -> {
              response.withData("notificationsPending", backlog.pending());
              backlog
                  .oldestWaiting()
                  .ifPresent(
                      age ->
                          response.withData("notificationsOldestWaitingSeconds", age.toSeconds()));
            });
    notifications.error().ifPresent(error -> response.withData("notificationsOutboxError", error));
    channels
        .failing()
        .forEach(
            (channel, error) -> response.withData("notificationChannelError." + channel, error));
    channelSettings
        .problems()
        .forEach(
            (channel, problem) ->
                response.withData("notificationChannelSettings." + channel, problem));
    return response.build();
  }
}
