package io.psa.platform.axon.rebuild;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * A projection that a rebuild may feed straight from the store ({@link StoreReplay}): its event handlers keep no
 * state outside its tables and the current unit of work, so pages of events handed to them in order, one unit of
 * work and transaction per page, build what its processor would.
 */
public interface DirectReplay {
    /** The unit of work resource that marks a page of a replay from the store. */
    String FROM_THE_STORE = DirectReplay.class.getName() + ".fromTheStore";

    /** The processing group whose read model this projection keeps. */
    String processingGroup();

    /**
     * Whether the current event is part of a rebuild from the store into the tables its reset emptied: every event
     * is then applied exactly once and in order, so a row an event adds cannot be there already (where a
     * processor's redelivery after a crash may find it).
     */
    static boolean replayingIntoEmptiedTables() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().resources().containsKey(FROM_THE_STORE);
    }
}
