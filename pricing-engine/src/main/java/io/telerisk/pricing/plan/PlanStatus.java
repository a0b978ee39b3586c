package io.telerisk.pricing.plan;

/** Lifecycle of a plan version: draft → approved → active → retired. Only drafts can change. */
public enum PlanStatus { DRAFT, APPROVED, ACTIVE, RETIRED }
