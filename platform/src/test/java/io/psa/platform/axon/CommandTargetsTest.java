package io.psa.platform.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate a command is for, as Axon's own resolver finds it, whatever the command's shape. */
class CommandTargetsTest {
    record AddNote(@TargetAggregateIdentifier String ticketId, String text) {
    }

    record Versioned(@TargetAggregateIdentifier String ticketId, @TargetAggregateVersion Long version) {
    }

    record VersionAsText(@TargetAggregateIdentifier String ticketId, @TargetAggregateVersion String version) {
    }

    static class ByField {
        @TargetAggregateIdentifier
        private final String id;

        ByField(String id) {
            this.id = id;
        }
    }

    static class ByMethod {
        @TargetAggregateIdentifier
        String target() {
            return "by-method";
        }
    }

    record Unmarked(String ticketId) {
    }

    static Stream<Object> commands() {
        return Stream.of(new AddNote("t-1", "text"), new Versioned("t-2", 7L), new VersionAsText("t-3", "12"),
                new ByField("f-1"), new ByMethod());
    }

    private final CommandTargets targets = new CommandTargets();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @ParameterizedTest
    @MethodSource("commands")
    void findsWhatAxonsResolverFinds(Object command) {
        for (int twice = 0; twice < 2; twice++) {   // the second time from what it kept
            VersionedAggregateIdentifier found = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            VersionedAggregateIdentifier expected = axons.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            assertThat(found.getIdentifierValue()).isEqualTo(expected.getIdentifierValue()).isNotNull();
            assertThat(found.getVersion()).isEqualTo(expected.getVersion());
        }
    }

    @ParameterizedTest
    @MethodSource("withoutTarget")
    void aCommandWithoutATargetIsRefused(Object command) {
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@TargetAggregateIdentifier")
                // the text by which Axon's handlers that may create their aggregate go on without an id
                .hasMessageContaining("It does not identify the target aggregate.");
    }

    static Stream<Object> withoutTarget() {
        return Stream.of(new Unmarked("t-1"), new AddNote(null, "text"));
    }
}
