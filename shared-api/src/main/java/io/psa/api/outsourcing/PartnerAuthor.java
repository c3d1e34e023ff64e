package io.psa.api.outsourcing;

/**
 * The author of an item that came from a partner instance: {@code partner:<agreementId>:<name there>}. User names
 * cannot contain ':', so no local user is ever mistaken for a partner's, and a partner's items never sync back.
 */
public final class PartnerAuthor {
    private static final String PREFIX = "partner:";

    private PartnerAuthor() {
    }

    public static String of(String agreementId, String remoteAuthor) {
        return PREFIX + agreementId + ":" + remoteAuthor;
    }

    /** The actor under which the other side's status moves are recorded. */
    public static String partyOf(String agreementId) {
        return of(agreementId, "instance");
    }

    public static boolean isPartner(String author) {
        return author != null && author.startsWith(PREFIX);
    }
}
