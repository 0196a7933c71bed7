package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** mapping-service behind the edge: each call relayed with the caller's token. */
@ApplicationScoped
public class MappingService {
  /** The service's name in messages and its rest-client config key. */
  public static final String NAME = "mapping-service";

  private final MappingServiceClient client;
  private final Downstream downstream;

  public MappingService(@RestClient MappingServiceClient client, ObjectMapper json) {
    this.client = client;
    this.downstream = new Downstream(NAME, json);
  }

  public Response list(long connectionId) {
    return downstream.relay(() -> client.listMappings(connectionId));
  }

  public Response create(long connectionId, JsonNode mapping) {
    return downstream.relay(() -> client.createMapping(connectionId, mapping));
  }

  public Response get(long mappingId) {
    return downstream.relay(() -> client.getMapping(mappingId));
  }

  public Response update(long mappingId, JsonNode mapping) {
    return downstream.relay(() -> client.updateMapping(mappingId, mapping));
  }

  public Response delete(long mappingId) {
    return downstream.relay(() -> client.deleteMapping(mappingId));
  }

  public Response preview(long mappingId, JsonNode sample) {
    return downstream.relay(() -> client.previewMapping(mappingId, sample));
  }
}
