package org.sitewatch.persister.incident;

import java.time.Instant;

/**
 * An incident as the API shows it: one DOWN period of a site.
 *
 * @param id its id, also the {@code before} cursor of the next page
 * @param siteId the site
 * @param siteName its name in the catalogue (its id when the catalogue does not name it)
 * @param open whether it is still going on
 * @param openedAt the first DOWN result of the run that opened it
 * @param resolvedAt the first UP result of the run that resolved it; null while open
 * @param firstReason why the site went DOWN, as that first result said
 * @param firstMessage that result's message
 * @param lastReason the latest DOWN result's reason
 * @param lastMessage its message
 * @param lastResultAt the latest result taken while it was open
 * @param resultsSeen the results taken while it was open, the opening run's included
 */
public record IncidentView(
    long id,
    String siteId,
    String siteName,
    boolean open,
    Instant openedAt,
    Instant resolvedAt,
    String firstReason,
    String firstMessage,
    String lastReason,
    String lastMessage,
    Instant lastResultAt,
    int resultsSeen) {}
