package org.sitewatch.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variable names the two servers read: every server.xml variable of liberty-config
 * and the WARs' server.xml, every MicroProfile Config property of the WARs, each as Liberty and
 * MicroProfile Config map it to the environment (non-alphanumerics to '_', upper case).
 */
final class ConfigNames {

  private static final Pattern XML_VARIABLE =
      Pattern.compile("<variable\\s+name=\"([^\"]+)\"|\\$\\{([^}]+)}");
  private static final Pattern PROPERTY = Pattern.compile("(?m)^([A-Za-z][^=\\s#]*)\\s*=");
  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");

  private ConfigNames() {}

  static String envName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }

  static Set<String> environmentNames(Path repo) throws IOException {
    Set<String> names = new TreeSet<>();
    List<Path> xml =
        List.of(
            repo.resolve("liberty-config/src/main/resources/sitewatch"),
            repo.resolve("checker-war/src/main/liberty/config"),
            repo.resolve("persister-war/src/main/liberty/config"));
    for (Path dir : xml) {
      collect(dir, ".xml", XML_VARIABLE, names);
    }
    for (String war : List.of("checker-war", "persister-war")) {
      collect(repo.resolve(war + "/src/main/resources/META-INF"), ".properties", PROPERTY, names);
      collect(repo.resolve(war + "/src/main/java"), ".java", CONFIG_PROPERTY, names);
    }
    return names;
  }

  private static void collect(Path dir, String suffix, Pattern pattern, Set<String> names)
      throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) {
          String name = m.group(1) != null ? m.group(1) : m.group(m.groupCount());
          if (!name.startsWith("server.") && !name.startsWith("wlp.")) {
            names.add(envName(name));
          }
        }
      }
    }
  }
}
