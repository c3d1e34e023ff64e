package io.psa.platform.axon.rebuild;

/** A request for a read model that is being rebuilt (answered 503 with its progress and {@code Retry-After}). */
public class ProjectionRebuilding extends RuntimeException {
    private final ProjectionRebuilds.Rebuild rebuild;

    public ProjectionRebuilding(ProjectionRebuilds.Rebuild rebuild) {
        super("The " + rebuild.projection() + " read model is being rebuilt: " + rebuild.eventsDone() + " of "
              + rebuild.eventsTotal() + " events" + (rebuild.secondsLeft() == null ? ""
                : ", about " + rebuild.secondsLeft() + " s left") + ". It answers again once it has caught up.");
        this.rebuild = rebuild;
    }

    public ProjectionRebuilds.Rebuild rebuild() {
        return rebuild;
    }
}
