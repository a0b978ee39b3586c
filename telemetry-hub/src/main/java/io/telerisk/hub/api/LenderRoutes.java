package io.telerisk.hub.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The credit officer's desk under {@code /api/v1/lender}, always on the token's tenant: referral queue and
 * decisions, loans (account, disbursement, repayments, crop cover), cover payouts and the portfolio. Only HTTP
 * mapping here; the work and the access rules are in {@code io.telerisk.hub.agri.LenderApi}, {@code LoanCovers} and {@code LenderPortfolio}.
 */
final class LenderRoutes {
    private static final String BASE = "/api/v1/lender";
    private final ApiServices s;

    LenderRoutes(ApiServices s) {
        this.s = s;
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.GET, BASE + "/policy", true, ctx -> run(ctx, (a, p, tn) -> a.lender().policy(p, tn)));
        t.add(HttpMethod.POST, BASE + "/policy", true, ctx -> run(ctx, (a, p, tn) -> a.lender().setPolicy(p, tn, Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/referrals", true, ctx -> run(ctx, (a, p, tn) ->
                a.lender().referrals(p, tn, offset(ctx), limit(ctx))));
        t.add(HttpMethod.POST, BASE + "/referrals/:id/decision", true, ctx -> run(ctx, (a, p, tn) ->
                a.lender().decideReferral(p, tn, AgriRoutes.applicationId(ctx), Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/loans", true, ctx -> run(ctx, (a, p, tn) ->
                a.lender().loans(p, tn, offset(ctx), limit(ctx), Params.query(ctx, "asOf"))));
        t.add(HttpMethod.GET, BASE + "/loans/:id", true, ctx -> run(ctx, (a, p, tn) ->
                a.lender().loan(p, tn, AgriRoutes.applicationId(ctx), Params.query(ctx, "asOf"))));
        t.add(HttpMethod.POST, BASE + "/loans/:id/disbursement", true, ctx -> run(ctx, (a, p, tn) ->
                a.lender().disburse(p, tn, AgriRoutes.applicationId(ctx), Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/loans/:id/repayments", true, ctx -> run(ctx, (a, p, tn) ->
                a.lender().addRepayment(p, tn, AgriRoutes.applicationId(ctx), Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/loans/:id/repayments", true, ctx -> run(ctx, (a, p, tn) ->
                a.lender().repayments(p, tn, AgriRoutes.applicationId(ctx), offset(ctx), limit(ctx))));
        t.add(HttpMethod.POST, BASE + "/loans/:id/cover", true, ctx -> run(ctx, (a, p, tn) ->
                a.covers().linkCover(p, tn, AgriRoutes.applicationId(ctx), Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/cover-payouts", true, ctx -> run(ctx, (a, p, tn) -> a.covers().coverPayout(p, tn, Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/portfolio", true, ctx -> run(ctx, (a, p, tn) -> a.portfolio().portfolio(p, tn, Params.query(ctx, "asOf"))));
    }

    private int offset(RoutingContext ctx) {
        return ListPage.request(ctx, 50, s.config().maxLimit()).offset();
    }

    private int limit(RoutingContext ctx) {
        return ListPage.request(ctx, 50, s.config().maxLimit()).limit();
    }

    private void run(RoutingContext ctx, AgriRoutes.Work w) {
        AgriRoutes.run(s, ctx, w);
    }
}
