package org.sitewatch.checker.site;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema of the sites file ({@value #RESOURCE}): the shape, types, ranges and patterns of
 * every field. Its violations are put in plain words: a schema's {@code errorMessage} gives the
 * words for one of its keywords, with {@code {value}} standing for the value found.
 */
public final class SitesSchema {

  /** The schema on the class path. */
  public static final String RESOURCE = "/sites.schema.json";

  private static final JsonNode TREE = read();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              registry ->
                  registry.schemaRegistryConfig(
                      SchemaRegistryConfig.builder().errorMessageKeyword("errorMessage").build()))
          .getSchema(TREE);

  private SitesSchema() {}

  /** Every violation of the schema, at the field path of {@link YamlTree}. */
  static List<YamlTree.Problem> violations(YamlTree tree) {
    List<YamlTree.Problem> problems = new ArrayList<>();
    for (Error error : SCHEMA.validate(tree.root())) {
      problems.add(problem(error, tree));
    }
    return problems;
  }

  private static YamlTree.Problem problem(Error error, YamlTree tree) {
    String at = path(error.getInstanceLocation());
    JsonNode value = error.getInstanceNode();
    String location = error.getSchemaLocation().toString().replaceFirst("^[^#]*#", "");
    JsonNode rule = TREE.at(location.substring(0, location.lastIndexOf('/')));
    String custom = rule.path("errorMessage").path(error.getKeyword()).asString(null);
    String name = at.substring(Math.max(at.lastIndexOf('.'), at.lastIndexOf(']')) + 1);
    if (location.startsWith("/$defs/duration/") && value.isValueNode() && !value.isNull()) {
      return new YamlTree.Problem(at, tree.line(at), Durations.problem(value.asString()));
    }
    return switch (error.getKeyword()) {
      case "additionalProperties" -> {
        String key = YamlTree.child(at, error.getProperty());
        String known = String.join(", ", rule.path("properties").propertyNames());
        yield new YamlTree.Problem(
            key,
            tree.keyLine(key),
            "unknown field " + SiteRules.quote(error.getProperty()) + " (known: " + known + ")");
      }
      case "propertyNames" -> {
        String key = YamlTree.child(at, error.getProperty());
        yield new YamlTree.Problem(
            key, tree.keyLine(key), fill(custom, SiteRules.quote(error.getProperty())));
      }
      case "required" ->
          new YamlTree.Problem(
              YamlTree.child(at, error.getProperty()),
              tree.line(at),
              custom != null ? custom : "missing: a required field");
      case "type" ->
          new YamlTree.Problem(
              at,
              tree.line(at),
              custom != null
                  ? fill(custom, shown(value))
                  : value.isNull()
                      ? "no value given"
                      : "expected " + expected(error.getSchemaNode()) + ", found " + shown(value));
      case "minimum", "maximum" ->
          new YamlTree.Problem(
              at,
              tree.line(at),
              custom != null
                  ? fill(custom, value.toString())
                  : name
                      + " "
                      + value
                      + " is out of range: use "
                      + rule.path("minimum")
                      + " to "
                      + rule.path("maximum"));
      case "maxLength" ->
          new YamlTree.Problem(
              at,
              tree.line(at),
              name
                  + " is "
                  + value.asString().length()
                  + " characters long, at most "
                  + error.getSchemaNode());
      case "maxProperties" ->
          new YamlTree.Problem(
              at, tree.line(at), value.size() + " " + name + ", at most " + error.getSchemaNode());
      case "pattern" -> new YamlTree.Problem(at, tree.line(at), fill(custom, shown(value)));
      default ->
          new YamlTree.Problem(
              at, tree.line(at), custom != null ? fill(custom, shown(value)) : error.getMessage());
    };
  }

  private static String fill(String template, String value) {
    return template.replace("{value}", value);
  }

  /** What a type keyword asks for, in words. */
  private static String expected(JsonNode types) {
    String all = types.toString();
    if (all.contains("object")) {
      return "a mapping";
    }
    return switch (all) {
      case "\"array\"" -> "a list";
      case "\"boolean\"" -> "true or false";
      case "\"integer\"" -> "a whole number";
      default -> "a single value";
    };
  }

  /** A value found, as a message shows it. */
  static String shown(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.isNull() ? "nothing" : SiteRules.quote(value.asString());
  }

  private static String path(NodePath location) {
    String path = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? YamlTree.item(path, index)
              : YamlTree.child(path, element.toString());
    }
    return path;
  }

  /** The schema's text, UTF-8. */
  public static InputStream open() {
    return SitesSchema.class.getResourceAsStream(RESOURCE);
  }

  private static JsonNode read() {
    try (InputStream in = open()) {
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
