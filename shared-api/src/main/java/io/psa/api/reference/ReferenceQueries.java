package io.psa.api.reference;

/** Questions about reference data; {@code kind} is COMPANY, SLA, CONTRACT, RESOURCE or DEVICE. */
public final class ReferenceQueries {
    private ReferenceQueries() {
    }

    public record ReferenceItem(String kind, String id) {
    }

    /** What happened to one item, from its stored events. */
    public record ReferenceHistory(String kind, String id) {
    }

    /** A page of a kind, optionally only those of a company, contract and service; by name, A-Z or Z-A. */
    public record ReferenceList(String kind, String companyId, String contractId, String contractServiceId,
                                boolean nameDescending, int page, int size) {
    }
}
