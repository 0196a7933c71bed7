package com.tgm.erpsync.contracts;

/** The vendor family of an ERP: one connector service and one command topic per family. */
public enum ErpFamily {
  SAP("sap", "SAP"),
  DYNAMICS("dynamics", "Microsoft"),
  ORACLE("oracle", "Oracle");

  private final String topicSuffix;
  private final String vendor;

  ErpFamily(String topicSuffix, String vendor) {
    this.topicSuffix = topicSuffix;
    this.vendor = vendor;
  }

  /** The vendor's name as users know it. */
  public String vendor() {
    return vendor;
  }

  public String topicSuffix() {
    return topicSuffix;
  }

  public String commandTopic() {
    return "erp.commands." + topicSuffix;
  }
}
