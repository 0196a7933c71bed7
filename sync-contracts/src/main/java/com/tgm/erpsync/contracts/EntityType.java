package com.tgm.erpsync.contracts;

/** The TGM Manager entities that can be synced, with the ERP objects they usually map to. */
public enum EntityType {
  COMPANY("Customer/Company records", "Customer, Business Partner"),
  LOCATION("Site locations", "Plant, Location, Address"),
  UNIT("Equipment/Assets", "Equipment, Fixed Asset"),
  COMPONENT("Equipment components", "BOM Item, Material"),
  USER("TGM Users", "Employee, HR Record"),
  WORK_ORDER("Work orders", "Service Order, PM Order"),
  INSPECTION("Inspection records", "Measurement Document"),
  FAILURE("Failure/Breakdown records", "Notification, Incident"),
  INVENTORY("Inventory items", "Material, Stock Item"),
  INVOICE("Billing documents", "Billing Document, Invoice");

  private final String description;
  private final String typicalErpMapping;

  EntityType(String description, String typicalErpMapping) {
    this.description = description;
    this.typicalErpMapping = typicalErpMapping;
  }

  public String description() {
    return description;
  }

  public String typicalErpMapping() {
    return typicalErpMapping;
  }
}
