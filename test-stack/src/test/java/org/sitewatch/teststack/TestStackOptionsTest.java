package org.sitewatch.teststack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.infra.CommandLine;
import org.sitewatch.infra.InfraOptions;
import org.sitewatch.infra.StackOptions;
import org.sitewatch.infra.StackPlan;

class TestStackOptionsTest {

  private static Optional<Integer> controlPort(Map<String, String> env, String... args)
      throws CommandLine.UsageException {
    CommandLine cl =
        CommandLine.parse(
            args, StackOptions.valueOptions(TestStack.VALUE_OPTIONS), StackOptions.FLAG_OPTIONS);
    InfraOptions options = InfraOptions.from(cl);
    StackPlan plan = StackPlan.decide(env, cl, Path.of("/work"), () -> "pw");
    return TestStack.controlPort(cl, options, plan);
  }

  private static Optional<Integer> controlPort(String... args) throws CommandLine.UsageException {
    return controlPort(Map.of(), args);
  }

  private static java.util.List<java.util.List<Integer>> moreCheckers(String... args)
      throws CommandLine.UsageException {
    CommandLine cl =
        CommandLine.parse(
            args, StackOptions.valueOptions(TestStack.VALUE_OPTIONS), StackOptions.FLAG_OPTIONS);
    return TestStack.morePorts(cl, "checker");
  }

  @Test
  void moreCheckersAreHttpAndHttpsPortPairs() throws Exception {
    assertEquals(java.util.List.of(), moreCheckers(), "none by default");
    assertEquals(
        java.util.List.of(java.util.List.of(20001, 20002), java.util.List.of(20003, 20004)),
        moreCheckers("--more-checkers", "20001:20002, 20003:20004"),
        "checker2, then checker3");
    for (String bad : new String[] {"20001", "20001:x", "20001:20002:20003", "1:2,"}) {
      assertThrows(
          CommandLine.UsageException.class,
          () -> moreCheckers("--more-checkers", bad),
          "refused: " + bad);
    }
  }

  @Test
  void noControlPortMeansNoEndpoint() throws Exception {
    assertEquals(Optional.empty(), controlPort(), "no --control-port");
  }

  @Test
  void controlPortInBothSpellings() throws Exception {
    assertEquals(Optional.of(39999), controlPort("--control-port", "39999"), "separate value");
    assertEquals(Optional.of(39998), controlPort("--control-port=39998"), "--name=value");
  }

  @Test
  void controlPortMustBeAPortNumber() {
    assertThrows(
        CommandLine.UsageException.class, () -> controlPort("--control-port", "x"), "not a number");
    assertThrows(
        CommandLine.UsageException.class, () -> controlPort("--control-port", "0"), "port 0");
    assertThrows(
        CommandLine.UsageException.class, () -> controlPort("--control-port", "70000"), "too big");
    assertThrows(CommandLine.UsageException.class, () -> controlPort("--control-port"), "no value");
  }

  @Test
  void controlPortMustNotBeOneOfTheStacksPorts() {
    for (String[] args :
        new String[][] {
          {"--control-port", "9080"},
          {"--control-port", "9443"},
          {"--control-port", "9081"},
          {"--control-port", "9444"},
          {"--control-port", "19092"},
          {"--control-port", "15432"},
          {"--control-port", "31000", "--kafka-controller-port", "31000"},
          {"--control-port", "31001", "--persister-http-port", "31001"},
        }) {
      CommandLine.UsageException e =
          assertThrows(
              CommandLine.UsageException.class,
              () -> controlPort(args),
              "clash: " + String.join(" ", args));
      assertTrue(e.getMessage().contains("--control-port"), "message names the option");
    }
  }

  @Test
  void portsOfComponentsThatAreNotEmbeddedAreNotOurs() throws Exception {
    Map<String, String> external =
        Map.of(
            StackPlan.KAFKA_BOOTSTRAP, "kafka.example:9092",
            StackPlan.DB_HOST, "db.example");

    assertEquals(
        Optional.of(19092), controlPort(external, "--control-port", "19092"), "Kafka elsewhere");
    assertEquals(
        Optional.of(15432),
        controlPort(external, "--control-port", "15432"),
        "PostgreSQL elsewhere");
  }

  @Test
  void usageMentionsTheOption() {
    assertTrue(TestStack.USAGE.contains("--control-port N"), "usage lists --control-port");
  }
}
