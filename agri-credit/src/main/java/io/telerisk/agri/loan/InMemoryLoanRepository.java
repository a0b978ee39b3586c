package io.telerisk.agri.loan;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LoanRepository} in memory. Thread-safe. */
public final class InMemoryLoanRepository implements LoanRepository {
    private final Map<String, LoanDecision> decisions = new LinkedHashMap<>();

    @Override
    public synchronized void save(LoanDecision d) {
        decisions.putIfAbsent(d.tenant() + "/" + d.applicationId(), d);
    }

    @Override
    public synchronized Optional<LoanDecision> findByApplication(String tenant, String applicationId) {
        return Optional.ofNullable(decisions.get(tenant + "/" + applicationId));
    }

    @Override
    public synchronized List<LoanDecision> approvedForField(String tenant, String fieldId) {
        return decisions.values().stream().filter(d -> d.tenant().equals(tenant) && fieldId.equals(d.fieldId())
                && d.outcome() == LoanOutcome.APPROVE).toList();
    }

    @Override
    public synchronized List<LoanDecision> approved(String tenant, Instant asOf) {
        return decisions.values().stream().filter(d -> d.tenant().equals(tenant) && d.outcome() == LoanOutcome.APPROVE
                && !d.decidedAt().isAfter(asOf)).toList();
    }
}
