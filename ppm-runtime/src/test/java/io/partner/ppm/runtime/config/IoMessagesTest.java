package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** File errors are told in the words of the shell; the end-to-end permission tests cannot run as root. */
class IoMessagesTest {

    @Test
    void fileErrorsAreToldInTheShellsWords() {
        assertThat(IoMessages.describe(new NoSuchFileException("/x"))).isEqualTo("No such file");
        assertThat(IoMessages.describe(new AccessDeniedException("/x"))).isEqualTo("Permission denied");
        assertThat(IoMessages.describe(new MalformedInputException(1))).isEqualTo("not UTF-8 text");
        assertThat(IoMessages.describe(new FileSystemException("/x", null, "Is a directory"))).isEqualTo("Is a directory");
    }
}
