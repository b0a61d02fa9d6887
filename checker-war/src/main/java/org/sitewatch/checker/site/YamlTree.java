package org.sitewatch.checker.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sitewatch.support.text.MessageText;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sites file's YAML as a JSON tree for the schema, with the line of every field path (as {@code
 * sites[2].expect.status}), so that every problem found in the tree names its line.
 *
 * <p>The YAML is only composed into nodes, never constructed into objects, and plain YAML only:
 * type tags are rejected, and aliases, nesting and size are capped so that a hostile file cannot
 * exhaust memory. Scalars keep the text as written, except {@code true}, {@code false} and plain
 * decimal integers, which the schema types.
 *
 * <p>Just over 300 lines: composing, the hardening and the line index walk the same SnakeYAML nodes
 * once, and a split would pass the half-built tree between classes.
 */
final class YamlTree {

  /** Most aliases to lists and mappings a file may use: a few per site is plenty. */
  static final int MAX_ALIASES_FOR_COLLECTIONS = 50;

  /** The deepest the file legitimately nests is 5 (sites, a site, expect, status). */
  static final int MAX_NESTING_DEPTH = 20;

  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);
  private static final String GLOBAL_TAG_PROBLEM = "Global tag is not allowed: ";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

  /** A problem at a field path ({@code ""} for the file as a whole), before it names its file. */
  record Problem(String field, int line, String message) {}

  private final List<Problem> problems = new ArrayList<>();
  private Node yaml;
  private JsonNode root;

  /** Lines by field path, indexed when a line is first asked for: a valid file needs none. */
  private Map<String, Integer> keyLines;

  private Map<String, Integer> valueLines;

  private YamlTree() {}

  /** The tree of the content; {@link #root()} is null when it is empty or not YAML. */
  static YamlTree load(String content, int maxCodePoints) {
    YamlTree tree = new YamlTree();
    tree.yaml = tree.compose(content, maxCodePoints);
    if (tree.yaml != null && !tree.yaml.getTag().equals(Tag.NULL)) {
      tree.root = tree.convert(tree.yaml, "");
    }
    return tree;
  }

  JsonNode root() {
    return root;
  }

  /** Problems with the YAML: tags, repeated keys, or why it could not be read at all. */
  List<Problem> problems() {
    return problems;
  }

  /** The line of the field's value, or of its parent when the field is missing. */
  int line(String field) {
    Integer line = index().valueLines.get(field);
    return line != null ? line : field.isEmpty() ? 0 : line(parent(field));
  }

  /** The line of the field's key; for a list item, of its value. */
  int keyLine(String field) {
    return index().keyLines.getOrDefault(field, line(field));
  }

  static String child(String path, String name) {
    String shown = MessageText.printable(name);
    return path.isEmpty() ? shown : path + "." + shown;
  }

  static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  private static String parent(String field) {
    int cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
    return cut < 0 ? "" : field.substring(0, cut);
  }

  private Node compose(String content, int maxCodePoints) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(maxCodePoints);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(true);
    options.setProcessComments(false);
    // The default tag inspector stays: it rejects global tags such as !!python/object while
    // composing; local ones are rejected below.
    LastEvent parser = new LastEvent(new ParserImpl(new StreamReader(content), options));
    try {
      return new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problems.add(new Problem("", line(mark), yamlProblem(e)));
    } catch (YAMLException e) {
      // Limits are checked without a position: the last event read is where reading stopped.
      int line = parser.last == null ? 0 : line(parser.last.getStartMark());
      problems.add(
          new Problem(
              "",
              line,
              parser.last instanceof AliasEvent
                  ? "too many aliases (more than "
                      + MAX_ALIASES_FOR_COLLECTIONS
                      + " to lists or mappings): refusing a file that could expand without bound"
                      + " (a 'billion laughs' attack)"
                  : "not valid YAML: " + MessageText.oneLine(e.getMessage())));
    }
    return null;
  }

  private YamlTree index() {
    if (valueLines == null) {
      keyLines = new HashMap<>();
      valueLines = new HashMap<>();
      if (yaml != null) {
        index(yaml, "");
      }
    }
    return this;
  }

  /** Indexes the lines as {@link #convert} reads the nodes: the first of a repeated key. */
  private void index(Node node, String path) {
    valueLines.put(path, line(node.getStartMark()));
    if (node instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String field = child(path, key.getValue());
          if (keyLines.putIfAbsent(field, line(key.getStartMark())) == null) {
            index(tuple.getValueNode(), field);
          }
        }
      }
    } else if (node instanceof SequenceNode list) {
      for (int i = 0; i < list.getValue().size(); i++) {
        index(list.getValue().get(i), item(path, i));
      }
    }
  }

  private JsonNode convert(Node node, String path) {
    tagAllowed(node, path);
    if (node instanceof MappingNode map) {
      return mapping(map, path);
    }
    if (node instanceof SequenceNode list) {
      List<JsonNode> items = new ArrayList<>();
      for (Node item : list.getValue()) {
        items.add(convert(item, item(path, items.size())));
      }
      return JSON.arrayNode().addAll(items);
    }
    return scalar((ScalarNode) node);
  }

  private ObjectNode mapping(MappingNode map, String path) {
    ObjectNode object = JSON.objectNode();
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode key)) {
        problems.add(
            new Problem(
                path,
                line(keyNode.getStartMark()),
                "expected a "
                    + entryWord(path)
                    + " name, found a "
                    + (keyNode instanceof MappingNode ? "mapping" : "list")));
        continue;
      }
      String name = key.getValue();
      String field = child(path, name);
      tagAllowed(keyNode, field);
      if (object.has(name)) {
        problems.add(
            new Problem(
                field,
                line(keyNode.getStartMark()),
                entryWord(path)
                    + " "
                    + MessageText.quote(name)
                    + " is given twice (first at line "
                    + keyLine(field)
                    + ")"));
        continue;
      }
      object.set(name, convert(tuple.getValueNode(), field));
    }
    return object;
  }

  private static String entryWord(String path) {
    return path.endsWith("headers") ? "header" : path.endsWith("labels") ? "label" : "field";
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return JSON.nullNode();
    }
    if (tag.equals(Tag.BOOL) && (text.equals("true") || text.equals("false"))) {
      return JSON.booleanNode(Boolean.parseBoolean(text));
    }
    if (tag.equals(Tag.INT) && DECIMAL.matcher(text).matches()) {
      return JSON.numberNode(Long.parseLong(text));
    }
    return JSON.stringNode(text);
  }

  private void tagAllowed(Node node, String path) {
    Tag tag = node.getTag();
    boolean allowed =
        switch (node.getNodeId()) {
          case mapping -> tag.equals(Tag.MAP);
          case sequence -> tag.equals(Tag.SEQ);
          case scalar -> SCALAR_TAGS.contains(tag);
          default -> false;
        };
    if (!allowed) {
      problems.add(new Problem(path, line(node.getStartMark()), tagProblem(tag)));
    }
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
    return MessageText.oneLine(message.toString());
  }

  private static String tagProblem(Tag tag) {
    String value = tag.getValue();
    String shown =
        value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    return "tag "
        + MessageText.quote(shown)
        + " is not allowed: the sites file is plain YAML, without type tags";
  }

  private static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  /** Remembers the last event the composer took, to place errors reported without a position. */
  private static final class LastEvent implements Parser {
    private final Parser delegate;
    private Event last;

    LastEvent(Parser delegate) {
      this.delegate = delegate;
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
}
