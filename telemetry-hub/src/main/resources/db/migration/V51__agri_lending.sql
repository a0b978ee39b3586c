-- The credit officer's desk (io.telerisk.hub.agri.JdbcLending): per-tenant desk policy, referral reviews (four-eyes),
-- disbursements, payments (borrower repayments and crop-cover payouts) and the crop cover linked to a loan.
-- Money NUMERIC(14,2); value dates as DATE, record times as UTC timestamps.
CREATE TABLE agri_lending_policy (
    tenant          VARCHAR(64)   NOT NULL,
    four_eyes_above NUMERIC(14,2) NOT NULL,
    updated_by      VARCHAR(128)  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_agri_lending_policy PRIMARY KEY (tenant)
);

CREATE TABLE agri_referral_review (
    tenant         VARCHAR(64)   NOT NULL,
    application_id VARCHAR(200)  NOT NULL,
    verdict        VARCHAR(16)   NOT NULL,
    amount         NUMERIC(14,2) NOT NULL,
    reason_code    VARCHAR(64)   NOT NULL,
    note           VARCHAR(1000) NOT NULL,
    proposed_by    VARCHAR(128)  NOT NULL,
    proposed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_by   VARCHAR(128),
    confirmed_at   TIMESTAMP WITH TIME ZONE,
    decided        BOOLEAN       NOT NULL,
    CONSTRAINT pk_agri_referral_review PRIMARY KEY (tenant, application_id)
);

CREATE TABLE agri_loan_disbursement (
    tenant         VARCHAR(64)   NOT NULL,
    application_id VARCHAR(200)  NOT NULL,
    amount         NUMERIC(14,2) NOT NULL,
    disbursed_on   DATE          NOT NULL,
    reference      VARCHAR(200)  NOT NULL,
    recorded_by    VARCHAR(128)  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_agri_loan_disbursement PRIMARY KEY (tenant, application_id)
);

CREATE TABLE agri_loan_payment (
    tenant         VARCHAR(64)   NOT NULL,
    payment_id     VARCHAR(64)   NOT NULL,
    application_id VARCHAR(200)  NOT NULL,
    amount         NUMERIC(14,2) NOT NULL,
    paid_on        DATE          NOT NULL,
    source         VARCHAR(16)   NOT NULL,
    reference      VARCHAR(200)  NOT NULL,
    recorded_by    VARCHAR(128)  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_agri_loan_payment PRIMARY KEY (tenant, payment_id),
    -- one payment per reference and source on a loan: a bank file or a claim payout posted twice is refused
    CONSTRAINT uq_agri_loan_payment_ref UNIQUE (tenant, application_id, source, reference)
);
CREATE INDEX ix_agri_loan_payment_loan ON agri_loan_payment (tenant, application_id, paid_on);

CREATE TABLE agri_loan_cover (
    tenant         VARCHAR(64)  NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    cover_id       VARCHAR(128) NOT NULL,
    insurer        VARCHAR(128) NOT NULL,
    linked_by      VARCHAR(128) NOT NULL,
    linked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_agri_loan_cover PRIMARY KEY (tenant, application_id),
    CONSTRAINT uq_agri_loan_cover UNIQUE (tenant, cover_id)
);
