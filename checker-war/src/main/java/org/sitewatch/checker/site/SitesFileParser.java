package org.sitewatch.checker.site;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;
import tools.jackson.databind.JsonNode;

/**
 * Reads the sites file: YAML listing the sites to probe, with optional defaults for all of them, as
 * {@code sites.schema.json} describes it (and the sample {@code sites.yaml} shows).
 *
 * <p>The file is checked in three steps, each problem named by file, line and field: the YAML
 * ({@link YamlTree}), the schema ({@link SitesSchema}), then the rules a schema cannot state:
 * values that need parsing (durations, URLs, regexes, header variables), unique ids, the rules
 * across fields (a timeout within the interval, retries that fit, a body only for a method that
 * sends one), alert channels and the alerts that name them ({@link AlertRules}), and maintenance
 * windows and the sites they cover ({@link MaintenanceRules}). Every problem is collected and
 * thrown together in an {@link InvalidSitesFileException}. Stateless and safe to share between
 * threads.
 */
public final class SitesFileParser {

  /**
   * Largest sites file read, in bytes, and in characters when given as a string: room for 100,000
   * sites of 600 bytes each, and a bound on the memory a mistaken or hostile file can take.
   */
  public static final int MAX_FILE_SIZE = 64 * 1024 * 1024;

  private final HeaderSubstitution substitution;

  /**
   * Header values take {@code ${NAME}} from the environment, refusing the server's own variables.
   */
  public SitesFileParser() {
    this(Set.of());
  }

  /**
   * @param allowedServerVariables variables of the server's own that header values may read all the
   *     same, by exact name
   */
  public SitesFileParser(Set<String> allowedServerVariables) {
    this(System::getenv, allowedServerVariables);
  }

  /**
   * A parser whose header values may read the server's own variables named in a comma-separated
   * list, as {@code SITEWATCH_SITES_HEADER_ENV_ALLOW} gives them.
   */
  public static SitesFileParser allowing(Optional<String> commaSeparated) {
    return allowing(System::getenv, commaSeparated);
  }

  /** As {@link #allowing(Optional)}, with variables from {@code environment}. */
  static SitesFileParser allowing(
      UnaryOperator<String> environment, Optional<String> commaSeparated) {
    return new SitesFileParser(
        environment,
        commaSeparated.stream()
            .flatMap(list -> Arrays.stream(list.split(",")))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * @param environment the value of an environment variable by name, null when it is not set
   * @param allowedServerVariables as for {@link #SitesFileParser(Set)}
   */
  SitesFileParser(UnaryOperator<String> environment, Set<String> allowedServerVariables) {
    this.substitution =
        new HeaderSubstitution(environment, new ReservedVariables(allowedServerVariables));
  }

  /**
   * Reads and checks a sites file, UTF-8 encoded.
   *
   * @return the sites in the order the file lists them
   * @throws InvalidSitesFileException listing every problem
   */
  public List<Site> parse(Path file) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw fileProblem(source, 0, "is a directory, not a sites file");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw fileProblem(
            source, 0, "file is larger than the limit of " + MAX_FILE_SIZE + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fileProblem(source, 0, "file not found");
    } catch (AccessDeniedException e) {
      throw fileProblem(source, 0, "cannot read the file: permission denied");
    } catch (IOException e) {
      throw fileProblem(source, 0, "cannot read the file: " + e);
    }
    return parse(decode(bytes, source), source);
  }

  /**
   * Checks the content of a sites file.
   *
   * @param sourceName the file name to put in messages
   * @return the sites in the order the content lists them
   * @throws InvalidSitesFileException listing every problem
   */
  public List<Site> parse(String content, String sourceName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(sourceName, "sourceName");
    if (content.length() > MAX_FILE_SIZE
        && content.codePointCount(0, content.length()) > MAX_FILE_SIZE) {
      throw fileProblem(
          sourceName, 0, "file is larger than the limit of " + MAX_FILE_SIZE + " characters");
    }
    return read(content.startsWith("\uFEFF") ? content.substring(1) : content, sourceName);
  }

  private static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw fileProblem(source, line, "not valid UTF-8");
    }
    return out.flip().toString();
  }

  private static InvalidSitesFileException fileProblem(String source, int line, String message) {
    return new InvalidSitesFileException(List.of(new Problem(source, line, "", message)));
  }

  /** Checks the content in three steps, each of which reports every problem it finds. */
  private List<Site> read(String content, String source) {
    YamlTree tree = YamlTree.load(content, MAX_FILE_SIZE);
    Problems problems = new Problems(source, tree);
    if (tree.root() == null) {
      problems.throwIfAny();
      problems.add("", 0, "file is empty: expected a 'sites' list");
      problems.throwIfAny();
    }
    SitesSchema.violations(tree).forEach(problems::add);
    FieldRules fieldRules = new FieldRules(substitution, tree, problems);
    CrossFieldRules crossFieldRules = new CrossFieldRules(tree, problems);
    UniqueIds ids = new UniqueIds(tree, problems);
    AlertRules alertRules = new AlertRules(tree, problems);
    MaintenanceRules maintenance = new MaintenanceRules(tree, problems);
    JsonNode defaults = tree.root().path("defaults");
    if (defaults.isObject()) {
      fieldRules.check("defaults", defaults);
      alertRules.check("defaults", defaults);
      crossFieldRules.checkDefaults(defaults);
    }
    Set<String> claimed = new HashSet<>();
    List<Site> sites = new ArrayList<>();
    JsonNode list = tree.root().path("sites");
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      String path = YamlTree.item("sites", i);
      JsonNode site = list.get(i);
      if (!site.isObject()) {
        continue;
      }
      fieldRules.check(path, site);
      alertRules.check(path, site);
      Optional<String> id = ids.claim(path, site);
      id.ifPresent(claimed::add);
      if (id.isEmpty() || problems.within("defaults") || problems.within(path)) {
        continue;
      }
      SiteSpec spec = SiteSpec.of(defaults, site);
      if (!crossFieldRules.check(path, spec, site)) {
        continue;
      }
      try {
        sites.add(
            spec.toSite(
                id.get(),
                (name, text) ->
                    ((HeaderSubstitution.Substituted) fieldRules.headerValue(name, text)).value(),
                alertRules.policy(spec.alerts()),
                maintenance.covering(id.get(), spec.labelsOrDefault())));
      } catch (IllegalArgumentException e) {
        // The records' own checks, where they are stricter than the schema (a name of Unicode
        // spaces only is blank).
        problems.at(path, e.getMessage());
      }
    }
    maintenance.checkSites(claimed);
    problems.throwIfAny();
    return List.copyOf(sites);
  }
}
