package io.psa.api.reference;

/** Questions about reference data; {@code kind} is COMPANY, SLA, CONTRACT, RESOURCE or DEVICE. */
public final class ReferenceQueries {
    private ReferenceQueries() {
    }

    public record ReferenceItem(String kind, String id) {
    }

    public record ReferenceList(String kind, String companyId, String contractId, String contractServiceId) {
    }
}
