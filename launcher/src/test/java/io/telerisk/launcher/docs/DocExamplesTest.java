package io.telerisk.launcher.docs;

import io.telerisk.launcher.docs.DocExamples.Block;
import io.telerisk.launcher.docs.DocExamples.Command;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** How DocumentedExamplesTest reads a doc: blocks, markers, commands, documented answers, jq keys. */
class DocExamplesTest {
    private static final List<String> DOC = List.of(
            "# Title",                                                                   // 1
            "<!-- example: skip needs files on the hub host -->",                       // 2
            "```bash",                                                                   // 3
            "curl -s $H/scenes",                                                         // 4
            "```",                                                                       // 5
            "```sh",                                                                     // 6
            "curl -s -X POST $H/api/v1/things -d '{\"a\":1,",                             // 7
            "  \"b\":\"x # not a comment\"}'",                                           // 8
            "# 201 {\"id\":…,\"tags\":[\"…\"],",                                          // 9
            "#      \"owner\":{\"name\":\"…\"}}",                                          // 10
            "curl -s $H/api/v1/things/7 \\",                                             // 11
            "  -H \"$AUTH\"   # expect 404",                                              // 12
            "```",                                                                       // 13
            "```proto",                                                                  // 14
            "message X {}",                                                              // 15
            "```");

    @Test
    void readsBlocksWithTheirLinesAndSkipMarkers() {
        List<Block> blocks = DocExamples.parse(Path.of("docs/x.md"), DOC);
        assertEquals(2, blocks.size(), "sh/bash/json blocks only: " + blocks);
        assertEquals(Optional.of("needs files on the hub host"), blocks.get(0).skipReason());
        assertEquals(4, blocks.get(0).firstLine());
        assertEquals(Optional.empty(), blocks.get(1).skipReason());
        assertEquals(7, blocks.get(1).firstLine());
    }

    @Test
    void joinsContinuedLinesAndOpenQuotesIntoCommandsWithTheirExpectationsAndAnswers() {
        List<Command> commands = DocExamples.parse(Path.of("docs/x.md"), DOC).get(1).commands();
        assertEquals(2, commands.size(), commands.toString());
        Command post = commands.get(0);
        assertEquals(7, post.first());
        assertEquals(8, post.last(), "the quoted body goes on to line 8; its # is inside quotes");
        assertEquals(Optional.empty(), post.expectation());
        DocExamples.DocumentedAnswer answer = post.documentedAnswer().orElseThrow();
        assertEquals(201, answer.status());
        assertEquals("{\"id\":…,\"tags\":[\"…\"],\"owner\":{\"name\":\"…\"}}", answer.json());
        Command get = commands.get(1);
        assertEquals(11, get.first());
        assertEquals(12, get.last());
        assertEquals(Optional.of("404"), get.expectation());
    }

    @Test
    void anUnknownMarkerIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> DocExamples.parse(Path.of("d.md"), List.of("<!-- example: maybe -->", "```sh", "ls", "```")));
    }

    @Test
    void aDocumentedShapeFitsAnAnswerWithTheSameKeysAndKindsOnly() {
        JsonShape shape = JsonShape.parse("{\"id\":…,\"amount\":\"12.00\",\"items\":[{\"n\":1},…],\"more\":{…},…}");
        JsonObject fits = new JsonObject("{\"id\":7,\"amount\":\"3.10\",\"items\":[{\"n\":2,\"x\":0}],\"more\":{\"a\":1},\"extra\":true}");
        assertEquals(List.of(), JsonShape.mismatches(shape, fits));
        JsonObject wrong = new JsonObject("{\"id\":7,\"amount\":3.1,\"items\":[{\"m\":2}]}");
        List<String> m = JsonShape.mismatches(shape, wrong);
        assertEquals(3, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("$.amount is documented as a string"), m.toString());
        assertTrue(m.get(1).startsWith("$.items[0].n is documented but missing"), m.toString());
        assertTrue(m.get(2).startsWith("$.more is documented but missing"), m.toString());
    }

    @Test
    void elisionsMayHoldWords() {
        JsonShape shape = JsonShape.parse("{\"items\":[…newest first, paged…],\"failures\":{…reason: count…},\"total\":57}");
        assertEquals(List.of(), JsonShape.mismatches(shape, new JsonObject("{\"items\":[],\"failures\":{},\"total\":0}")));
    }

    @Test
    void jqFiltersReadTheirPathsAndShorthandKeysButNotAssignmentsOrStrings() {
        assertEquals(Set.of("items", "claimId", "status", "amount"), JqKeys.readBy(".items[] | {claimId, status, amount: .amount}"));
        assertEquals(Set.of("document", "exposure"),
                JqKeys.readBy(".document | .version = 3 | .exposure.annualRate = 190 | .name = \"a.b {c}\""));
        assertEquals(Set.of("a", "b", "c"), JqKeys.of(new JsonObject("{\"a\":[{\"b\":1}],\"c\":{}}")));
    }
}
