package com.tgm.erpsync.sandbox.core.odata;

/** OData protocol version a service speaks. */
public enum Flavor {
  /** OData V2 as SAP Gateway serves it ({@code /sap/opu/odata/...}). */
  V2,
  /** OData V4 as the ABAP RESTful programming model serves it ({@code /sap/opu/odata4/...}). */
  V4
}
