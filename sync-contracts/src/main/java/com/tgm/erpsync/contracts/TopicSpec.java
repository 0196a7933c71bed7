package com.tgm.erpsync.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How a topic must be created (deploy manifests and test brokers read {@link Topics#ALL}); key and
 * value are one-line descriptions for humans.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopicSpec(String name, int partitions, boolean compacted, String key, String value) {}
