package org.sitewatch.persister.history;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The history API, under /api. */
@ApplicationPath("/api")
public class HistoryApplication extends Application {}
