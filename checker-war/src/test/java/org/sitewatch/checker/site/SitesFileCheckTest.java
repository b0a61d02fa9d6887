package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitesFileCheckTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int check(String... args) {
    return SitesFileCheck.run(
        args,
        name -> null,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aValidFileExitsZeroAndCountsItsSites() {
    assertEquals(0, check("check", "../sites.yaml"), err.toString());
    assertEquals("../sites.yaml: valid, 4 sites\n", out.toString());
  }

  @Test
  void anInvalidFileExitsOneWithTheCheckersMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sites.yaml");
    Files.writeString(file, "sites:\n  - url: https://example.com\n    retries: 10\n");

    assertEquals(1, check("check", file.toString()));
    assertEquals(
        file + ":3: sites[0].retries: retries 10 is out of range: use 0 to 9\n", err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void reportsTheAlertsAndMaintenanceProblemsToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sites.yaml");
    Files.writeString(
        file,
        """
        alerting:
          channels:
            chat: {type: slack, url: "https://hooks.slack.com/services/T0/B0/token"}
        sites:
          - url: https://example.com
            alerts: {channels: [pager]}
        maintenance:
          - {match: {sites: [example.com]}, start: 2026-12-24T22:00:00Z, duration: 2h, every: 1h}
        """);

    assertEquals(1, check("check", file.toString()));
    assertEquals(
        file
            + ": 4 problems\n"
            + file
            + ":3: alerting.channels.chat: a slack channel needs 'urlEnv': the variable that holds"
            + " its incoming webhook URL\n"
            + file
            + ":3: alerting.channels.chat.url: a slack channel takes no 'url': its URL embeds its"
            + " token, a secret; set 'urlEnv' to the variable that holds it\n"
            + file
            + ":6: sites[0].alerts.channels[0]: unknown channel \"pager\"; defined: chat\n"
            + file
            + ":8: maintenance[0].every: every 1h is not longer than the duration 2h: each"
            + " occurrence must end before the next\n",
        err.toString());
  }

  @Test
  void anythingElseIsAUsageError() {
    assertEquals(2, check("validate", "sites.yaml"));
    assertEquals(
        "usage: SitesFileCheck check [--env-file <server.env>] <sites file>\n", err.toString());
  }

  @Test
  void headerVariablesComeFromTheServersEnvFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sites.yaml");
    Files.writeString(
        file,
        "sites:\n  - url: https://example.com\n    headers:\n"
            + "      Authorization: \"Bearer ${EXAMPLE_TOKEN}\"\n");
    Path env = dir.resolve("server.env");
    Files.writeString(env, "# the checker's\nJAVA_HOME=/usr/lib/jvm\n\nEXAMPLE_TOKEN=s3cr=t\n");

    assertEquals(1, check("check", file.toString()), "the variable is not set here");
    assertEquals(0, check("check", "--env-file", env.toString(), file.toString()), err.toString());
  }

  @Test
  void anUnreadableEnvFileIsAUsageError(@TempDir Path dir) {
    assertEquals(2, check("check", "--env-file", dir.resolve("none").toString(), "sites.yaml"));
    assertTrue(err.toString().contains("cannot read it"), err.toString());
  }
}
