-- Parametric covers keep their own index terms (JSON of CoverTermsJson: wilting point, days, NDVI anomaly threshold,
-- payout steps; rain window and millimetres); NULL means the defaults.
ALTER TABLE claims_coverage ADD COLUMN index_terms VARCHAR(2000);
