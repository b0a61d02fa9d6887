package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the sender's settings injectable, read once. */
@ApplicationScoped
public class AlertConfig {

  @Produces
  @Singleton
  AlertSettings settings() {
    return AlertSettings.read(ConfigProvider.getConfig());
  }
}
