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
}
