package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final Set<String> VALUES = Set.of("port", "dir", "pid");
  private static final Set<String> FLAGS = Set.of("clean");

  private static CommandLine parse(String... args) throws CommandLine.UsageException {
    return CommandLine.parse(args, VALUES, FLAGS);
  }

  @Test
  void readsValuesInBothSpellingsAndFlags() throws Exception {
    CommandLine cl = parse("--port", "19092", "--dir=/tmp/x", "--clean");

    assertEquals(19092, cl.port("port", 1), "--port value");
    assertEquals(Optional.of(Path.of("/tmp/x")), cl.path("dir"), "--dir=value");
    assertTrue(cl.flag("clean"), "--clean given");
  }

  @Test
  void absentOptionsGiveTheDefaults() throws Exception {
    CommandLine cl = parse();

    assertEquals(15432, cl.port("port", 15432), "default port");
    assertEquals(Optional.empty(), cl.path("dir"), "no --dir");
    assertFalse(cl.flag("clean"), "no --clean");
    assertEquals(Optional.empty(), cl.positiveLong("pid"), "no --pid");
  }

  @Test
  void aValueMayLookLikeAnything() throws Exception {
    assertEquals(Optional.of("--clean"), parse("--dir", "--clean").value("dir"), "taken as value");
    assertEquals(Optional.of(""), parse("--dir=").value("dir"), "empty value with =");
  }

  @Test
  void rejectsWhatItDoesNotKnow() {
    assertUsageError("unknown option --prot", "--prot", "1");
    assertUsageError("unexpected argument 'extra'", "extra");
    assertUsageError("unexpected argument '-p'", "-p", "1");
  }

  @Test
  void rejectsMissingRepeatedAndSuperfluousValues() {
    assertUsageError("--port needs a value", "--port");
    assertUsageError("--port is given more than once", "--port", "1", "--port=2");
    assertUsageError("--clean is given more than once", "--clean", "--clean");
    assertUsageError("--clean takes no value", "--clean=yes");
  }

  @Test
  void checksPortsAndNumbers() throws Exception {
    assertThrows(CommandLine.UsageException.class, () -> parse("--port", "0").port("port", 1));
    assertThrows(CommandLine.UsageException.class, () -> parse("--port", "65536").port("port", 1));
    assertThrows(CommandLine.UsageException.class, () -> parse("--port", "http").port("port", 1));
    assertThrows(CommandLine.UsageException.class, () -> parse("--pid", "-3").positiveLong("pid"));
    assertEquals(Optional.of(42L), parse("--pid", "42").positiveLong("pid"), "pid 42");
  }

  @Test
  void requiredOptionMissingIsAUsageError() {
    CommandLine.UsageException e =
        assertThrows(CommandLine.UsageException.class, () -> parse().required("dir"));
    assertEquals("--dir is required", e.getMessage(), "message");
  }

  @Test
  void recognisesHelpAnywhere() {
    assertTrue(CommandLine.wantsHelp(new String[] {"--port", "1", "--help"}), "--help");
    assertTrue(CommandLine.wantsHelp(new String[] {"-h"}), "-h");
    assertFalse(CommandLine.wantsHelp(new String[] {"--port", "1"}), "no help");
  }

  private static void assertUsageError(String expectedMessage, String... args) {
    CommandLine.UsageException e =
        assertThrows(CommandLine.UsageException.class, () -> parse(args), "usage error expected");
    assertEquals(expectedMessage, e.getMessage(), "message");
  }
}
