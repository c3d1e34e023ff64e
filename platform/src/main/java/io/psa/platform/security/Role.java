package io.psa.platform.security;

/** ADMIN manages users and configuration; TECHNICIAN works tickets; AUDITOR only reads, history included. */
public enum Role {
    ADMIN, TECHNICIAN, AUDITOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
