package io.telerisk.model;

/** Sleep stage reported by a wearable. */
public enum SleepStage { AWAKE, LIGHT, DEEP, REM }
