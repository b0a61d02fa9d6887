package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.InvalidSitesFileException.NO_FIELD;
import static org.sitewatch.checker.site.InvalidSitesFileException.NO_LINE;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;
import org.sitewatch.common.CheckResult;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the sites file: YAML listing the sites to probe, with optional defaults for all of them.
 *
 * <pre>
 * defaults:              # optional; any site field except url, id and name
 *   interval: 60s
 *   timeout: 10s
 * sites:
 *   - url: https://example.com      # required, absolute http or https, no user:password@
 *     id: example                   # default: derived from name, else from the url's host and path
 *     name: Example Domain          # default: the id
 *     interval: 30s                 # default 60s; 1s to 24h
 *     timeout: 5s                   # default 10s, or the interval if shorter; at most the interval
 *     method: GET                   # GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS
 *     headers:
 *       User-Agent: sitewatch
 *     expect:
 *       status: [200-299, 301]      # default 200-399
 *       regex: "Example Domain"     # searched for in the body
 * </pre>
 *
 * <p>The whole file is checked before anything is returned: every problem is collected and thrown
 * together in an {@link InvalidSitesFileException} naming the file, line and field of each.
 *
 * <p>The YAML is only composed into a node tree, never constructed into objects, and plain YAML
 * only: type tags ({@code !!python/object}, {@code !foo}) are rejected, and aliases, nesting and
 * size are capped so that a hostile file cannot exhaust memory. Merge keys ({@code <<: *base}) are
 * allowed. Stateless and safe to share between threads.
 */
public final class SitesFileParser {

  /**
   * Largest sites file read, in bytes, and in characters when given as a string: room for 100,000
   * sites of 600 bytes each (headers, regex and labels included), and a bound on the memory a
   * mistaken or hostile file can take.
   */
  public static final int MAX_FILE_SIZE = 64 * 1024 * 1024;

  /** Most aliases to lists and mappings a file may use: a few per site is plenty. */
  static final int MAX_ALIASES_FOR_COLLECTIONS = 50;

  /**
   * The deepest the file legitimately nests is 5 (sites, a site, expect, status); room to spare.
   */
  static final int MAX_NESTING_DEPTH = 20;

  private static final List<String> FILE_FIELDS = List.of("defaults", "sites");
  private static final List<String> SITE_FIELDS =
      List.of(
          "url",
          "id",
          "name",
          "interval",
          "timeout",
          "method",
          "headers",
          "body",
          "expect",
          "followRedirects",
          "maxRedirects",
          "allowInsecureRedirects",
          "tls",
          "retries",
          "labels");
  private static final List<String> DEFAULTS_FIELDS =
      SITE_FIELDS.subList(SITE_FIELDS.indexOf("interval"), SITE_FIELDS.size());
  private static final List<String> EXPECT_FIELDS =
      List.of("status", "regex", "maxBodyBytes", "maxResponseTime");
  private static final List<String> TLS_FIELDS = List.of("minDaysLeft");

  /** What a plain scalar can resolve to; its text is used whatever the type. */
  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

  private static final String GLOBAL_TAG_PROBLEM = "Global tag is not allowed: ";

  private final HeaderSubstitution substitution;

  /**
   * A parser that takes {@code ${NAME}} in header values from the process environment, refusing
   * every variable of the server's own.
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
   * @throws InvalidSitesFileException listing every problem, when the file cannot be read or is not
   *     a valid sites file
   */
  public List<Site> parse(Path file) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw fileProblem(source, "is a directory, not a sites file");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw tooLarge(source);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fileProblem(source, "file not found");
    } catch (AccessDeniedException e) {
      throw fileProblem(source, "cannot read the file: permission denied");
    } catch (IOException e) {
      throw fileProblem(source, "cannot read the file: " + e);
    }
    if (bytes.length > MAX_FILE_SIZE) {
      throw tooLarge(source);
    }
    return parse(decode(bytes, source), source);
  }

  /**
   * Checks the content of a sites file.
   *
   * @param sourceName the file name to put in messages
   * @return the sites in the order the content lists them
   * @throws InvalidSitesFileException listing every problem, when the content is not a valid sites
   *     file
   */
  public List<Site> parse(String content, String sourceName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(sourceName, "sourceName");
    return new Reading(sourceName, substitution).read(content);
  }

  private static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new InvalidSitesFileException(
          List.of(new Problem(source, line, NO_FIELD, "not valid UTF-8")));
    }
    return out.flip().toString();
  }

  private static InvalidSitesFileException tooLarge(String source) {
    return fileProblem(source, "file is larger than the limit of " + MAX_FILE_SIZE + " bytes");
  }

  private static InvalidSitesFileException fileProblem(String source, String message) {
    return new InvalidSitesFileException(List.of(new Problem(source, NO_LINE, NO_FIELD, message)));
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_FILE_SIZE);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(true);
    options.setProcessComments(false);
    // The default tag inspector stays: it rejects global tags such as !!python/object already
    // while composing; Reading also rejects local ones.
    return options;
  }

  /** One sites file being read: collects its problems. */
  private static final class Reading {

    private final String source;
    private final HeaderSubstitution substitution;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, IdUse> ids = new HashMap<>();

    Reading(String source, HeaderSubstitution substitution) {
      this.source = source;
      this.substitution = substitution;
    }

    List<Site> read(String content) {
      if (content.length() > MAX_FILE_SIZE
          && content.codePointCount(0, content.length()) > MAX_FILE_SIZE) {
        add(NO_LINE, NO_FIELD, "file is larger than the limit of " + MAX_FILE_SIZE + " characters");
        throw failure();
      }
      Node root = compose(content.startsWith("\uFEFF") ? content.substring(1) : content);
      if (!problems.isEmpty()) {
        throw failure();
      }
      if (root == null || isNull(root)) {
        add(NO_LINE, NO_FIELD, "file is empty: expected a 'sites' list");
        throw failure();
      }
      List<Site> sites = sites(root);
      if (!problems.isEmpty()) {
        throw failure();
      }
      return sites;
    }

    private InvalidSitesFileException failure() {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
      return new InvalidSitesFileException(sorted);
    }

    // ---- YAML

    private Node compose(String content) {
      LoaderOptions options = loaderOptions();
      EventRecordingParser parser =
          new EventRecordingParser(new ParserImpl(new StreamReader(content), options));
      try {
        return new Composer(parser, new Resolver(), options).getSingleNode();
      } catch (MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        add(line(mark), NO_FIELD, yamlProblem(e));
      } catch (YAMLException e) {
        // Limits are checked without a position: the last event read is where the reading stopped.
        Event last = parser.last();
        int line = last == null ? NO_LINE : line(last.getStartMark());
        if (last instanceof AliasEvent) {
          add(
              line,
              NO_FIELD,
              "too many aliases (more than "
                  + MAX_ALIASES_FOR_COLLECTIONS
                  + " to lists or mappings): refusing a file that could expand without bound"
                  + " (a 'billion laughs' attack)");
        } else {
          add(line, NO_FIELD, "not valid YAML: " + SiteRules.oneLine(e.getMessage()));
        }
      }
      return null;
    }

    private static String yamlProblem(MarkedYAMLException e) {
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      if (problem.startsWith(GLOBAL_TAG_PROBLEM)) {
        return tagProblem(new Tag(problem.substring(GLOBAL_TAG_PROBLEM.length())));
      }
      StringBuilder message = new StringBuilder("not valid YAML: ").append(problem);
      if (e.getContext() != null) {
        message.append(" (").append(e.getContext());
        if (e.getContextMark() != null) {
          message.append(" at line ").append(line(e.getContextMark()));
        }
        message.append(')');
      }
      return SiteRules.oneLine(message.toString());
    }

    private static String tagProblem(Tag tag) {
      String shown =
          tag.getValue().startsWith(Tag.PREFIX)
              ? "!!" + tag.getValue().substring(Tag.PREFIX.length())
              : tag.getValue();
      return "tag "
          + SiteRules.quote(shown)
          + " is not allowed: the sites file is plain YAML, without type tags";
    }

    // ---- the file

    private List<Site> sites(Node root) {
      MappingNode top = mapping(root, NO_FIELD, "a mapping with a 'sites' list");
      if (top == null) {
        return List.of();
      }
      Map<String, NodeTuple> fields = fields(top, NO_FIELD, FILE_FIELDS);
      Settings defaults = new Settings();
      int beforeDefaults = problems.size();
      NodeTuple defaultsField = fields.get("defaults");
      if (defaultsField != null && !isNull(defaultsField.getValueNode())) {
        MappingNode map =
            mapping(defaultsField.getValueNode(), "defaults", "a mapping of values for every site");
        if (map != null) {
          defaults = settings(map, "defaults", DEFAULTS_FIELDS);
          checkDefaultTimeout(defaults);
        }
      }
      boolean defaultsValid = problems.size() == beforeDefaults;

      NodeTuple sitesField = fields.get("sites");
      if (sitesField == null) {
        add(top, "sites", "missing: the file must list its sites under 'sites'");
        return List.of();
      }
      Node sitesNode = sitesField.getValueNode();
      if (!(sitesNode instanceof SequenceNode list)) {
        add(sitesNode, "sites", "expected a list of sites, found " + kind(sitesNode));
        return List.of();
      }
      if (!tagAllowed(list, "sites")) {
        return List.of();
      }
      List<Site> sites = new ArrayList<>();
      for (int i = 0; i < list.getValue().size(); i++) {
        Site site = site(list.getValue().get(i), "sites[" + i + "]", defaults, defaultsValid);
        if (site != null) {
          sites.add(site);
        }
      }
      return List.copyOf(sites);
    }

    private void checkDefaultTimeout(Settings defaults) {
      if (defaults.timeout == null
          || (defaults.intervalNode != null && defaults.interval == null)) {
        return;
      }
      Duration interval = defaults.interval != null ? defaults.interval : Site.DEFAULT_INTERVAL;
      if (defaults.timeout.compareTo(interval) > 0) {
        add(
            defaults.timeoutNode,
            "defaults.timeout",
            "timeout "
                + Durations.format(defaults.timeout)
                + " exceeds the interval "
                + Durations.format(interval)
                + (defaults.intervalNode == null
                    ? " (the built-in default): set a longer defaults.interval too"
                    : ""));
      }
    }

    // ---- one site

    private Site site(Node node, String path, Settings defaults, boolean defaultsValid) {
      int before = problems.size();
      MappingNode map = mapping(node, path, "a site: a mapping with at least a 'url'");
      if (map == null) {
        return null;
      }
      Settings site = settings(map, path, SITE_FIELDS);
      if (site.urlNode == null) {
        add(map, path + ".url", "missing: every site needs a url");
      }
      String id = id(site, map, path);
      if (problems.size() > before || !defaultsValid) {
        return null;
      }

      Duration interval = firstOf(site.interval, defaults.interval, Site.DEFAULT_INTERVAL);
      Duration timeout;
      if (site.timeoutNode == null && defaults.timeoutNode == null) {
        timeout = min(Site.DEFAULT_TIMEOUT, interval);
      } else {
        timeout = firstOf(site.timeout, defaults.timeout, null);
        if (timeout.compareTo(interval) > 0) {
          reportTimeoutTooLong(site, defaults, path, interval);
          return null;
        }
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (defaults.headers != null) {
        headers.putAll(defaults.headers);
      }
      if (site.headers != null) {
        // A site's header replaces a default one of the same name, whatever its case.
        headers.keySet().removeIf(name -> containsIgnoreCase(site.headers.keySet(), name));
        headers.putAll(site.headers);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (defaults.labels != null) {
        labels.putAll(defaults.labels);
      }
      if (site.labels != null) {
        labels.putAll(site.labels);
      }
      String method = firstOf(site.method, defaults.method, Site.DEFAULT_METHOD);
      String body = firstOf(site.body, defaults.body, null);
      Duration maxResponseTime = firstOf(site.maxResponseTime, defaults.maxResponseTime, null);
      int retries = firstOf(site.retries, defaults.retries, 0);
      boolean consistent =
          crossCheck(
                  site.bodyNode,
                  defaults.bodyNode,
                  path,
                  "body",
                  body == null ? Optional.empty() : SiteRules.bodyProblem(method, body))
              & crossCheck(
                  site.maxResponseTimeNode,
                  defaults.maxResponseTimeNode,
                  path,
                  "expect.maxResponseTime",
                  maxResponseTime == null
                      ? Optional.empty()
                      : SiteRules.maxResponseTimeProblem(maxResponseTime, timeout))
              & crossCheck(
                  site.retriesNode,
                  defaults.retriesNode,
                  path,
                  "retries",
                  SiteRules.retriesFitProblem(retries, timeout, interval));
      if (!consistent) {
        return null;
      }
      try {
        return new Site(
            id,
            site.name != null ? site.name : id,
            site.url,
            interval,
            timeout,
            method,
            headers,
            Optional.ofNullable(body),
            firstOf(site.status, defaults.status, StatusRanges.DEFAULT),
            Optional.ofNullable(firstOf(site.regex, defaults.regex, null)),
            firstOf(site.maxBodyBytes, defaults.maxBodyBytes, Site.DEFAULT_MAX_BODY_BYTES),
            Optional.ofNullable(maxResponseTime),
            firstOf(site.followRedirects, defaults.followRedirects, true),
            firstOf(site.maxRedirects, defaults.maxRedirects, Site.DEFAULT_MAX_REDIRECTS),
            firstOf(site.allowInsecureRedirects, defaults.allowInsecureRedirects, false),
            Optional.ofNullable(firstOf(site.tlsMinDaysLeft, defaults.tlsMinDaysLeft, null)),
            retries,
            labels);
      } catch (IllegalArgumentException e) {
        add(map, path, e.getMessage());
        return null;
      }
    }

    /**
     * Reports a timeout longer than the interval at the site's own timeout or interval. When the
     * defaults alone are to blame, they were reported once, at the defaults.
     */
    private void reportTimeoutTooLong(
        Settings site, Settings defaults, String path, Duration interval) {
      if (site.timeoutNode != null) {
        add(
            site.timeoutNode,
            path + ".timeout",
            "timeout "
                + Durations.format(site.timeout)
                + " exceeds the interval "
                + Durations.format(interval)
                + (site.intervalNode != null
                    ? ""
                    : defaults.intervalNode != null
                        ? " set in defaults (line " + line(defaults.intervalNode) + ")"
                        : " (the built-in default)"));
      } else if (site.intervalNode != null) {
        add(
            site.intervalNode,
            path + ".interval",
            "interval "
                + Durations.format(interval)
                + " is shorter than the timeout "
                + Durations.format(defaults.timeout)
                + " set in defaults (line "
                + line(defaults.timeoutNode)
                + "): set a shorter timeout for this site");
      }
    }

    /**
     * Reports a problem of a field that depends on others (a body needs a method that sends one) at
     * the site's own field, or else at the defaults' field the site took it from.
     *
     * @return whether there was no problem
     */
    private boolean crossCheck(
        Node siteNode, Node defaultsNode, String path, String field, Optional<String> problem) {
      if (problem.isEmpty()) {
        return true;
      }
      if (siteNode != null) {
        add(siteNode, path + "." + field, problem.get());
      } else {
        add(
            defaultsNode,
            "defaults." + field,
            problem.get() + " (for " + path + ", which takes it from the defaults)");
      }
      return false;
    }

    /** The site's id, given or derived, checked for duplicates; null when there is none. */
    private String id(Settings site, MappingNode map, String path) {
      String id;
      String derivedFrom;
      if (site.idNode != null) {
        id = site.id;
        derivedFrom = null;
      } else if (site.nameNode != null) {
        id = site.name == null ? null : SiteIds.fromName(site.name);
        derivedFrom = "name";
      } else {
        id = site.url == null ? null : SiteIds.fromUrl(site.url);
        derivedFrom = "url";
      }
      if (id == null) {
        return null;
      }
      Node at = site.idNode != null ? site.idNode : map;
      String idPath = path + ".id";
      if (id.isEmpty()) {
        add(
            at,
            idPath,
            "cannot derive an id from the "
                + derivedFrom
                + " "
                + SiteRules.quote(site.name != null ? site.name : site.url.toString())
                + ": set 'id'");
        return null;
      }
      IdUse first = ids.putIfAbsent(id, new IdUse(path, line(at), derivedFrom));
      if (first == null) {
        return id;
      }
      if (derivedFrom == null) {
        add(
            at,
            idPath,
            "duplicate id "
                + SiteRules.quote(id)
                + ", also used by "
                + first.path()
                + " at line "
                + first.line()
                + (first.derivedFrom() == null
                    ? ""
                    : " (derived from its "
                        + first.derivedFrom()
                        + "; set a distinct 'id' there)"));
      } else {
        add(
            at,
            idPath,
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

    /** A site's own fields, or the defaults; a field given with a bad value is reported. */
    private Settings settings(MappingNode map, String path, List<String> known) {
      Settings settings = new Settings();
      for (Map.Entry<String, NodeTuple> field : fields(map, path, known).entrySet()) {
        Node value = field.getValue().getValueNode();
        String fieldPath = path + "." + field.getKey();
        switch (field.getKey()) {
          case "url" -> {
            settings.urlNode = value;
            settings.url = url(value, fieldPath);
          }
          case "id" -> {
            settings.idNode = value;
            settings.id = text(value, fieldPath, SiteRules::idProblem);
          }
          case "name" -> {
            settings.nameNode = value;
            settings.name = text(value, fieldPath, SiteRules::nameProblem);
          }
          case "interval" -> {
            settings.intervalNode = value;
            settings.interval = duration(value, fieldPath, SiteRules::intervalProblem);
          }
          case "timeout" -> {
            settings.timeoutNode = value;
            settings.timeout = duration(value, fieldPath, SiteRules::timeoutProblem);
          }
          case "method" -> {
            String method = scalar(value, fieldPath);
            settings.method =
                method == null
                    ? null
                    : checked(
                        value,
                        fieldPath,
                        method.toUpperCase(Locale.ROOT),
                        SiteRules::methodProblem);
          }
          case "headers" -> settings.headers = headers(value, fieldPath);
          case "body" -> {
            settings.bodyNode = value;
            settings.body = scalar(value, fieldPath);
          }
          case "expect" -> expect(value, fieldPath, settings);
          case "followRedirects" -> settings.followRedirects = bool(value, fieldPath);
          case "maxRedirects" ->
              settings.maxRedirects = integer(value, fieldPath, SiteRules::maxRedirectsProblem);
          case "allowInsecureRedirects" -> settings.allowInsecureRedirects = bool(value, fieldPath);
          case "tls" -> tls(value, fieldPath, settings);
          case "retries" -> {
            settings.retriesNode = value;
            settings.retries = integer(value, fieldPath, SiteRules::retriesProblem);
          }
          case "labels" -> settings.labels = labels(value, fieldPath);
          default -> throw new IllegalStateException("unhandled field " + field.getKey());
        }
      }
      return settings;
    }

    private URI url(Node node, String path) {
      String text = scalar(node, path);
      if (text == null || checked(node, path, text, SiteRules::credentialsProblem) == null) {
        return null;
      }
      for (int i = 0; i < text.length(); i++) {
        if (Character.isWhitespace(text.charAt(i)) || Character.isISOControl(text.charAt(i))) {
          add(
              node,
              path,
              SiteRules.quote(text)
                  + " is not a valid URL: it contains a space or control character at index "
                  + i
                  + " (encode a space as %20)");
          return null;
        }
      }
      URI url;
      try {
        url = new URI(text);
      } catch (URISyntaxException e) {
        add(
            node,
            path,
            SiteRules.quote(text)
                + " is not a valid URL: "
                + e.getReason()
                + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        return null;
      }
      return checked(node, path, url, SiteRules::urlProblem);
    }

    private Duration duration(Node node, String path, Rule<Duration> rule) {
      String text = scalar(node, path);
      if (text == null) {
        return null;
      }
      Duration duration;
      try {
        duration = Durations.parse(text);
      } catch (IllegalArgumentException e) {
        add(node, path, e.getMessage());
        return null;
      }
      return checked(node, path, duration, rule);
    }

    private Map<String, String> headers(Node node, String path) {
      Map<String, String> headers = new LinkedHashMap<>();
      if (isNull(node)) {
        return headers;
      }
      MappingNode map = mapping(node, path, "a mapping of header names to values");
      if (map == null) {
        return null;
      }
      Map<String, Node> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (NodeTuple tuple : map.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode key)) {
          add(keyNode, path, "expected a header name, found " + kind(keyNode));
          continue;
        }
        if (!tagAllowed(keyNode, path)) {
          continue;
        }
        String name = key.getValue();
        String headerPath = path + "." + SiteRules.printable(name);
        boolean valid = checked(keyNode, headerPath, name, SiteRules::headerNameProblem) != null;
        Node first = seen.putIfAbsent(name, keyNode);
        if (first != null) {
          add(
              keyNode,
              headerPath,
              "header "
                  + SiteRules.quote(name)
                  + " is given twice (first at line "
                  + line(first)
                  + "; header names ignore case)");
          valid = false;
        }
        String value = substituted(tuple.getValueNode(), headerPath);
        if (value != null) {
          Rule<String> rule = text -> SiteRules.headerValueProblem(name, text);
          valid &= checked(tuple.getValueNode(), headerPath, value, rule) != null;
        }
        if (valid && value != null) {
          headers.put(name, value);
        }
      }
      return headers;
    }

    /** A header value with its environment variables put in; null when one is missing. */
    private String substituted(Node node, String path) {
      String text = scalar(node, path);
      if (text == null) {
        return null;
      }
      HeaderSubstitution.Result result = substitution.substitute(text);
      if (result instanceof HeaderSubstitution.Problem problem) {
        add(node, path, problem.message());
        return null;
      }
      return ((HeaderSubstitution.Substituted) result).value();
    }

    private Map<String, String> labels(Node node, String path) {
      Map<String, String> labels = new LinkedHashMap<>();
      if (isNull(node)) {
        return labels;
      }
      MappingNode map = mapping(node, path, "a mapping of label names to values");
      if (map == null) {
        return null;
      }
      boolean valid = true;
      for (NodeTuple tuple : map.getValue()) {
        Node keyNode = tuple.getKeyNode();
        String key = scalar(keyNode, path);
        if (key == null) {
          valid = false;
          continue;
        }
        String labelPath = path + "." + SiteRules.printable(key);
        String value = scalar(tuple.getValueNode(), labelPath);
        if (value == null) {
          valid = false;
          continue;
        }
        if (labels.containsKey(key)) {
          add(keyNode, labelPath, "label " + SiteRules.quote(key) + " is given twice");
          valid = false;
          continue;
        }
        Optional<String> problem = CheckResult.labelProblem(key, value);
        if (problem.isPresent()) {
          add(keyNode, labelPath, SiteRules.oneLine(problem.get()));
          valid = false;
          continue;
        }
        labels.put(key, value);
      }
      if (labels.size() > CheckResult.MAX_LABELS) {
        add(node, path, labels.size() + " labels, at most " + CheckResult.MAX_LABELS);
        return null;
      }
      return valid ? labels : null;
    }

    private void tls(Node node, String path, Settings settings) {
      if (isNull(node)) {
        return;
      }
      MappingNode map = mapping(node, path, "a mapping with 'minDaysLeft'");
      if (map == null) {
        return;
      }
      for (Map.Entry<String, NodeTuple> field : fields(map, path, TLS_FIELDS).entrySet()) {
        Node value = field.getValue().getValueNode();
        String fieldPath = path + "." + field.getKey();
        switch (field.getKey()) {
          case "minDaysLeft" ->
              settings.tlsMinDaysLeft = integer(value, fieldPath, SiteRules::tlsMinDaysLeftProblem);
          default -> throw new IllegalStateException("unhandled field " + field.getKey());
        }
      }
    }

    private Boolean bool(Node node, String path) {
      String text = scalar(node, path);
      if (text == null) {
        return null;
      }
      if (text.equals("true") || text.equals("false")) {
        return Boolean.valueOf(text);
      }
      add(node, path, "expected true or false, found " + SiteRules.quote(text));
      return null;
    }

    private Integer integer(Node node, String path, Rule<Long> rule) {
      String text = scalar(node, path);
      if (text == null) {
        return null;
      }
      if (!text.matches("-?[0-9]{1,12}")) {
        add(node, path, "expected a whole number, found " + SiteRules.quote(text));
        return null;
      }
      Long value = checked(node, path, Long.parseLong(text), rule);
      return value == null ? null : value.intValue();
    }

    private void expect(Node node, String path, Settings settings) {
      if (isNull(node)) {
        return;
      }
      MappingNode map =
          mapping(
              node,
              path,
              "a mapping with 'status', 'regex', 'maxBodyBytes' and/or 'maxResponseTime'");
      if (map == null) {
        return;
      }
      for (Map.Entry<String, NodeTuple> field : fields(map, path, EXPECT_FIELDS).entrySet()) {
        Node value = field.getValue().getValueNode();
        String fieldPath = path + "." + field.getKey();
        switch (field.getKey()) {
          case "status" -> settings.status = status(value, fieldPath);
          case "regex" -> settings.regex = regex(value, fieldPath);
          case "maxBodyBytes" ->
              settings.maxBodyBytes = integer(value, fieldPath, SiteRules::maxBodyBytesProblem);
          case "maxResponseTime" -> {
            settings.maxResponseTimeNode = value;
            settings.maxResponseTime = duration(value, fieldPath, SiteRules::timeoutProblem);
          }
          default -> throw new IllegalStateException("unhandled field " + field.getKey());
        }
      }
    }

    /** A status, a range or a list of them; each element is reported under the same path. */
    private StatusRanges status(Node node, String path) {
      List<Node> items;
      if (node instanceof SequenceNode list) {
        if (!tagAllowed(list, path)) {
          return null;
        }
        items = list.getValue();
        if (items.isEmpty()) {
          add(node, path, "empty list: give at least one status or range, e.g. 200-299");
          return null;
        }
      } else {
        items = List.of(node);
      }
      List<StatusRanges.Range> ranges = new ArrayList<>();
      boolean valid = true;
      for (Node item : items) {
        String text = scalar(item, path);
        if (text == null) {
          valid = false;
          continue;
        }
        try {
          ranges.addAll(StatusRanges.parse(text).ranges());
        } catch (IllegalArgumentException e) {
          add(item, path, e.getMessage());
          valid = false;
        }
      }
      return valid ? StatusRanges.of(ranges) : null;
    }

    private Pattern regex(Node node, String path) {
      String text = scalar(node, path);
      if (text == null) {
        return null;
      }
      try {
        return Pattern.compile(text);
      } catch (PatternSyntaxException e) {
        add(
            node,
            path,
            "invalid regex "
                + SiteRules.quote(text)
                + ": "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        return null;
      }
    }

    // ---- YAML shapes

    /**
     * The known fields of a mapping by name; unknown, duplicate and non-text keys are reported and
     * left out.
     */
    private Map<String, NodeTuple> fields(MappingNode map, String path, List<String> known) {
      Map<String, NodeTuple> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : map.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode key)) {
          add(keyNode, path, "expected a field name, found " + kind(keyNode));
          continue;
        }
        if (!tagAllowed(keyNode, path)) {
          continue;
        }
        String name = key.getValue();
        String fieldPath =
            path.isEmpty() ? SiteRules.printable(name) : path + "." + SiteRules.printable(name);
        if (!known.contains(name)) {
          add(
              keyNode,
              fieldPath,
              "unknown field "
                  + SiteRules.quote(name)
                  + " (known: "
                  + String.join(", ", known)
                  + ")");
          continue;
        }
        NodeTuple first = fields.putIfAbsent(name, tuple);
        if (first != null) {
          add(
              keyNode,
              fieldPath,
              "field '"
                  + name
                  + "' is given twice (first at line "
                  + line(first.getKeyNode())
                  + ")");
        }
      }
      return fields;
    }

    /** The node as a mapping, or null when it is something else, which is reported. */
    private MappingNode mapping(Node node, String path, String expected) {
      if (!(node instanceof MappingNode map)) {
        add(node, path, "expected " + expected + ", found " + kind(node));
        return null;
      }
      return tagAllowed(node, path) ? map : null;
    }

    /** The text of a single value, or null when the node is not one or has none (reported). */
    private String scalar(Node node, String path) {
      if (!(node instanceof ScalarNode scalar)) {
        add(node, path, "expected a single value, found " + kind(node));
        return null;
      }
      if (!tagAllowed(node, path)) {
        return null;
      }
      if (isNull(node)) {
        add(node, path, "no value given");
        return null;
      }
      return scalar.getValue();
    }

    private String text(Node node, String path, Rule<String> rule) {
      String text = scalar(node, path);
      return text == null ? null : checked(node, path, text, rule);
    }

    /** The value when it obeys the rule, else null, and the problem reported. */
    private <T> T checked(Node node, String path, T value, Rule<T> rule) {
      Optional<String> problem = rule.check(value);
      problem.ifPresent(message -> add(node, path, message));
      return problem.isPresent() ? null : value;
    }

    private boolean tagAllowed(Node node, String path) {
      Tag tag = node.getTag();
      boolean allowed =
          switch (node.getNodeId()) {
            case mapping -> tag.equals(Tag.MAP);
            case sequence -> tag.equals(Tag.SEQ);
            case scalar -> SCALAR_TAGS.contains(tag);
            default -> false;
          };
      if (!allowed) {
        add(node, path, tagProblem(tag));
      }
      return allowed;
    }

    private static boolean isNull(Node node) {
      return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static String kind(Node node) {
      if (node instanceof MappingNode) {
        return "a mapping";
      }
      if (node instanceof SequenceNode) {
        return "a list";
      }
      if (isNull(node)) {
        return "nothing";
      }
      if (node instanceof ScalarNode scalar) {
        return SiteRules.quote(scalar.getValue());
      }
      return "a " + node.getNodeId();
    }

    private void add(Node node, String field, String message) {
      add(line(node), field, message);
    }

    private void add(int line, String field, String message) {
      problems.add(new Problem(source, line, field, message));
    }

    private static int line(Node node) {
      return line(node.getStartMark());
    }

    private static int line(Mark mark) {
      return mark == null ? NO_LINE : mark.getLine() + 1;
    }
  }

  /** A field's values as written for one site or in the defaults; null where absent or bad. */
  private static final class Settings {
    Node urlNode;
    URI url;
    Node idNode;
    String id;
    Node nameNode;
    String name;
    Node intervalNode;
    Duration interval;
    Node timeoutNode;
    Duration timeout;
    String method;
    Map<String, String> headers;
    StatusRanges status;
    Pattern regex;
    Node bodyNode;
    String body;
    Integer maxBodyBytes;
    Node maxResponseTimeNode;
    Duration maxResponseTime;
    Boolean followRedirects;
    Integer maxRedirects;
    Boolean allowInsecureRedirects;
    Integer tlsMinDaysLeft;
    Node retriesNode;
    Integer retries;
    Map<String, String> labels;
  }

  /** Where an id was first used, for naming both sites when it comes again. */
  private record IdUse(String path, int line, String derivedFrom) {}

  @FunctionalInterface
  private interface Rule<T> {
    Optional<String> check(T value);
  }

  /** Remembers the last event the composer took, to place errors reported without a position. */
  private static final class EventRecordingParser implements Parser {
    private final Parser delegate;
    private Event last;

    EventRecordingParser(Parser delegate) {
      this.delegate = delegate;
    }

    Event last() {
      return last;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return delegate.peekEvent();
    }

    @Override
    public Event getEvent() {
      last = delegate.getEvent();
      return last;
    }
  }

  @SafeVarargs
  private static <T> T firstOf(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static boolean containsIgnoreCase(Set<String> names, String name) {
    for (String candidate : names) {
      if (candidate.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
