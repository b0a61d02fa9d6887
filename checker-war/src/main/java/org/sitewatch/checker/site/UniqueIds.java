package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.YamlTree.child;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sitewatch.support.text.MessageText;
import tools.jackson.databind.JsonNode;

/**
 * The ids of a file's sites, each given or derived (from the name, else from the url) and used
 * once; a clash names both sites and where to set an id.
 */
final class UniqueIds {

  private final Map<String, Use> used = new HashMap<>();
  private final YamlTree tree;
  private final Problems problems;

  /** Where an id was first used, and what it was derived from. */
  private record Use(String path, String at, String from) {}

  UniqueIds(YamlTree tree, Problems problems) {
    this.tree = tree;
    this.problems = problems;
  }

  /** The site's id, unless it has none or another site has it (both reported). */
  Optional<String> claim(String path, JsonNode site) {
    Optional<String> from = Stream.of("id", "name", "url").filter(site::has).findFirst();
    if (from.isEmpty() || problems.within(child(path, from.get()))) {
      return Optional.empty();
    }
    String text = site.get(from.get()).asString();
    String id =
        switch (from.get()) {
          case "id" -> text;
          case "name" -> SiteIds.fromName(text);
          default -> SiteIds.fromUrl(URI.create(text));
        };
    String idPath = child(path, "id");
    Use use = new Use(path, from.get().equals("id") ? idPath : path, from.get());
    if (id.isEmpty()) {
      problems.add(
          idPath,
          tree.line(use.at()),
          "cannot derive an id from the %s %s: set 'id'"
              .formatted(from.get(), MessageText.quote(text)));
      return Optional.empty();
    }
    Use first = used.putIfAbsent(id, use);
    if (first == null) {
      return Optional.of(id);
    }
    problems.add(idPath, tree.line(use.at()), clash(MessageText.quote(id), use, first));
    return Optional.empty();
  }

  private String clash(String id, Use use, Use first) {
    if (!use.from().equals("id")) {
      return "id %s derived from the %s is also used by %s at line %d: set a distinct 'id'"
          .formatted(id, use.from(), first.path(), tree.line(first.at()));
    }
    return "duplicate id %s, also used by %s at line %d%s"
        .formatted(
            id,
            first.path(),
            tree.line(first.at()),
            first.from().equals("id")
                ? ""
                : " (derived from its " + first.from() + "; set a distinct 'id' there)");
  }
}
