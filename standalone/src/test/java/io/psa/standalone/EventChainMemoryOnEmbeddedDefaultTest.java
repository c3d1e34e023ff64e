package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link EventChainMemoryTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class EventChainMemoryOnEmbeddedDefaultTest extends EventChainMemoryTest {
}
