package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link AggregateSnapshotTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class AggregateSnapshotOnEmbeddedDefaultTest extends AggregateSnapshotTest {
}
