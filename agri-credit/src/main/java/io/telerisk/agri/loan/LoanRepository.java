package io.telerisk.agri.loan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where decisions are recorded (the hub's adapter uses its database). */
public interface LoanRepository {
    /** Records a decision; a second decision for the same application id is ignored. */
    void save(LoanDecision decision);

    Optional<LoanDecision> findByApplication(String tenant, String applicationId);

    /** Approved loans of a field. */
    List<LoanDecision> approvedForField(String tenant, String fieldId);

    /** Approved loans of a tenant decided at or before {@code asOf}. */
    List<LoanDecision> approved(String tenant, Instant asOf);
}
