package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeClientsTest {

  private static final Optional<String> NO_CONNECTOR = Optional.empty();

  /** Stands in for RESTEasy's builder, which has the switch. */
  public static class SwitchableBuilder {
    public SwitchableBuilder disableAutomaticRetries() {
      return this;
    }
  }

  @Test
  void theEngineRetriesSwitchIsFoundByName() {
    assertEquals(
        "disableAutomaticRetries",
        ProbeClients.engineRetriesSwitch(SwitchableBuilder.class).getName());
  }

  @Test
  void aBuilderWithoutTheSwitchFailsNamingIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> ProbeClients.engineRetriesSwitch(Object.class));
    assertTrue(
        e.getMessage().contains("java.lang.Object has no disableAutomaticRetries()"),
        "expected the message to name the builder and the missing switch: " + e.getMessage());
  }

  @Test
  void engineDefaultLeavesABuilderWithoutTheSwitchAsItIs() {
    assertTrue(ProbeClients.engineRetries("engine-default", Object.class, NO_CONNECTOR).isEmpty());
    assertTrue(
        ProbeClients.engineRetries("off", SwitchableBuilder.class, NO_CONNECTOR).isPresent());
  }

  @Test
  void aConfiguredConnectorIsTrustedToMakeNoRetries() {
    Optional<String> connector = Optional.of("org.example.NoRetryConnectorProvider");
    assertTrue(
        ProbeClients.engineRetries("off", Object.class, connector).isEmpty(),
        "a builder without the switch starts when a connector is named");
    assertTrue(
        ProbeClients.engineRetries("off", SwitchableBuilder.class, connector).isPresent(),
        "a builder with the switch (RESTEasy, which ignores the connector) still gets it");
  }

  @Test
  void offWithoutTheSwitchOrAConnectorFails() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ProbeClients.engineRetries("off", Object.class, NO_CONNECTOR));
    assertTrue(
        e.getMessage().contains("sitewatch.probe.connector"),
        "expected the message to offer naming a connector: " + e.getMessage());
  }

  @Test
  void anUnknownSettingFailsNamingTheChoices() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ProbeClients.engineRetries("never", SwitchableBuilder.class, NO_CONNECTOR));
    assertTrue(
        e.getMessage().contains("sitewatch.probe.engine-retries=never")
            && e.getMessage().contains("off (the default) or engine-default"),
        "expected the setting and its choices: " + e.getMessage());
  }
}
