package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ErrorPrinterTest {

    private final StringWriter err = new StringWriter();
    private final PrintWriter writer = new PrintWriter(err, true);

    @Test
    void aUserMistakeIsItsFirstLineWithTheExitCodeOfItsKind() {
        int code = ErrorPrinter.report(writer, new CliException.Usage("--sort x: expected cpu, mem or name\n  more detail"));

        assertThat(err.toString()).isEqualTo("ppm: --sort x: expected cpu, mem or name" + System.lineSeparator());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnexpectedFailureSaysItIsInternalAndNamesItsKind() {
        int code = ErrorPrinter.report(writer, new IllegalStateException("boom"));

        assertThat(err.toString()).isEqualTo("ppm: internal error: IllegalStateException: boom" + System.lineSeparator());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void aNoDaemonFailureKeepsItsOwnExitCode() {
        int code = ErrorPrinter.report(writer, new CliException.Unreachable("no daemon reachable at http://127.0.0.1:1/jolokia/"));

        assertThat(err.toString()).startsWith("ppm: no daemon reachable");
        assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
    }
}
