package org.sitewatch.persister.history;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A bad query parameter is the client's mistake: 400 with a JSON body that names it. */
@Provider
public class InvalidParameterMapper implements ExceptionMapper<InvalidParameterException> {

  @Override
  public Response toResponse(InvalidParameterException exception) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorView(exception.getMessage(), exception.parameter()))
        .build();
  }
}
