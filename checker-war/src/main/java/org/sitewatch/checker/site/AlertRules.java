package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.YamlTree.child;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.support.duration.Durations;
import org.sitewatch.support.text.MessageText;
import tools.jackson.databind.JsonNode;

/**
 * The {@code alerting} section's channels, and the {@code alerts} of the defaults and the sites
 * that name them: the fields each channel type takes, channels that exist, reminders not too
 * frequent. Secrets stay out of the file: a Slack URL embeds its token, so it is named by a
 * variable only.
 */
final class AlertRules {

  static final String CHANNELS = "alerting.channels";
  static final Duration MIN_REMIND_EVERY = Duration.ofMinutes(1);

  /** The fields a channel of each type takes, besides {@code type}. */
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "webhook",
          List.of("url", "secretEnv"),
          "slack",
          List.of("urlEnv"),
          "email",
          List.of("to"));

  /** Why a type's first field is required. */
  private static final Map<String, String> REQUIRED_WHY =
      Map.of(
          "webhook", ": the http or https URL notifications are posted to",
          "slack", ": the variable that holds its incoming webhook URL",
          "email", ": the list of its recipients");

  private final YamlTree tree;
  private final Problems problems;
  private final Set<String> defined;
  private final Map<String, AlertChannel> channels = new LinkedHashMap<>();

  /** Checks the channels under {@code alerting.channels}. */
  AlertRules(YamlTree tree, Problems problems) {
    this.tree = tree;
    this.problems = problems;
    JsonNode section = tree.root().path("alerting").path("channels");
    this.defined = Set.copyOf(section.propertyNames());
    for (Map.Entry<String, JsonNode> channel : section.properties()) {
      String path = child(CHANNELS, channel.getKey());
      if (channel.getValue().isObject() && !problems.within(path)) {
        check(path, channel.getKey(), channel.getValue()).ifPresent(c -> channels.put(c.name(), c));
      }
    }
  }

  /** Checks the {@code alerts} of a site, or of the defaults, at the path. */
  void check(String path, JsonNode fields) {
    JsonNode alerts = fields.path("alerts");
    String alertsPath = child(path, "alerts");
    JsonNode named = alerts.path("channels");
    Set<String> seen = new HashSet<>();
    for (int i = 0; named.isArray() && i < named.size(); i++) {
      String at = YamlTree.item(child(alertsPath, "channels"), i);
      String name = named.get(i).asString();
      if (problems.within(at)) {
        continue;
      }
      if (!defined.contains(name)) {
        problems.at(at, unknownChannel(name));
      } else if (!seen.add(name)) {
        problems.at(at, "channel \"%s\" is listed twice".formatted(MessageText.printable(name)));
      }
    }
    String remindPath = child(alertsPath, "remindEvery");
    JsonNode remind = alerts.path("remindEvery");
    if (remind.isValueNode() && !remind.isNull() && !problems.within(remindPath)) {
      try {
        SiteRules.calendarDurationProblem(
                "remindEvery", Durations.parse(remind.asString()), MIN_REMIND_EVERY)
            .ifPresent(problem -> problems.at(remindPath, problem));
      } catch (IllegalArgumentException e) {
        problems.at(remindPath, e.getMessage());
      }
    }
  }

  /** The site's policy, from fields {@link #check} passed; unset ones take the defaults. */
  AlertPolicy policy(SiteSpec.Alerts alerts) {
    AlertPolicy base = AlertPolicy.DEFAULT;
    if (alerts == null) {
      return base;
    }
    return new AlertPolicy(
        Objects.requireNonNullElse(alerts.channels(), List.<String>of()).stream()
            .map(channels::get)
            .filter(Objects::nonNull)
            .toList(),
        Objects.requireNonNullElse(alerts.failureThreshold(), base.failureThreshold()),
        Objects.requireNonNullElse(alerts.successThreshold(), base.successThreshold()),
        Objects.requireNonNullElse(alerts.sendResolved(), base.sendResolved()),
        Optional.ofNullable(alerts.remindEvery()).map(Durations::parse).or(base::remindEvery),
        Objects.requireNonNullElse(alerts.minLocations(), base.minLocations()));
  }

  private String unknownChannel(String name) {
    String shown = "unknown channel \"%s\"; ".formatted(MessageText.printable(name));
    return defined.isEmpty()
        ? shown + "none is defined under " + CHANNELS
        : shown + "defined: " + String.join(", ", defined.stream().sorted().toList());
  }

  /** The channel, if its type's fields are all there and only those. */
  private Optional<AlertChannel> check(String path, String name, JsonNode channel) {
    String type = channel.path("type").asString();
    List<String> fields = FIELDS.get(type);
    boolean valid = true;
    for (String field : channel.propertyNames()) {
      if (!field.equals("type") && !fields.contains(field)) {
        String at = child(path, field);
        problems.add(at, tree.keyLine(at), notAField(type, field));
        valid = false;
      }
    }
    String required = fields.get(0);
    if (!channel.has(required)) {
      problems.at(
          path,
          "%s channel needs '%s'%s".formatted(article(type), required, REQUIRED_WHY.get(type)));
      return Optional.empty();
    }
    if (type.equals("webhook")) {
      String url = child(path, "url");
      Optional<String> problem = SiteRules.urlTextProblem(channel.get("url").asString());
      if (problem.isPresent() && !problems.within(url)) {
        problems.at(url, problem.get());
        valid = false;
      }
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new AlertChannel(
            name,
            AlertChannel.Type.valueOf(type.toUpperCase(Locale.ROOT)),
            text(channel, "url"),
            text(channel, "urlEnv"),
            text(channel, "secretEnv"),
            channel.path("to").valueStream().map(JsonNode::asString).toList()));
  }

  private static String notAField(String type, String field) {
    if (type.equals("slack") && field.equals("url")) {
      return "a slack channel takes no 'url': its URL embeds its token, a secret; set 'urlEnv' to"
          + " the variable that holds it";
    }
    return "'%s' is not a field of %s channel (webhook: url, secretEnv; slack: urlEnv; email: to)"
        .formatted(MessageText.printable(field), article(type));
  }

  private static String article(String type) {
    return (type.equals("email") ? "an " : "a ") + type;
  }

  private static Optional<String> text(JsonNode channel, String field) {
    return channel.has(field) ? Optional.of(channel.get(field).asString()) : Optional.empty();
  }
}
