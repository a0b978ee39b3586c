package io.telerisk.hub.store;

/** How samples in a downsampling bucket are combined. */
public enum Aggregate { MEAN, MIN, MAX, SUM, COUNT }
