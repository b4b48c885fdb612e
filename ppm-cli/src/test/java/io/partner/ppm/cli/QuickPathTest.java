package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.cli.command.ConnectionOptions;
import io.partner.ppm.cli.command.JsonOption;
import io.partner.ppm.cli.command.QuickArguments;
import io.partner.ppm.cli.command.QuickRunnable;
import io.partner.ppm.cli.output.Style;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The quick path reads a command line the way picocli's model of the same command says it may be
 * written: the same option names, the same commands with or without a NAME. No daemon is needed.
 */
class QuickPathTest {

    private final Context context = new Context(Map.of(), new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), Style.plain());

    @Test
    void exactlyTheMostUsedCommandsTakeTheQuickPath() {
        List<String> quick = Commands.NAMES.stream()
                .filter(name -> Commands.create(name, context) instanceof QuickRunnable)
                .toList();

        assertThat(quick).containsExactlyInAnyOrder("ls", "info", "stats", "version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "info", "stats", "version"})
    void whatEachQuickCommandSaysItHasIsWhatPicocliSeesInIt(String name) {
        QuickRunnable command = (QuickRunnable) Commands.create(name, context);
        CommandSpec spec = new CommandLine(command).getCommandSpec();

        assertThat(spec.findOption(JsonOption.NAME)).as(JsonOption.NAME).isNotNull();
        assertThat(spec.findOption(ConnectionOptions.URL) != null).as(ConnectionOptions.URL).isEqualTo(command.connection() != null);
        assertThat(spec.findOption(ConnectionOptions.USER) != null).as(ConnectionOptions.USER).isEqualTo(command.connection() != null);
        assertThat(!spec.positionalParameters().isEmpty()).as("NAME").isEqualTo(command.takeName("web"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            ls                                  | -                   | -     | false
            ls --json                           | -                   | -     | true
            ls --url http://h:1/jolokia/        | http://h:1/jolokia/ | -     | false
            ls --url=http://h:1/jolokia/ --json | http://h:1/jolokia/ | -     | true
            ls --url=                           | ''                  | -     | false
            info web --user admin               | -                   | admin | false
            stats --user=admin worker --json    | -                   | admin | true
            version --json                      | -                   | -     | true
            """)
    void plainCommandLinesAreRead(String commandLine, String url, String user, boolean json) {
        String[] args = commandLine.split(" ");

        assertThat(QuickPath.read((QuickRunnable) Commands.create(args[0], context), args))
                .isEqualTo(new QuickArguments(url, user, json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls web", "ls --url", "ls --url a --url b", "ls --user a --user=b", "ls --json=true",
        "ls -h", "info a b", "version --url x", "version --user=x", "version web", "stats --sort mem", "ls --urlx=1"})
    void anythingElseIsLeftToPicocli(String commandLine) {
        String[] args = commandLine.split(" ");

        assertThat(QuickPath.read((QuickRunnable) Commands.create(args[0], context), args)).isNull();
    }
}
