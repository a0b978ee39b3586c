/**
 * Claims automation in the hub: the adapters and the wiring of the plain-Java {@code claims-automation} module.
 *
 * <ul>
 *   <li>{@link io.telerisk.hub.claims.ClaimsListener}: an ingest {@code AcceptedListener}; envelopes carrying
 *       {@code crash_candidate}/{@code crash_dismissed} events are handled on its own workers (never the ingest thread).</li>
 *   <li>{@link io.telerisk.hub.claims.ClaimsApi}: the domain services (CrashClaimService, ReportedClaimService,
 *       AdjusterDesk, AuditLedger) over the JDBC adapters, the claim-access grant for adjusters when a claim opens, and
 *       the operations behind {@code /api/v1/claims}.</li>
 *   <li>{@link io.telerisk.hub.claims.ClaimsRoutes}: the REST routes, registered through the hub's route table.</li>
 *   <li>Adapters of the domain ports: {@link io.telerisk.hub.claims.JdbcClaimRepository} (ClaimRepository; the assessment
 *       and the evidence package live in the claim's JSON document, decisions in the ledger),
 *       {@link io.telerisk.hub.claims.JdbcPolicyDirectory} (PolicyDirectory),
 *       {@link io.telerisk.hub.claims.JdbcAuditLedgerStore} (AuditLedgerStore),
 *       {@link io.telerisk.hub.claims.StoreTelemetryWindows} (TelemetryWindowSource over the telemetry store).</li>
 *   <li>{@link io.telerisk.hub.claims.JdbcTransactions}: the claims ports' transactions, so a claim and its ledger
 *       entry commit together; the ledger head is a row locked by appenders ({@code SELECT ... FOR UPDATE}), claims
 *       carry a version (optimistic concurrency), so several hubs share claims through PostgreSQL alone.</li>
 *   <li>{@code ClaimsListParams}, {@code ClaimViews}, {@code ClaimsInput}: query parameters, JSON answers, body checks.</li>
 * </ul>
 * Tables: migrations V60 ({@code claims_policy}, {@code claims_coverage}, {@code claims_claim}, {@code claims_ledger},
 * {@code claims_crash_event}), V61 (claim {@code version}, {@code claims_ledger_head}, {@code claims_attachment}) and V76
 * ({@code claims_coverage.index_terms}: a parametric cover's own terms).
 */
package io.telerisk.hub.claims;
