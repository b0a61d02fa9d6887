package org.sitewatch.persister.history;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The database failing a read is not the client's fault and may pass: 503 with a short JSON body.
 * The details (SQL, host names) go to the log, not to the client.
 */
@Provider
public class DatabaseErrorMapper implements ExceptionMapper<PersistenceException> {

  private static final Logger LOG = Logger.getLogger(DatabaseErrorMapper.class.getName());

  @Override
  public Response toResponse(PersistenceException exception) {
    LOG.log(Level.WARNING, "Reading the history failed: {0}", exception.getMessage());
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorView("the database is not available, try again later"))
        .build();
  }
}
