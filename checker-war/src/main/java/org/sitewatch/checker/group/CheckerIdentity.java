package org.sitewatch.checker.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.common.CheckResult;

/**
 * Who this checker is and where it probes from: {@code sitewatch.checker.id}
 * (SITEWATCH_CHECKER_ID), by default the host name and process id, and {@code sitewatch.location}
 * (SITEWATCH_LOCATION), by default {@code default}. Every result carries both.
 */
@ApplicationScoped
public class CheckerIdentity {

  private final String id;
  private final String location;

  @Inject
  public CheckerIdentity(
      @ConfigProperty(name = "sitewatch.checker.id") Optional<String> id,
      @ConfigProperty(name = "sitewatch.location", defaultValue = CheckResult.DEFAULT_LOCATION)
          String location) {
    this.id = id.filter(text -> !text.isBlank()).orElseGet(CheckerIdentity::hostAndPid);
    this.location = location;
    // Fail at startup, naming the setting, not on every result.
    CheckResult.probedByProblem(this.id, location)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(
                  "sitewatch.checker.id or sitewatch.location (SITEWATCH_CHECKER_ID,"
                      + " SITEWATCH_LOCATION): "
                      + problem);
            });
  }

  /** For CDI's proxy. */
  protected CheckerIdentity() {
    this.id = null;
    this.location = null;
  }

  public String id() {
    return id;
  }

  public String location() {
    return location;
  }

  /** Unique among checkers on one host, as several run side by side in tests and benchmarks. */
  private static String hostAndPid() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "checker";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
