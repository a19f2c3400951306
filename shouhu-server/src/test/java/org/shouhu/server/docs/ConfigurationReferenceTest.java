package org.shouhu.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shouhu.server.ConfigurationReference;

/** The configuration reference in docs/ is the one the code generates, so it lists every key the server accepts. */
class ConfigurationReferenceTest {

    @Test
    void docs_configuration_md_matches_the_configuration_definitions() throws Exception {
        Path committed = Path.of("..", "docs", "configuration.md");

        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: regenerate it with "
                        + "`java -jar shouhu-server/target/shouhu-server.jar config-reference > docs/configuration.md`")
                .isEqualTo(ConfigurationReference.markdown());
    }
}
