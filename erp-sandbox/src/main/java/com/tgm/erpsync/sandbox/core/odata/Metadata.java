package com.tgm.erpsync.sandbox.core.odata;

import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import com.tgm.erpsync.sandbox.core.data.EntityStore;
import com.tgm.erpsync.sandbox.core.data.FieldType;
import java.util.Map;

/** The {@code $metadata} EDMX document of a service. */
final class Metadata {

  private Metadata() {}

  static String edmx(ODataService.Spec spec, Flavor flavor) {
    StringBuilder types = new StringBuilder();
    StringBuilder sets = new StringBuilder();
    for (EntityStore store : spec.sets().values()) {
      EntitySetDefinition def = store.definition();
      types.append("<EntityType Name=\"").append(def.entityType()).append("\"><Key>");
      def.keyFields().forEach(k -> types.append("<PropertyRef Name=\"").append(k).append("\"/>"));
      types.append("</Key>");
      for (Map.Entry<String, FieldType> f : def.fields().entrySet()) {
        types
            .append("<Property Name=\"")
            .append(f.getKey())
            .append("\" ")
            .append(type(flavor, f.getValue()))
            .append(def.keyFields().contains(f.getKey()) ? " Nullable=\"false\"" : "")
            .append(
                flavor == Flavor.V2 && f.getKey().equals(def.changeField())
                    ? " ConcurrencyMode=\"Fixed\""
                    : "")
            .append("/>");
      }
      types.append("</EntityType>");
      sets.append("<EntitySet Name=\"")
          .append(def.entitySet())
          .append("\" EntityType=\"")
          .append(spec.namespace())
          .append('.')
          .append(def.entityType())
          .append("\"/>");
    }
    if (flavor == Flavor.V2) {
      return "<?xml version=\"1.0\" encoding=\"utf-8\"?><edmx:Edmx Version=\"1.0\""
          + " xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\""
          + " xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\""
          + " xmlns:sap=\"http://www.sap.com/Protocols/SAPData\"><edmx:DataServices"
          + " m:DataServiceVersion=\"2.0\"><Schema Namespace=\""
          + spec.namespace()
          + "\" xml:lang=\"en\" xmlns=\"http://schemas.microsoft.com/ado/2008/09/edm\">"
          + types
          + "<EntityContainer Name=\""
          + spec.serviceId()
          + "_Entities\" m:IsDefaultEntityContainer=\"true\">"
          + sets
          + "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>";
    }
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">"
        + "<edmx:DataServices><Schema Namespace=\""
        + spec.namespace()
        + "\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">"
        + types
        + "<EntityContainer Name=\"Container\">"
        + sets
        + "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>";
  }

  private static String type(Flavor flavor, FieldType type) {
    return switch (type) {
      case STRING -> "Type=\"Edm.String\"";
      case DECIMAL -> "Type=\"Edm.Decimal\" Precision=\"13\" Scale=\"3\"";
      case DATE ->
          flavor == Flavor.V2
              ? "Type=\"Edm.DateTime\" Precision=\"0\" sap:display-format=\"Date\""
              : "Type=\"Edm.Date\"";
      case TIMESTAMP -> "Type=\"Edm.DateTimeOffset\" Precision=\"7\"";
      case BOOLEAN -> "Type=\"Edm.Boolean\"";
    };
  }
}
