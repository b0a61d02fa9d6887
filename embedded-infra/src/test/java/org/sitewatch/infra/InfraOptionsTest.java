package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InfraOptionsTest {

  private static InfraOptions parse(String... args) throws CommandLine.UsageException {
    return InfraOptions.from(
        CommandLine.parse(args, InfraOptions.VALUE_OPTIONS, InfraOptions.FLAG_OPTIONS));
  }

  @Test
  void defaults() throws Exception {
    InfraOptions o = parse();

    assertEquals(19092, o.kafkaPort(), "Kafka port");
    assertEquals(0, o.kafkaControllerPort(), "controller port: any free one, chosen at start");
    assertEquals(15432, o.postgresPort(), "PostgreSQL port");
    assertEquals(
        Path.of("target/sitewatch-data").toAbsolutePath(), o.dataDir(), "data dir, absolute");
    assertFalse(o.clean(), "clean");
    assertEquals(Optional.empty(), o.infoFile(), "info file");
    assertEquals(Optional.empty(), o.parentPid(), "parent pid");
  }

  @Test
  void everyOption() throws Exception {
    InfraOptions o =
        parse(
            "--kafka-port",
            "29092",
            "--kafka-controller-port",
            "29999",
            "--postgres-port",
            "25433",
            "--data-dir",
            "/tmp/sw/../sw-data",
            "--clean",
            "--info-file",
            "/tmp/sw/info.properties",
            "--parent-pid",
            "4242");

    assertEquals(29092, o.kafkaPort(), "Kafka port");
    assertEquals(29999, o.kafkaControllerPort(), "controller port");
    assertEquals(25433, o.postgresPort(), "PostgreSQL port");
    assertEquals(Path.of("/tmp/sw-data"), o.dataDir(), "data dir, normalised");
    assertTrue(o.clean(), "clean");
    assertEquals(Optional.of(Path.of("/tmp/sw/info.properties")), o.infoFile(), "info file");
    assertEquals(Optional.of(4242L), o.parentPid(), "parent pid");
  }

  @Test
  void watchParentMeansTheProcessThatStartedUs() throws Exception {
    long parent = ProcessHandle.current().parent().orElseThrow().pid();

    assertEquals(Optional.of(parent), parse("--watch-parent").parentPid(), "parent's pid");
  }

  @Test
  void rejectsContradictions() {
    assertThrows(
        CommandLine.UsageException.class,
        () -> parse("--kafka-port", "29092", "--kafka-controller-port", "29092"),
        "same port for broker and controller");
    assertThrows(
        CommandLine.UsageException.class,
        () -> parse("--kafka-port", "25432", "--postgres-port", "25432"),
        "same port for Kafka and PostgreSQL");
    assertThrows(
        CommandLine.UsageException.class,
        () -> parse("--kafka-controller-port", "25432", "--postgres-port", "25432"),
        "same port for the controller and PostgreSQL");
    assertThrows(
        CommandLine.UsageException.class,
        () -> parse("--parent-pid", "1", "--watch-parent"),
        "two parents");
  }
}
