package io.telerisk.hub.claims;

import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.LedgerEntry;
import io.telerisk.claims.ledger.Verification;
import io.telerisk.hub.api.ListPage;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;

/**
 * What the audit ledger shows through {@code /api/v1/claims/ledger}: a tenant's entries as a page, the tenant's
 * whole share as an export (CSV or JSON lines) streamed row by row as the database cursor reads it, and the chain's
 * verification. Blocking (JDBC); callers run it on a worker.
 */
public final class LedgerReads {
    /** The export's formats: its media type and how one entry is written. */
    public enum Format {
        JSONL("application/x-ndjson; charset=utf-8"),
        CSV("text/csv; charset=utf-8");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        /** {@code csv}, or JSON lines for anything else (the route's parameter check names the accepted values). */
        public static Format of(String wire) {
            return "csv".equals(wire) ? CSV : JSONL;
        }
    }

    /** Where an export's text goes, piece by piece; the caller flushes it to the client as it fills. */
    @FunctionalInterface
    public interface Sink {
        void write(CharSequence text);
    }

    static final String CSV_HEADER = "sequence,claimId,at,fromState,toState,actor,reasonCode,amount,detail,previousHash,hash\n";

    private final AuditLedger ledger;
    private final JdbcAuditLedgerStore store;

    LedgerReads(AuditLedger ledger, JdbcAuditLedgerStore store) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The ledger entries of the tenant's claims, in sequence order, from {@code offset} (an index among them). */
    public JsonObject entries(String tenant, ListPage.Request page) {
        List<LedgerEntry> items = store.pageOfClaimsOf(tenant, page.offset(), page.limit());
        return ListPage.of(items, store.countOf(tenant), page, ClaimViews::entry);
    }

    /**
     * Writes every entry of the tenant's claims to {@code out}, in sequence order, as JSON lines or CSV (header first),
     * one entry at a time as the cursor reads it: the export is never held whole in memory, and it is one consistent
     * read (one transaction), so entries appended meanwhile are not half in it.
     *
     * @return how many entries were written
     */
    public long export(String tenant, Format format, Sink out) {
        if (format == Format.CSV) out.write(CSV_HEADER);
        StringBuilder line = new StringBuilder(512);
        return store.forEachOfClaimsOf(tenant, e -> {
            line.setLength(0);
            if (format == Format.CSV) csv(e, line);
            else line.append(ClaimViews.entry(e).encode());
            out.write(line.append('\n'));
        });
    }

    /** The whole export as one string (small ledgers, tests). */
    public String exportText(String tenant, Format format) {
        StringBuilder b = new StringBuilder();
        export(tenant, format, b::append);
        return b.toString();
    }

    private static void csv(LedgerEntry e, StringBuilder b) {
        b.append(e.sequence()).append(',').append(csvField(e.claimId())).append(',').append(e.at()).append(',')
                .append(csvField(e.fromState())).append(',').append(csvField(e.toState())).append(',').append(csvField(e.actor()))
                .append(',').append(csvField(e.reasonCode())).append(',').append(e.amount() == null ? "" : e.amount().toPlainString())
                .append(',').append(csvField(e.detail())).append(',').append(e.previousHash()).append(',').append(e.hash());
    }

    /** RFC 4180 quoting; a leading formula character is prefixed so a spreadsheet shows it as text. */
    private static String csvField(String s) {
        if (s == null) return "";
        String t = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")) return '"' + t.replace("\"", "\"\"") + '"';
        return t;
    }

    /**
     * Recomputes the whole ledger chain from the genesis and checks its end against the stored head; {@code entries}
     * is the caller's tenant's count, or the whole chain's for a platform operator.
     */
    public JsonObject verify(Principal who) {
        return verify(who.has(Role.PLATFORM_OPERATOR) ? null : who.tenant());
    }

    /** The whole chain's verification with the whole chain's count (the platform's view). */
    public JsonObject verify() {
        return verify((String) null);
    }

    private JsonObject verify(String tenant) {
        Verification v = ledger.verify();
        // the chain is one for the platform; how many entries it holds is the platform's business, not a tenant's
        boolean platform = tenant == null;
        JsonObject o = new JsonObject().put("valid", v.valid()).put("scope", platform ? "platform" : "tenant")
                .put("entries", platform ? v.entriesChecked() : store.countOf(tenant));
        if (v.valid()) o.put("head", ledger.head());
        else o.put("firstBadEntry", v.badSequence()).put("problem", v.problem());
        return o;
    }
}
