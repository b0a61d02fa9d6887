package org.sitewatch.checker.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The checker's REST resources, at the root of its context (/checker). */
@ApplicationPath("/")
public class CheckerApplication extends Application {}
