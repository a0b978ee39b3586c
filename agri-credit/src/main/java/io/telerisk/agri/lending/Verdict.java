package io.telerisk.agri.lending;

/** A credit officer's verdict on a referred application. */
public enum Verdict {
    APPROVE, DECLINE
}
