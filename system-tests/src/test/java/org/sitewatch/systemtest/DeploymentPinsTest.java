package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Ansible roles pin the same Liberty runtime and PostgreSQL driver as the build, with the
 * checksums of the very artifacts the build downloaded from Maven Central.
 */
class DeploymentPinsTest {

  private static final Path REPO = Path.of(System.getProperty("sitewatch.repo.dir"));

  static Map<String, Object> defaults(String role) throws IOException {
    Path file = REPO.resolve("ansible/roles/" + role + "/defaults/main.yml");
    try (InputStream in = Files.newInputStream(file)) {
      return new Yaml().load(in);
    }
  }

  @Test
  void libertyRoleInstallsThePomsRuntime() throws Exception {
    assertPinned(
        "liberty",
        "liberty_version",
        "liberty.runtime.version",
        "liberty_runtime_sha256",
        "liberty.runtime.zip");
  }

  @Test
  void serverRoleInstallsThePomsPostgresqlDriver() throws Exception {
    assertPinned(
        "sitewatch_server",
        "sitewatch_server_postgresql_driver_version",
        "postgresql.version",
        "sitewatch_server_postgresql_driver_sha256",
        "postgresql.driver.jar");
  }

  /**
   * The role's version variable equals the pom property, and its checksum variable is the SHA-256
   * of the artifact the build downloaded (its path in the system property {@code artifact}).
   */
  private static void assertPinned(
      String role, String versionVariable, String pomProperty, String shaVariable, String artifact)
      throws Exception {
    Map<String, Object> defaults = defaults(role);
    assertEquals(
        System.getProperty(pomProperty),
        defaults.get(versionVariable),
        versionVariable
            + " in ansible/roles/"
            + role
            + "/defaults/main.yml equals the parent"
            + " pom's "
            + pomProperty);
    Path file = Path.of(System.getProperty(artifact));
    assertEquals(
        sha256(file),
        defaults.get(shaVariable),
        shaVariable + " is the SHA-256 of " + file + ", which the build uses");
  }

  @Test
  void serverRoleHasNoPasswordDefault() throws Exception {
    Map<String, Object> server = defaults("sitewatch_server");
    assertTrue(
        server.keySet().stream().noneMatch(k -> k.contains("password")),
        "no password has a default in the role: " + server.keySet());
  }

  @Test
  void serverRoleSetsTheHeapOfBothServers() throws Exception {
    Map<String, Object> server = defaults("sitewatch_server");
    for (String kind : java.util.List.of("checker", "persister")) {
      assertEquals(
          "1g",
          server.get("sitewatch_server_" + kind + "_heap_max"),
          "the " + kind + "'s heap is set explicitly, not left to the host's memory");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void serverEnvUsesTheNamesTheServersRead() throws Exception {
    Map<String, Object> vars;
    try (InputStream in =
        Files.newInputStream(REPO.resolve("ansible/roles/sitewatch_server/vars/main.yml"))) {
      vars = new Yaml().load(in);
    }
    java.util.Set<String> known = ConfigNames.environmentNames(REPO);
    int checked = 0;
    for (String map : java.util.List.of("common", "checker", "persister")) {
      for (String name : ((Map<String, Object>) vars.get("sitewatch_server_env_" + map)).keySet()) {
        assertTrue(known.contains(name), name + " (server.env) is one of " + known);
        checked++;
      }
    }
    assertTrue(checked > 10, "the server.env settings were found: " + checked);
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    assertTrue(Files.isRegularFile(file), file + " exists (the build downloads it)");
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
