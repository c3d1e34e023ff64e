package io.psa.platform.axon.rebuild;

/**
 * A projection that a rebuild may feed straight from the store ({@link StoreReplay}): its event handlers keep no
 * state outside its tables and the current unit of work, so pages of events handed to them in order, one unit of
 * work and transaction per page, build what its processor would.
 */
public interface DirectReplay {
    /** The processing group whose read model this projection keeps. */
    String processingGroup();
}
