package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsKeyValueLinesWithCommentsQuotesAndExport() throws Exception {
        Path file = Files.writeString(dir.resolve(".env"), """
                # database settings
                DB_HOST=db.local

                export DB_PORT=5432
                  SPACED = around the equals sign  \s
                DOUBLE="line one\\nline \\"two\\""
                SINGLE='no $EXPANSION \\n here'
                INLINE=value # a comment
                HASH=a#b
                EMPTY=
                QUOTED_HASH="x # y"
                DB_HOST=override
                """);

        assertThat(EnvFiles.read(file)).containsExactly(
                java.util.Map.entry("DB_HOST", "override"),
                java.util.Map.entry("DB_PORT", "5432"),
                java.util.Map.entry("SPACED", "around the equals sign"),
                java.util.Map.entry("DOUBLE", "line one\nline \"two\""),
                java.util.Map.entry("SINGLE", "no $EXPANSION \\n here"),
                java.util.Map.entry("INLINE", "value"),
                java.util.Map.entry("HASH", "a#b"),
                java.util.Map.entry("EMPTY", ""),
                java.util.Map.entry("QUOTED_HASH", "x # y"));
    }

    @Test
    void lineWithoutEqualsSignIsRefusedWithItsLineNumber() throws Exception {
        Path file = Files.writeString(dir.resolve(".env"), "A=1\n\nJUST_A_WORD\n");

        assertThatThrownBy(() -> EnvFiles.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":3: expected KEY=VALUE, got 'JUST_A_WORD'");
    }

    @Test
    void invalidNameAndUnclosedQuoteAreRefused() throws Exception {
        Path badName = Files.writeString(dir.resolve("name.env"), "1ABC=x\n");
        Path unclosed = Files.writeString(dir.resolve("quote.env"), "A=\"open\n");

        assertThatThrownBy(() -> EnvFiles.read(badName)).hasMessage(badName + ":1: invalid variable name '1ABC'");
        assertThatThrownBy(() -> EnvFiles.read(unclosed)).hasMessage(unclosed + ":1: unclosed \" in value");
    }

    @Test
    void missingFileIsAnUncheckedIoErrorNamingIt() {
        Path missing = dir.resolve("missing.env");

        assertThatThrownBy(() -> EnvFiles.read(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage(missing + ": No such file");
    }
}
