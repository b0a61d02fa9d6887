package org.sitewatch.persister.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sitewatch.persister.history.SitesQuery.SiteOrder;

/**
 * Reads the stored history, through a pool of its own with a statement timeout (persistence unit
 * {@code sitewatch-read}): however many people read, the writer keeps its connections.
 */
@ApplicationScoped
public class HistoryRepository {

  @PersistenceContext(unitName = "sitewatch-read")
  EntityManager entityManager;

  /**
   * The sites that match, in the query's order from its cursor on: one more than asked for when
   * there are more, so the caller can tell a next page exists.
   */
  public List<SiteRow> sites(SitesQuery query) {
    StringBuilder sql = new StringBuilder("SELECT * FROM site WHERE true");
    List<Object> parameters = new ArrayList<>();
    query
        .state()
        .ifPresent(state -> sql.append(" AND last_status = ").append(bind(parameters, state)));
    if (!query.labels().isEmpty()) {
      JsonObjectBuilder labels = Json.createObjectBuilder();
      query.labels().forEach(labels::add);
      sql.append(" AND labels @> CAST(")
          .append(bind(parameters, labels.build().toString()))
          .append(" AS jsonb)");
    }
    query
        .text()
        .ifPresent(
            text ->
                sql.append(
                        " AND strpos(lower(site_id || ' ' || url || ' ' || labels::text), lower(")
                    .append(bind(parameters, text))
                    .append(")) > 0"));
    boolean byState = query.order() == SiteOrder.STATE;
    query
        .cursor()
        .ifPresent(
            cursor ->
                sql.append(
                    byState
                        ? " AND (last_status = 'UP', site_id) > ("
                            + bind(parameters, "UP".equals(cursor.state()))
                            + ", "
                            + bind(parameters, cursor.siteId())
                            + ")"
                        : " AND site_id > " + bind(parameters, cursor.siteId())));
    sql.append(byState ? " ORDER BY last_status = 'UP', site_id" : " ORDER BY site_id")
        .append(" LIMIT ")
        .append(query.limit() + 1);
    Query select = entityManager.createNativeQuery(sql.toString(), SiteRow.class);
    for (int i = 0; i < parameters.size(); i++) {
      select.setParameter(i + 1, parameters.get(i));
    }
    @SuppressWarnings("unchecked")
    List<SiteRow> rows = select.getResultList();
    return rows;
  }

  /** Adds a parameter and gives its placeholder. */
  private static String bind(List<Object> parameters, Object value) {
    parameters.add(value);
    return "?" + parameters.size();
  }

  public boolean siteExists(String siteId) {
    return state(siteId).isPresent();
  }

  /** The site's state (UP or DOWN), when it has results. */
  public Optional<String> state(String siteId) {
    return Optional.ofNullable(entityManager.find(SiteRow.class, siteId)).map(SiteRow::lastStatus);
  }

  /** Newest first; the (site_id, started_at DESC) index serves it in every partition. */
  public List<ResultView> results(String siteId, ResultsQuery query) {
    TypedQuery<ResultRow> select =
        query.before().isPresent()
            ? entityManager
                .createQuery(
                    "SELECT r FROM ResultRow r WHERE r.siteId = :siteId AND r.startedAt < :before"
                        + " ORDER BY r.startedAt DESC",
                    ResultRow.class)
                .setParameter("before", query.before().get().atOffset(ZoneOffset.UTC))
            : entityManager.createQuery(
                "SELECT r FROM ResultRow r WHERE r.siteId = :siteId ORDER BY r.startedAt DESC",
                ResultRow.class);
    return select
        .setParameter("siteId", siteId)
        .setMaxResults(query.limit())
        .getResultList()
        .stream()
        .map(ResultRow::toView)
        .toList();
  }
}
