package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.YamlTree.child;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;
import org.sitewatch.common.CheckResult;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the sites file: YAML listing the sites to probe, with optional defaults for all of them, as
 * {@code sites.schema.json} describes it (and the sample {@code sites.yaml} shows).
 *
 * <p>The file is checked in three steps, each problem named by file, line and field: the YAML
 * ({@link YamlTree}), the schema ({@link SitesSchema}), then the rules a schema cannot state:
 * values that need parsing (durations, URLs, regexes, header variables), unique ids, and the rules
 * across fields (a timeout within the interval, retries that fit, a body only for a method that
 * sends one). Every problem is collected and thrown together in an {@link
 * InvalidSitesFileException}. Stateless and safe to share between threads.
 */
public final class SitesFileParser {

  /**
   * Largest sites file read, in bytes, and in characters when given as a string: room for 100,000
   * sites of 600 bytes each, and a bound on the memory a mistaken or hostile file can take.
   */
  public static final int MAX_FILE_SIZE = 64 * 1024 * 1024;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY).build();

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
    return new Reading(sourceName)
        .read(content.startsWith("\uFEFF") ? content.substring(1) : content);
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

  /** One sites file being read: collects its problems. */
  private final class Reading {

    private final String source;
    private final List<YamlTree.Problem> problems = new ArrayList<>();
    private final Map<String, IdUse> ids = new HashMap<>();
    private YamlTree tree;

    Reading(String source) {
      this.source = source;
    }

    List<Site> read(String content) {
      tree = YamlTree.load(content, MAX_FILE_SIZE);
      problems.addAll(tree.problems());
      if (tree.root() == null) {
        if (problems.isEmpty()) {
          report("", 0, "file is empty: expected a 'sites' list");
        }
        throw failure();
      }
      SitesSchema.violations(tree).forEach(p -> report(p.field(), p.line(), p.message()));
      JsonNode defaults = tree.root().path("defaults");
      if (defaults.isObject()) {
        checkFields("defaults", defaults);
        checkDefaultTimeout(defaults);
      }
      boolean defaultsValid = !hasProblem("defaults");
      List<Site> sites = new ArrayList<>();
      JsonNode list = tree.root().path("sites");
      for (int i = 0; list.isArray() && i < list.size(); i++) {
        String path = YamlTree.item("sites", i);
        JsonNode site = list.get(i);
        if (site.isObject()) {
          checkFields(path, site);
          String id = id(path, site);
          if (id != null && defaultsValid && !hasProblem(path)) {
            site(path, defaults, site, id).ifPresent(sites::add);
          }
        }
      }
      if (!problems.isEmpty()) {
        throw failure();
      }
      return List.copyOf(sites);
    }

    // ---- rules on one field's value, where the schema found nothing wrong

    private void checkFields(String path, JsonNode fields) {
      check(child(path, "url"), fields.path("url"), SiteRules::urlTextProblem);
      check(
          child(path, "interval"),
          fields.path("interval"),
          text -> SiteRules.intervalProblem(Durations.parse(text)));
      check(
          child(path, "timeout"),
          fields.path("timeout"),
          text -> SiteRules.positiveProblem("timeout", Durations.parse(text)));
      check(
          child(path, "method"),
          fields.path("method"),
          text -> SiteRules.methodProblem(text.toUpperCase(Locale.ROOT)));
      String expect = child(path, "expect");
      check(
          child(expect, "regex"),
          fields.path("expect").path("regex"),
          regex -> SiteRules.regexProblem(regex, 0));
      check(
          child(expect, "maxResponseTime"),
          fields.path("expect").path("maxResponseTime"),
          text -> SiteRules.positiveProblem("maxResponseTime", Durations.parse(text)));
      String statusPath = child(expect, "status");
      JsonNode status = fields.path("expect").path("status");
      if (status.isArray()) {
        for (int i = 0; i < status.size(); i++) {
          check(YamlTree.item(statusPath, i), status.get(i), StatusRanges::problem);
        }
      } else {
        check(statusPath, status, StatusRanges::problem);
      }
      checkHeaders(child(path, "headers"), fields.path("headers"));
      String labels = child(path, "labels");
      for (Map.Entry<String, JsonNode> label : fields.path("labels").properties()) {
        check(
            child(labels, label.getKey()),
            label.getValue(),
            value -> CheckResult.labelProblem(label.getKey(), value).map(SiteRules::oneLine));
      }
    }

    private void checkHeaders(String path, JsonNode headers) {
      Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Map.Entry<String, JsonNode> header : headers.properties()) {
        String name = header.getKey();
        String field = child(path, name);
        String first = seen.putIfAbsent(name, field);
        if (first != null) {
          report(
              field,
              tree.keyLine(field),
              "header "
                  + SiteRules.quote(name)
                  + " is given twice (first at line "
                  + tree.keyLine(first)
                  + "; header names ignore case)");
        }
        check(field, header.getValue(), value -> headerProblem(name, value));
      }
    }

    private void check(String field, JsonNode value, Function<String, Optional<String>> rule) {
      if (value.isValueNode() && !value.isNull() && !hasProblem(field)) {
        rule.apply(value.asString()).ifPresent(message -> report(field, tree.line(field), message));
      }
    }

    private Optional<String> headerProblem(String name, String text) {
      HeaderSubstitution.Result result = substitution.substitute(text);
      return result instanceof HeaderSubstitution.Problem problem
          ? Optional.of(problem.message())
          : SiteRules.headerValueProblem(name, ((HeaderSubstitution.Substituted) result).value());
    }

    // ---- ids

    /** The site's id, given or derived, checked for duplicates; null when there is none. */
    private String id(String path, JsonNode site) {
      String derivedFrom =
          Stream.of("id", "name", "url").filter(site::has).findFirst().orElse(null);
      if (derivedFrom == null || hasProblem(child(path, derivedFrom))) {
        return null;
      }
      String text = site.get(derivedFrom).asString();
      String id =
          switch (derivedFrom) {
            case "id" -> text;
            case "name" -> SiteIds.fromName(text);
            default -> SiteIds.fromUrl(URI.create(text));
          };
      String idPath = child(path, "id");
      int line = tree.line(derivedFrom.equals("id") ? idPath : path);
      if (id.isEmpty()) {
        report(
            idPath,
            line,
            "cannot derive an id from the "
                + derivedFrom
                + " "
                + SiteRules.quote(text)
                + ": set 'id'");
        return null;
      }
      IdUse first = ids.putIfAbsent(id, new IdUse(path, line, derivedFrom));
      if (first == null) {
        return id;
      }
      if (derivedFrom.equals("id")) {
        report(
            idPath,
            line,
            "duplicate id "
                + SiteRules.quote(id)
                + ", also used by "
                + first.path()
                + " at line "
                + first.line()
                + (first.derivedFrom().equals("id")
                    ? ""
                    : " (derived from its "
                        + first.derivedFrom()
                        + "; set a distinct 'id' there)"));
      } else {
        report(
            idPath,
            line,
            "id "
                + SiteRules.quote(id)
                + " derived from the "
                + derivedFrom
                + " is also used by "
                + first.path()
                + " at line "
                + first.line()
                + ": set a distinct 'id'");
      }
      return null;
    }

    // ---- rules across fields, on a site with its defaults applied

    private void checkDefaultTimeout(JsonNode defaults) {
      if (!defaults.has("timeout")
          || hasProblem("defaults.timeout")
          || hasProblem("defaults.interval")) {
        return;
      }
      Duration timeout = Durations.parse(defaults.get("timeout").asString());
      boolean own = defaults.has("interval");
      Duration interval =
          own ? Durations.parse(defaults.get("interval").asString()) : Schedule.DEFAULT_INTERVAL;
      if (timeout.compareTo(interval) > 0) {
        report(
            "defaults.timeout",
            tree.line("defaults.timeout"),
            exceeds(timeout, interval)
                + (own ? "" : " (the built-in default): set a longer defaults.interval too"));
      }
    }

    private Optional<Site> site(String path, JsonNode defaults, JsonNode fields, String id) {
      SiteSpec spec = MAPPER.treeToValue(merge(defaults, fields), SiteSpec.class);
      Duration interval = duration(spec.interval()).orElse(Schedule.DEFAULT_INTERVAL);
      Duration timeout = duration(spec.timeout()).orElse(Schedule.every(interval).timeout());
      if (timeout.compareTo(interval) > 0) {
        reportTimeoutTooLong(path, fields, timeout, interval);
        return Optional.empty();
      }
      String method = Objects.requireNonNullElse(spec.method(), Request.DEFAULT_METHOD);
      SiteSpec.Expect expect =
          spec.expect() != null ? spec.expect() : new SiteSpec.Expect(null, null, null, null);
      Optional<Duration> maxResponseTime = duration(expect.maxResponseTime());
      int retries = Objects.requireNonNullElse(spec.retries(), 0);
      boolean consistent =
          crossCheck(
                  path,
                  fields,
                  "body",
                  Optional.ofNullable(spec.body())
                      .flatMap(
                          body -> SiteRules.bodyProblem(method.toUpperCase(Locale.ROOT), body)))
              & crossCheck(
                  path,
                  fields,
                  "expect.maxResponseTime",
                  maxResponseTime.flatMap(max -> SiteRules.maxResponseTimeProblem(max, timeout)))
              & crossCheck(
                  path, fields, "retries", SiteRules.retriesFitProblem(retries, timeout, interval));
      if (!consistent) {
        return Optional.empty();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (spec.headers() != null) {
        spec.headers()
            .forEach(
                (name, value) ->
                    headers.put(
                        name,
                        ((HeaderSubstitution.Substituted) substitution.substitute(value)).value()));
      }
      try {
        return Optional.of(
            new Site(
                id,
                spec.name() != null ? spec.name() : id,
                new Request(
                    method, URI.create(spec.url()), headers, Optional.ofNullable(spec.body())),
                new Schedule(interval, timeout),
                new Expectation(
                    expect.status() == null
                        ? StatusRanges.DEFAULT
                        : StatusRanges.parse(String.join(",", expect.status())),
                    Optional.ofNullable(expect.regex()).map(regex -> new BodyPattern(regex, 0)),
                    Objects.requireNonNullElse(
                        expect.maxBodyBytes(), Expectation.DEFAULT_MAX_BODY_BYTES),
                    maxResponseTime,
                    Optional.ofNullable(spec.tls()).map(SiteSpec.Tls::minDaysLeft)),
                new RedirectPolicy(
                    !Boolean.FALSE.equals(spec.followRedirects()),
                    Objects.requireNonNullElse(spec.maxRedirects(), RedirectPolicy.DEFAULT_MAX),
                    Boolean.TRUE.equals(spec.allowInsecureRedirects())),
                retries,
                Objects.requireNonNullElse(spec.labels(), Map.of())));
      } catch (IllegalArgumentException e) {
        report(path, tree.line(path), e.getMessage());
        return Optional.empty();
      }
    }

    /**
     * Reports a timeout longer than the interval at the site's own timeout or interval. When the
     * defaults alone are to blame, they were reported once, at the defaults.
     */
    private void reportTimeoutTooLong(
        String path, JsonNode site, Duration timeout, Duration interval) {
      String timeoutPath = child(path, "timeout");
      String intervalPath = child(path, "interval");
      boolean defaultInterval = tree.root().path("defaults").has("interval");
      if (site.has("timeout")) {
        report(
            timeoutPath,
            tree.line(timeoutPath),
            exceeds(timeout, interval)
                + (site.has("interval")
                    ? ""
                    : defaultInterval
                        ? " set in defaults (line " + tree.line("defaults.interval") + ")"
                        : " (the built-in default)"));
      } else if (site.has("interval")) {
        report(
            intervalPath,
            tree.line(intervalPath),
            "interval "
                + Durations.format(interval)
                + " is shorter than the timeout "
                + Durations.format(timeout)
                + " set in defaults (line "
                + tree.line("defaults.timeout")
                + "): set a shorter timeout for this site");
      }
    }

    /**
     * Reports a problem of a field that depends on others at the site's own field, or else at the
     * defaults' field the site took it from.
     *
     * @return whether there was no problem
     */
    private boolean crossCheck(String path, JsonNode site, String field, Optional<String> problem) {
      if (problem.isEmpty()) {
        return true;
      }
      if (!site.at("/" + field.replace('.', '/')).isMissingNode()) {
        report(path + "." + field, tree.line(path + "." + field), problem.get());
      } else {
        report(
            "defaults." + field,
            tree.line("defaults." + field),
            problem.get() + " (for " + path + ", which takes it from the defaults)");
      }
      return false;
    }

    // ---- problems

    /** Whether a problem was found at the field or within it. */
    private boolean hasProblem(String field) {
      return problems.stream()
          .map(YamlTree.Problem::field)
          .anyMatch(
              at -> at.equals(field) || at.startsWith(field + ".") || at.startsWith(field + "["));
    }

    /** Adds a problem unless the field, or a field it is in, has one already. */
    private void report(String field, int line, String message) {
      boolean covered =
          problems.stream()
              .map(YamlTree.Problem::field)
              .anyMatch(at -> !at.isEmpty() && (field.equals(at) || field.startsWith(at + ".")));
      if (!covered) {
        problems.add(new YamlTree.Problem(field, line, message));
      }
    }

    private InvalidSitesFileException failure() {
      return new InvalidSitesFileException(
          problems.stream()
              .sorted(
                  Comparator.comparingInt(YamlTree.Problem::line)
                      .thenComparing(YamlTree.Problem::field))
              .map(
                  p ->
                      new Problem(
                          source,
                          p.line(),
                          // A status in a list is reported under the list's field, as one status.
                          p.field().replaceFirst("(\\.status)\\[\\d+]$", "$1"),
                          p.message()))
              .toList());
    }
  }

  /**
   * The site's fields over the defaults': mappings merge, a site's header replaces a default one of
   * the same name in any case, and a field without a value is left out.
   */
  private static ObjectNode merge(JsonNode defaults, JsonNode site) {
    ObjectNode merged =
        defaults.isObject()
            ? (ObjectNode) defaults.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : site.properties()) {
      JsonNode value = field.getValue();
      JsonNode base = merged.path(field.getKey());
      if (field.getKey().equals("headers") && base.isObject()) {
        ObjectNode kept = (ObjectNode) base.deepCopy();
        for (String name : base.propertyNames()) {
          if (value.propertyNames().stream().anyMatch(name::equalsIgnoreCase)) {
            kept.remove(name);
          }
        }
        base = kept;
      }
      if (!value.isNull()) {
        merged.set(
            field.getKey(), base.isObject() && value.isObject() ? merge(base, value) : value);
      }
    }
    return merged;
  }

  private static Optional<Duration> duration(String text) {
    return Optional.ofNullable(text).map(Durations::parse);
  }

  private static String exceeds(Duration timeout, Duration interval) {
    return "timeout "
        + Durations.format(timeout)
        + " exceeds the interval "
        + Durations.format(interval);
  }

  /** Where an id was first used, for naming both sites when it comes again. */
  private record IdUse(String path, int line, String derivedFrom) {}
}
