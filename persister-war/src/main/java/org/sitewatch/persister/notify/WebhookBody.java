package org.sitewatch.persister.notify;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * The webhook's JSON body, as documented by {@code alert-webhook.schema.json}: {@code
 * {"version":1,"notifications":[…]}}, one notification or a digest's. Absent facts are {@code
 * null}, so every field is always there.
 */
final class WebhookBody {

  static final int VERSION = 1;

  private WebhookBody() {}

  static byte[] of(Delivery delivery, SiteLinks links) {
    JsonArrayBuilder notifications = Json.createArrayBuilder();
    for (Notification notification : delivery.notifications()) {
      notifications.add(notification(notification, links));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Json.createWriter(bytes)
        .writeObject(
            Json.createObjectBuilder()
                .add("version", VERSION)
                .add("notifications", notifications)
                .build());
    return bytes.toByteArray();
  }

  private static JsonObjectBuilder notification(Notification notification, SiteLinks links) {
    Notice notice = notification.notice();
    JsonObjectBuilder labels = Json.createObjectBuilder();
    notice.labels().forEach(labels::add);
    JsonObjectBuilder object =
        Json.createObjectBuilder()
            .add("idempotencyKey", notification.idempotencyKey())
            .add("kind", notice.kind().name())
            .add(
                "site",
                Json.createObjectBuilder()
                    .add("id", notice.siteId())
                    .add("name", notice.siteName())
                    .add("url", notice.siteUrl())
                    .add("labels", labels))
            .add(
                "incident",
                instant(
                    Json.createObjectBuilder()
                        .add("id", notice.incidentId())
                        .add("openedAt", notice.openedAt().toString()),
                    "resolvedAt",
                    notice.resolvedAt()));
    text(object, "reason", notice.reason());
    text(object, "message", notice.message());
    object.add("resultAt", notice.resultAt().toString());
    if (notice.httpStatus().isPresent()) {
      object.add("httpStatus", notice.httpStatus().get());
    } else {
      object.addNull("httpStatus");
    }
    object.add("durationMs", notice.durationMs());
    if (notice.reminder().isPresent()) {
      object.add("reminder", notice.reminder().get());
    } else {
      object.addNull("reminder");
    }
    return object.add("link", links.page(notice.siteId()));
  }

  private static JsonObjectBuilder instant(
      JsonObjectBuilder object, String name, Optional<Instant> value) {
    return text(object, name, value.map(Instant::toString));
  }

  private static JsonObjectBuilder text(
      JsonObjectBuilder object, String name, Optional<String> value) {
    return value.isPresent() ? object.add(name, value.get()) : object.addNull(name);
  }
}
