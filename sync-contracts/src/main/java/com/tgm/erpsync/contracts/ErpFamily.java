package com.tgm.erpsync.contracts;

/** The vendor family of an ERP: one connector service and one command topic per family. */
public enum ErpFamily {
  SAP("sap"),
  DYNAMICS("dynamics"),
  ORACLE("oracle");

  private final String topicSuffix;

  ErpFamily(String topicSuffix) {
    this.topicSuffix = topicSuffix;
  }

  public String topicSuffix() {
    return topicSuffix;
  }

  public String commandTopic() {
    return "erp.commands." + topicSuffix;
  }
}
