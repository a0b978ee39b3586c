/**
 * Crop credit in the hub: adapters for the agri-credit library's ports and its entry points.
 *
 * <ul>
 *   <li>{@link io.telerisk.hub.agri.AgriApi} wires the domain (field registry, NDVI ingest, health, yield, loan desk,
 *       season monitor) and serves the REST operations under {@code /api/v1/agri} (HTTP mapping in
 *       {@code io.telerisk.hub.api.AgriRoutes}).</li>
 *   <li>{@link io.telerisk.hub.agri.LoanRequestListener}: ingest's accepted envelopes → {@code loan_request} events
 *       decided on its own worker → {@code loan_decision} command on the device's cmd topic; malformed requests get
 *       outcome {@code REJECTED} with the reason; counters exported as {@code telerisk_agri_loan_requests_*}.</li>
 *   <li>Ports: {@link io.telerisk.hub.agri.JdbcFieldRepository}, {@link io.telerisk.hub.agri.JdbcLoanRepository}
 *       (first decision per application wins, by primary key), {@link io.telerisk.hub.agri.SummaryFarmDayHistory}
 *       (the summariser's farm days), and the NDVI series in {@link io.telerisk.hub.agri.InfluxNdviSeriesStore}
 *       (measurement {@code ndvi}) when telemetry is in InfluxDB, else {@link io.telerisk.hub.agri.JdbcNdviSeriesStore};
 *       {@link io.telerisk.hub.agri.NdviStores} chooses. Tables: migration V50.</li>
 *   <li>{@link io.telerisk.hub.agri.FieldViews}: a field's health, own alerts and borrowing-limit preview.</li>
 *   <li>The credit officer's desk under {@code /api/v1/lender} (routes in {@code io.telerisk.hub.api.LenderRoutes})
 *       over {@link io.telerisk.hub.agri.JdbcLending} (migration V51): {@link io.telerisk.hub.agri.LenderApi}
 *       (policy, referrals, disbursement, repayments), {@link io.telerisk.hub.agri.LoanAccounts} (one calculation of a
 *       loan's account for the list, the loan page and the book), {@link io.telerisk.hub.agri.LoanCovers} (crop covers
 *       on loans; {@code applyCoverPayout} is the one entry point for a cover payout to the lender, the claims side's
 *       and the manual route's, applying the loss-payee rule of {@link io.telerisk.agri.lending.LossPayeeAssignment})
 *       and {@link io.telerisk.hub.agri.LenderPortfolio} (the book on a date).</li>
 *   <li>{@link io.telerisk.hub.agri.AgriInput}: reading request bodies, for both desks.</li>
 * </ul>
 * API reference: docs/api.md, section "Crop credit".
 */
package io.telerisk.hub.agri;
