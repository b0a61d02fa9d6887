package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeClientsTest {

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
    assertTrue(ProbeClients.engineRetries("engine-default", Object.class).isEmpty());
    assertTrue(ProbeClients.engineRetries("off", SwitchableBuilder.class).isPresent());
  }

  @Test
  void anUnknownSettingFailsNamingTheChoices() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ProbeClients.engineRetries("never", SwitchableBuilder.class));
    assertTrue(
        e.getMessage().contains("sitewatch.probe.engine-retries=never")
            && e.getMessage().contains("off (the default) or engine-default"),
        "expected the setting and its choices: " + e.getMessage());
  }
}
