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
import org.sitewatch.support.duration.Durations;
import org.sitewatch.support.text.MessageText;
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
      if (!textWanted(error)) {
        problems.add(problem(error, tree));
      }
    }
    return problems;
  }

  /**
   * A number or true/false where text is wanted: the file's scalars are text as written, so the
   * field's own rule judges it (a url of {@code 5} is not an absolute URL).
   */
  private static boolean textWanted(Error error) {
    JsonNode value = error.getInstanceNode();
    return error.getKeyword().equals("type")
        && (value.isNumber() || value.isBoolean())
        && error.getSchemaNode().toString().contains("\"string\"");
  }

  private static YamlTree.Problem problem(Error error, YamlTree tree) {
    String at = path(error.getInstanceLocation());
    String location = error.getSchemaLocation().toString().replaceFirst("^[^#]*#", "");
    JsonNode rule = TREE.at(location.substring(0, location.lastIndexOf('/')));
    String custom = rule.path("errorMessage").path(error.getKeyword()).asString(null);
    String key = error.getProperty() == null ? at : YamlTree.child(at, error.getProperty());
    return switch (error.getKeyword()) {
      case "additionalProperties" ->
          new YamlTree.Problem(
              key,
              tree.keyLine(key),
              "unknown field %s (known: %s)"
                  .formatted(
                      MessageText.quote(error.getProperty()),
                      String.join(", ", rule.path("properties").propertyNames())));
      case "propertyNames" ->
          new YamlTree.Problem(
              key, tree.keyLine(key), fill(custom, MessageText.quote(error.getProperty())));
      case "required" ->
          new YamlTree.Problem(
              key, tree.line(at), custom != null ? custom : "missing: a required field");
      default ->
          new YamlTree.Problem(
              at,
              tree.line(at),
              location.equals("/$defs/duration/pattern")
                  ? Durations.problem(error.getInstanceNode().asString())
                  : valueProblem(error, rule, custom, at));
    };
  }

  /** What is wrong with the value at the field, in the schema's words where it has them. */
  private static String valueProblem(Error error, JsonNode rule, String custom, String field) {
    JsonNode value = error.getInstanceNode();
    String name = field.substring(Math.max(field.lastIndexOf('.'), field.lastIndexOf(']')) + 1);
    if (custom != null) {
      // A number out of range reads better bare: 700 is not an HTTP status.
      boolean range = error.getKeyword().equals("minimum") || error.getKeyword().equals("maximum");
      return fill(custom, range ? value.toString() : shown(value));
    }
    return switch (error.getKeyword()) {
      case "type" ->
          value.isNull()
              ? "no value given"
              : "expected %s, found %s".formatted(expected(error.getSchemaNode()), shown(value));
      case "minimum", "maximum" ->
          "%s %s is out of range: use %s to %s"
              .formatted(name, value, rule.path("minimum"), rule.path("maximum"));
      case "maxLength" ->
          "%s is %d characters long, at most %s"
              .formatted(name, value.asString().length(), error.getSchemaNode());
      case "maxProperties" ->
          "%d %s, at most %s".formatted(value.size(), name, error.getSchemaNode());
      default -> error.getMessage();
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
    return value.isNull() ? "nothing" : MessageText.quote(value.asString());
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
