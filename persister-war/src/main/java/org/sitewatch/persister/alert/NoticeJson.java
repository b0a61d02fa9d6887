package org.sitewatch.persister.alert;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Reason;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.SiteDefinition;

/**
 * The outbox's JSON columns: the notice (the facts at decision time, all a message needs) and the
 * channel as the catalogue gave it. The shapes are documented on the {@code notification} table.
 */
final class NoticeJson {

  /** Looked up once: {@code Json.createObjectBuilder} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private NoticeJson() {}

  /** {@code site} is the catalogue's definition, when there is one. */
  static String notice(Notice notice, Optional<SiteDefinition> site) {
    CheckResult result = notice.result();
    Incident incident = notice.incident();
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("siteId", incident.siteId())
            .add("siteName", site.map(SiteDefinition::name).orElse(incident.siteId()))
            .add("siteUrl", site.map(SiteDefinition::url).orElse(result.url()))
            .add("labels", labels(site.map(SiteDefinition::labels).orElse(result.labels())))
            .add("incidentId", incident.id())
            .add("kind", notice.kind().name())
            .add("openedAt", incident.openedAt().toString());
    if (notice.kind() == NoticeKind.RESOLVED) {
      incident.resolvedAt().ifPresent(at -> json.add("resolvedAt", at.toString()));
    }
    // A RESOLVED is decided by an UP result: it tells what the site was DOWN for.
    Reason reason =
        notice.kind() == NoticeKind.RESOLVED ? incident.lastReason() : result.outcome().reason();
    if (reason != null) {
      String message =
          notice.kind() == NoticeKind.RESOLVED
              ? incident.lastMessage()
              : result.outcome().message();
      json.add("reason", reason.name()).add("message", message);
    }
    json.add("resultAt", result.startedAt().toString());
    if (result.httpStatus() != null) {
      json.add("httpStatus", result.httpStatus());
    }
    json.add("durationMs", result.duration().toMillis());
    if (notice.kind() == NoticeKind.REMINDER) {
      json.add("reminder", notice.reminder());
    }
    return json.build().toString();
  }

  static String channel(AlertChannel channel) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder().add("name", channel.name()).add("type", channel.type().name());
    channel.url().ifPresent(url -> json.add("url", url));
    channel.urlEnv().ifPresent(name -> json.add("urlEnv", name));
    channel.secretEnv().ifPresent(name -> json.add("secretEnv", name));
    var to = JSON.createArrayBuilder();
    channel.to().forEach(to::add);
    return json.add("to", to).build().toString();
  }

  private static JsonObjectBuilder labels(Map<String, String> labels) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    labels.forEach(json::add);
    return json;
  }
}
