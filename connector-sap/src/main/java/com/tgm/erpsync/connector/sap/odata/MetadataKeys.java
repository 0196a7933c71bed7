package com.tgm.erpsync.connector.sap.odata;

import com.tgm.erpsync.connector.sap.odata.KeyPredicate.Kind;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The key fields of an entity set as a service's {@code $metadata} (EDMX, V2 or V4) declares them:
 * {@code <EntitySet Name="EquipmentSet" EntityType="ZPM.Equipment"/>} → {@code <EntityType
 * Name="Equipment"><Key><PropertyRef Name="Equnr"/></Key>…<Property Name="Equnr"
 * Type="Edm.String"/>}. Custom services (SEGW on ECC) are known to no catalogue; their metadata
 * says how to address a record.
 */
final class MetadataKeys {
  private MetadataKeys() {}

  /**
   * The entity set's key fields in declaration order with their literal kinds; empty if unknown.
   */
  static Map<String, Kind> of(byte[] edmx, String entitySet) {
    Document document = parse(edmx);
    String typeName = null;
    NodeList sets = document.getElementsByTagNameNS("*", "EntitySet");
    for (int i = 0; i < sets.getLength(); i++) {
      Element set = (Element) sets.item(i);
      if (entitySet.equals(set.getAttribute("Name"))) {
        typeName = set.getAttribute("EntityType");
        typeName = typeName.substring(typeName.lastIndexOf('.') + 1);
      }
    }
    if (typeName == null) {
      return Map.of();
    }
    NodeList types = document.getElementsByTagNameNS("*", "EntityType");
    for (int i = 0; i < types.getLength(); i++) {
      Element type = (Element) types.item(i);
      if (typeName.equals(type.getAttribute("Name"))) {
        return keys(type);
      }
    }
    return Map.of();
  }

  private static Map<String, Kind> keys(Element type) {
    Map<String, String> propertyTypes = new HashMap<>();
    NodeList properties = type.getElementsByTagNameNS("*", "Property");
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      propertyTypes.put(property.getAttribute("Name"), property.getAttribute("Type"));
    }
    Map<String, Kind> keys = new LinkedHashMap<>();
    NodeList refs = type.getElementsByTagNameNS("*", "PropertyRef");
    for (int i = 0; i < refs.getLength(); i++) {
      String name = ((Element) refs.item(i)).getAttribute("Name");
      keys.put(name, kind(propertyTypes.getOrDefault(name, "Edm.String")));
    }
    return keys;
  }

  private static Kind kind(String edmType) {
    return switch (edmType) {
      case "Edm.String" -> Kind.STRING;
      case "Edm.DateTime", "Edm.DateTimeOffset", "Edm.Date" -> Kind.DATETIME;
      case "Edm.Guid" -> Kind.GUID;
      default -> Kind.NUMBER;
    };
  }

  private static Document parse(byte[] edmx) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // an ERP's answer is untrusted input: no DTDs, no external entities
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(new ByteArrayInputStream(edmx));
    } catch (Exception e) {
      throw new IllegalArgumentException("$metadata is not an EDMX document: " + e.getMessage(), e);
    }
  }
}
