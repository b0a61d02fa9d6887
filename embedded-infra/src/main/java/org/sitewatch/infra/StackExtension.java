package org.sitewatch.infra;

/**
 * What a launcher adds to a {@link SupervisedStack} at fixed points of its life: the test harness
 * plugs in here, the quick start adds nothing.
 */
public interface StackExtension {

  /**
   * Before anything starts; throws with a message that says what to do.
   *
   * @throws IllegalStateException when something the extension needs is missing
   */
  default void checkPrerequisites() {}

  /** Once Kafka and PostgreSQL are up, before any server is launched. */
  default void beforeServersStart() throws Exception {}

  /** Once both servers are launched, before they are ready and the info file is written. */
  default void afterServersStart() throws Exception {}

  /** First thing at shutdown, while the servers still run. */
  default void beforeServersStop() {}

  /** At shutdown, once every server has stopped, before Kafka and PostgreSQL stop. */
  default void afterServersStop() {}
}
