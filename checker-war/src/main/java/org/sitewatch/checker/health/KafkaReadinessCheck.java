package org.sitewatch.checker.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.sitewatch.support.kafka.KafkaReachability;

/**
 * Ready only while the Kafka cluster answers: without it, results cannot leave the checker. Asked
 * with the connector's own settings (bootstrap servers, TLS, SASL), so that it answers for the
 * results channel.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

  private final KafkaReachability kafka;

  @Inject
  public KafkaReadinessCheck(Config config) {
    this.kafka =
        KafkaReachability.forConnector(
            config, "sitewatch-checker-health", Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  /** For CDI's proxy. */
  protected KafkaReadinessCheck() {
    this.kafka = null;
  }

  /**
   * Created when the application starts, on one of its threads: a server may run health checks on
   * threads of its own (Payara does), where the application's configuration cannot be read.
   */
  void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  @Override
  public HealthCheckResponse call() {
    KafkaReachability.Status status = kafka.check();
    var response = HealthCheckResponse.named("kafka").status(status.reachable());
    response.withData("brokers", status.brokers());
    if (status.error() != null) {
      response.withData("error", status.error());
    }
    return response.build();
  }

  @PreDestroy
  void close() {
    kafka.close();
  }
}
