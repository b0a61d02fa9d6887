package org.sitewatch.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The sites file the stack's checker runs (src/test/resources/scenario-sites.yaml), and the
 * scenario target's record of the checks it answered.
 */
final class ScenarioSites {

  private static final String FILE = "scenario-sites.yaml";

  private ScenarioSites() {}

  static String text() {
    try (InputStream in = ScenarioSites.class.getClassLoader().getResourceAsStream(FILE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern RUNNING_FILE = Pattern.compile("\"sitesFile\":\"([^\"]+)\"");

  /** The sites file the running checker follows, as its readiness data names it. */
  static Path runningFile() {
    Matcher m = RUNNING_FILE.matcher(Stack.get(Stack.checker("/health/ready")).body());
    if (!m.find()) {
      throw new AssertionError("the checker's readiness data names no sites file");
    }
    return Path.of(m.group(1));
  }

  /** The ids of the sites it lists. */
  @SuppressWarnings("unchecked")
  static Set<String> ids() {
    Map<String, Object> file = new Yaml().load(text());
    return ((List<Map<String, Object>>) file.get("sites"))
        .stream().map(site -> (String) site.get("id")).collect(Collectors.toSet());
  }

  /** The sites file without the site of that id: its list item, up to the next one. */
  static String removing(String sitesFile, String id) {
    String item = "  - id: " + id + "\n";
    int start = sitesFile.indexOf(item);
    if (start < 0) {
      throw new AssertionError("the sites file lists no site " + id);
    }
    int end = sitesFile.indexOf("\n  - ", start + item.length() - 1);
    return sitesFile.substring(0, start) + (end < 0 ? "" : sitesFile.substring(end + 1));
  }

  /** The sites a sites file lists: its list items at the top level of 'sites'. */
  static int count(String sitesFile) {
    return (int) sitesFile.lines().filter(line -> line.startsWith("  - ")).count();
  }

  /** The check ids the scenario target has answered on {@code path}. */
  static Set<String> targetCheckIds(String path) {
    String body = Stack.get(Stack.target("/_checks?path=" + path)).body();
    return Stream.of(body.split("\n")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
  }
}
