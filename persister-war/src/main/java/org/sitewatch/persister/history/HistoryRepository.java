package org.sitewatch.persister.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads the stored history, through a pool of its own with a statement timeout (persistence unit
 * {@code sitewatch-read}): however many people read, the writer keeps its connections.
 */
@ApplicationScoped
public class HistoryRepository {

  @PersistenceContext(unitName = "sitewatch-read")
  EntityManager entityManager;

  /** One more than asked for when there are more: the caller can tell a next page exists. */
  public List<SiteView> sites(SitesQuery query) {
    TypedQuery<SiteRow> select =
        query.after().isPresent()
            ? entityManager
                .createQuery(
                    "SELECT s FROM SiteRow s WHERE s.siteId > :after ORDER BY s.siteId",
                    SiteRow.class)
                .setParameter("after", query.after().get())
            : entityManager.createQuery("SELECT s FROM SiteRow s ORDER BY s.siteId", SiteRow.class);
    return select.setMaxResults(query.limit() + 1).getResultList().stream()
        .map(SiteRow::toView)
        .toList();
  }

  public boolean siteExists(String siteId) {
    return entityManager.find(SiteRow.class, siteId) != null;
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
