package io.psa.platform.security;

/**
 * ADMIN manages users and configuration; TECHNICIAN works tickets; AUDITOR only reads, history included.
 * OUTSOURCER may hand tickets to partners and PARTNER_MANAGER may invite and manage partners: permissions given
 * beside a user's main role (an admin has both).
 */
public enum Role {
    ADMIN, TECHNICIAN, AUDITOR, OUTSOURCER, PARTNER_MANAGER;

    public String authority() {
        return "ROLE_" + name();
    }
}
