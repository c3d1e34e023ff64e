package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link BadInputCorpusTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class BadInputCorpusOnEmbeddedDefaultTest extends BadInputCorpusTest {
}
