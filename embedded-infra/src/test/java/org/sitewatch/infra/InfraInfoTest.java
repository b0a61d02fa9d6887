package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraInfoTest {

  @TempDir Path dir;

  private static InfraInfo sample() {
    return new InfraInfo(
        "127.0.0.1:19092",
        "127.0.0.1",
        15432,
        "sitewatch",
        "sitewatch_owner",
        "owner:pw=with#odd chars",
        "sitewatch_app",
        "app-pw",
        4242);
  }

  @Test
  void roundTripsThroughTheFile() throws IOException {
    Path file = dir.resolve("nested/info.properties");

    sample().write(file);

    assertEquals(sample(), InfraInfo.read(file), "read back what was written");
  }

  @Test
  void writesTheDocumentedKeys() throws IOException {
    Path file = dir.resolve("info.properties");
    sample().write(file);

    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }

    assertEquals(9, p.size(), "number of keys: " + p.keySet());
    assertEquals("127.0.0.1:19092", p.getProperty("kafka.bootstrap.servers"), "bootstrap");
    assertEquals("127.0.0.1", p.getProperty("postgres.host"), "host");
    assertEquals("15432", p.getProperty("postgres.port"), "port");
    assertEquals("sitewatch", p.getProperty("postgres.database"), "database");
    assertEquals("sitewatch_owner", p.getProperty("postgres.owner.user"), "owner");
    assertEquals("owner:pw=with#odd chars", p.getProperty("postgres.owner.password"), "owner pw");
    assertEquals("sitewatch_app", p.getProperty("postgres.app.user"), "app user");
    assertEquals("app-pw", p.getProperty("postgres.app.password"), "app pw");
    assertEquals("4242", p.getProperty("pid"), "pid");
  }

  @Test
  void leavesUnknownValuesOut() throws IOException {
    Path file = dir.resolve("info.properties");
    InfraInfo external =
        new InfraInfo("kafka.example:9092", "db.example", 5432, "sw", "own", null, "app", null, 7);

    external.write(file);
    InfraInfo read = InfraInfo.read(file);

    assertNull(read.ownerPassword(), "owner password absent");
    assertNull(read.appPassword(), "app password absent");
    assertEquals(external, read, "everything else read back");
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("info.properties");
    Files.writeString(file, "garbage");

    sample().write(file);

    assertEquals(sample(), InfraInfo.read(file), "replaced");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "only the info file in " + dir);
    }
  }

  @Test
  void isReadableByItsOwnerOnly() throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return; // nothing to check on this file system
    }
    Path file = dir.resolve("info.properties");

    sample().write(file);

    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "permissions of a file holding passwords");
  }

  @Test
  void rejectsAFileWithoutRequiredKeys() throws IOException {
    Path file = dir.resolve("info.properties");
    Files.writeString(file, "kafka.bootstrap.servers=127.0.0.1:19092\npostgres.host=127.0.0.1\n");

    IOException e = assertThrows(IOException.class, () -> InfraInfo.read(file));
    assertTrue(e.getMessage().contains("postgres.port is missing"), e.getMessage());
  }

  @Test
  void findsTheFirstBroker() {
    InfraInfo info =
        new InfraInfo("[::1]:29092, other:1", "127.0.0.1", 1, null, null, null, null, null, 1);

    assertEquals("::1", info.firstKafkaHost(), "IPv6 host without brackets");
    assertEquals(29092, info.firstKafkaPort(), "port");
  }

  @Test
  void keepsPasswordsOutOfToString() {
    String text = sample().toString();

    assertFalse(text.contains("app-pw"), text);
    assertFalse(text.contains("owner:pw"), text);
    assertTrue(text.contains("127.0.0.1:19092"), text);
  }

  @Test
  void deletesOnlyItsOwnFile() throws IOException {
    Path file = dir.resolve("info.properties");
    sample().write(file);

    InfraInfo.deleteIfOwnedBy(file, 1);
    assertTrue(Files.exists(file), "another pid's file stays");

    InfraInfo.deleteIfOwnedBy(file, 4242);
    assertFalse(Files.exists(file), "own file deleted");
  }
}
