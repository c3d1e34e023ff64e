package io.psa.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.api.outsourcing.SyncFact;
import io.psa.platform.test.EventSamples;
import io.psa.platform.test.GoldenFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The partner feed {@code /sync/v1} is a published format: instances of older and newer versions read each other's
 * feed. Its golden files pin what a v1 page looks like; a change that breaks them needs a {@code /sync/v2} beside v1.
 */
class SyncFeedFormatTest {
    private static final Path PAGE = GoldenFiles.RESOURCES.resolve("sync-v1/page.json");
    /** How a partner reads the feed (see PartnerClient): strict, but fields it does not know are ignored. */
    private static final ObjectMapper PARTNER = StrictJson.forPartners(GoldenFiles.JSON, 1 << 20);

    private static SyncFact.Page samplePage() {
        SyncFact fact = (SyncFact) EventSamples.sample(SyncFact.class);
        return new SyncFact.Page(List.of(fact), fact.position());
    }

    @Test
    void aPageIsServedAsItsGoldenFileSays() throws Exception {
        JsonNode served = GoldenFiles.tree(GoldenFiles.JSON.writeValueAsString(samplePage()));
        GoldenFiles.assertMatches(PAGE, served,
                "the v1 feed is read by partners already running: a new shape is a new feed version");
    }

    @Test
    void aPartnerReadsTheGoldenPageAsThePageItWasWrittenFrom() throws Exception {
        assertEquals(samplePage(), PARTNER.treeToValue(GoldenFiles.read(PAGE), SyncFact.Page.class));
    }

    @Test
    void aPartnerReadsAPageOfANewerVersionThatAddedFields() throws Exception {
        JsonNode page = GoldenFiles.read(PAGE).deepCopy();
        ((ObjectNode) page).put("addedLater", true);
        ObjectNode fact = (ObjectNode) page.get("facts").get(0);
        fact.put("addedLater", "a field of a newer version");
        ((ObjectNode) fact.get("charge")).putObject("addedLater").put("nested", 1);
        assertEquals(samplePage(), PARTNER.treeToValue(page, SyncFact.Page.class));
    }
}
