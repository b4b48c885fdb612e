package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake is reported once, as one line naming the file, line and column, and what is wrong. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of("SET", "yes"), ScheduleContribution.extensions());

    // --- unknown keys ---

    @Test
    void unknownTopLevelKeyIsNamedWithANearMiss() {
        assertThat(errorOf("""
                daemon: {}
                servces: []
                """)).hasMessage("ppm.yml:2:1: unknown top-level key 'servces' (did you mean 'services'?)");
    }

    @Test
    void unknownServiceKeyIsNamedWithANearMiss() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    restrat: always
                """)).hasMessage("ppm.yml:4:5: unknown key 'restrat' in service 'web' (did you mean 'restart'?)");
    }

    @Test
    void anUnknownKillModeNamesTheTwoThatExist() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    kill_mode: mixed
                """)).hasMessage("ppm.yml:4:16: service 'web' kill_mode: unknown kill mode 'mixed' (use group or process)");
    }

    @Test
    void unknownKeyThatIsAPrefixOfAKnownOneIsSuggested() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    auto: false
                """)).hasMessage("ppm.yml:4:5: unknown key 'auto' in service 'web' (did you mean 'autostart'?)");
    }

    @Test
    void unknownKeyFarFromEveryKnownOneHasNoSuggestion() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    colour: blue
                """)).hasMessage("ppm.yml:4:5: unknown key 'colour' in service 'web'");
    }

    @Test
    void unknownKeyInNestedDaemonSectionIsNamedWithItsPath() {
        assertThat(errorOf("""
                daemon:
                  jmx: { enabled: true, prot: 9010 }
                """)).hasMessage("ppm.yml:2:25: unknown key 'prot' in daemon.jmx (did you mean 'port'?)");
    }

    @Test
    void unknownKeyInBackoffIsNamedWithItsService() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    backoff:
                      interval: 1s
                      reset: 1m
                """)).hasMessage("ppm.yml:6:7: unknown key 'reset' in service 'web' backoff (did you mean 'reset_after'?)");
    }

    @Test
    void pluginKeySuggestedWhenMisspelt() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    schedul: "* * * * *"
                """)).hasMessage("ppm.yml:4:5: unknown key 'schedul' in service 'web' (did you mean 'schedule'?)");
    }

    @Test
    void unknownKeyInDefaultsIsNamed() {
        assertThat(errorOf("""
                defaults:
                  stop_timout: 3s
                """)).hasMessage("ppm.yml:2:3: unknown key 'stop_timout' in defaults (did you mean 'stop_timeout'?)");
    }

    @Test
    void nameAndCommandCannotHaveDefaults() {
        assertThat(errorOf("""
                defaults:
                  command: [x]
                """)).hasMessage("ppm.yml:2:3: defaults.command: 'command' belongs to each service and cannot have a default");
    }

    @Test
    void duplicateKeyInOneMappingIsRefusedAtTheSecond() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    restart: never
                    restart: always
                """)).hasMessage("ppm.yml:5:5: duplicate key 'restart' (first at line 4)");
    }

    // --- names and commands ---

    @Test
    void duplicateServiceNameIsRefusedAtTheSecond() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [a]
                  - name: db
                    command: [b]
                  - name: web
                    command: [c]
                """)).hasMessage("ppm.yml:6:11: duplicate service name 'web' (first defined at line 2)");
    }

    @Test
    void invalidServiceNameIsRefusedWithTheRules() {
        assertThat(errorOf("""
                services:
                  - name: "web server"
                    command: [a]
                """)).hasMessage("ppm.yml:2:11: invalid service name 'web server': use letters, digits, '.', '_' or '-', "
                + "starting with a letter or digit, at most 64 characters");
    }

    @Test
    void serviceWithoutNameIsRefusedAtItsStart() {
        assertThat(errorOf("""
                services:
                  - command: [a]
                """)).hasMessage("ppm.yml:2:5: service without a name (every service needs 'name:')");
    }

    @Test
    void serviceWithoutCommandIsRefusedAtItsStart() {
        assertThat(errorOf("""
                services:
                  - name: web
                    cwd: /srv
                """)).hasMessage("ppm.yml:2:5: service 'web': no command (add 'command:')");
    }

    @Test
    void emptyCommandListIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: []
                """)).hasMessage("ppm.yml:3:14: service 'web' command: empty command");
    }

    @Test
    void blankShellCommandIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: "   "
                """)).hasMessage("ppm.yml:3:14: service 'web' command: empty command");
    }

    @Test
    void commandGivenAsMappingIsAWrongType() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: { run: w }
                """)).hasMessage("ppm.yml:3:14: service 'web' command: expected a list of arguments or a shell command line, got a mapping");
    }

    // --- values ---

    @Test
    void durationWithoutUnitIsRefusedNamingTheUnits() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    stop_timeout: 5
                """)).hasMessage("ppm.yml:4:19: service 'web' stop_timeout: duration '5' has no unit "
                + "(use a whole number with a unit: ms, s, m or h, e.g. 250ms, 5s, 2m, 1h or 1m30s)");
    }

    @Test
    void malformedDurationInBackoffIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    backoff: { interval: 1x }
                """)).hasMessage("ppm.yml:4:26: service 'web' backoff.interval: invalid duration '1x' "
                + "(use a whole number with a unit: ms, s, m or h, e.g. 250ms, 5s, 2m, 1h or 1m30s)");
    }

    @Test
    void malformedSizeIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    log: { file: /tmp/w.log, max_size: 10XB }
                """)).hasMessage("ppm.yml:4:40: service 'web' log.max_size: invalid size '10XB' "
                + "(use a whole number with a unit: B, KB, MB or GB (1KB = 1024 bytes), e.g. 512KB or 10MB)");
    }

    @Test
    void unknownSignalIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    stop_signal: SIGTERMINATE
                """)).hasMessage("ppm.yml:4:18: service 'web' stop_signal: unknown signal 'SIGTERMINATE' "
                + "(use a name such as TERM, INT, HUP, KILL, USR1)");
    }

    @Test
    void unknownRestartPolicyListsTheKnownOnesAndSuggests() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    restart: alway
                """)).hasMessage("ppm.yml:4:14: service 'web' restart: unknown restart policy 'alway' "
                + "(use on-failure, always, never, window) (did you mean 'always'?)");
    }

    @Test
    void unknownRestartPolicyInDefaultsIsRefusedThere() {
        assertThat(errorOf("""
                defaults:
                  restart: sometimes
                """)).hasMessage("ppm.yml:2:12: defaults.restart: unknown restart policy 'sometimes' "
                + "(use on-failure, always, never, window)");
    }

    @Test
    void exitCodeOutOfRangeIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    success_exit_codes: [0, 256]
                """)).hasMessage("ppm.yml:4:29: service 'web' success_exit_codes: 256 is out of range (0-255)");
    }

    @Test
    void emptyExitCodeListIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    success_exit_codes: []
                """)).hasMessage("ppm.yml:4:25: service 'web' success_exit_codes: needs at least one exit code, e.g. [0]");
    }

    @Test
    void notABooleanIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    autostart: maybe
                """)).hasMessage("ppm.yml:4:16: service 'web' autostart: expected true or false, got 'maybe'");
    }

    @Test
    void envVariableWithoutValueIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    env:
                      TOKEN:
                """)).hasMessage("ppm.yml:5:7: service 'web' env.TOKEN: has no value (write TOKEN: \"\" for an empty one)");
    }

    @Test
    void unknownDependencyConditionIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: db
                    command: [d]
                  - name: web
                    command: [w]
                    depends_on: { db: healthy }
                """)).hasMessage("ppm.yml:6:23: service 'web' depends_on.db: unknown dependency condition 'healthy' "
                + "(use started, ready or completed)");
    }

    @Test
    void logWithoutFileIsRefusedWhenTheServiceWritesIt() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    log: { max_size: 1MB }
                """)).hasMessage("ppm.yml:4:10: service 'web' log: 'file' is missing");
    }

    // --- wrong types ---

    @Test
    void listWhereAMappingIsExpected() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    backoff: [1s, 2s]
                """)).hasMessage("ppm.yml:4:14: service 'web' backoff: expected a mapping, got a list");
    }

    @Test
    void mappingWhereAListIsExpected() {
        assertThat(errorOf("""
                services:
                  web:
                    command: [w]
                """)).hasMessage("ppm.yml:2:3: services: expected a list, got a mapping");
    }

    @Test
    void scalarWhereADaemonSectionIsExpected() {
        assertThat(errorOf("""
                daemon:
                  stats: 5s
                """)).hasMessage("ppm.yml:2:10: daemon.stats: expected a mapping, got a string");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(errorOf("""
                - name: web
                """)).hasMessage("ppm.yml:1:1: the top level: expected a mapping, got a list");
    }

    // --- daemon section ---

    @Test
    void portOutOfRangeIsRefused() {
        assertThat(errorOf("""
                daemon:
                  jolokia: { port: 70000 }
                """)).hasMessage("ppm.yml:2:20: daemon.jolokia.port: 70000 is out of range (0-65535)");
    }

    @Test
    void negativePortIsRefused() {
        assertThat(errorOf("""
                daemon:
                  jmx:
                    port: -1
                """)).hasMessage("ppm.yml:3:11: daemon.jmx.port: -1 is out of range (0-65535)");
    }

    @Test
    void portThatIsNotANumberIsRefused() {
        assertThat(errorOf("""
                daemon:
                  jmx: { port: ninety }
                """)).hasMessage("ppm.yml:2:16: daemon.jmx.port: expected a whole number, got 'ninety'");
    }

    @Test
    void unknownLogFormatIsRefused() {
        assertThat(errorOf("""
                daemon:
                  log: { format: xml }
                """)).hasMessage("ppm.yml:2:18: daemon.log.format: unknown log format 'xml' (use text or json)");
    }

    @Test
    void zeroStatsIntervalIsRefused() {
        assertThat(errorOf("""
                daemon:
                  stats: { interval: 0s }
                """)).hasMessage("ppm.yml:2:22: daemon.stats.interval: must be greater than 0s");
    }

    @Test
    void jmxOnANonLoopbackAddressNeedsAuthentication() {
        assertThat(errorOf("""
                daemon:
                  jmx: { host: 0.0.0.0 }
                """)).hasMessage("ppm.yml:2:16: daemon.jmx.host: '0.0.0.0' is not a loopback address: "
                + "set password_file and access_file to allow remote connections");
    }

    @Test
    void jolokiaOnANonLoopbackAddressNeedsAUser() {
        assertThat(errorOf("""
                daemon:
                  jolokia: { host: 10.0.0.5, port: 8778 }
                """)).hasMessage("ppm.yml:2:20: daemon.jolokia.host: '10.0.0.5' is not a loopback address: "
                + "set user and password to allow remote connections");
    }

    @Test
    void jolokiaUserWithoutPasswordIsRefused() {
        assertThat(errorOf("""
                daemon:
                  jolokia:
                    user: admin
                """)).hasMessage("ppm.yml:3:5: daemon.jolokia.user: needs daemon.jolokia.password as well");
    }

    @Test
    void anAuthUserNeedsAHashNotAPassword() {
        assertThat(errorOf("""
                daemon:
                  auth:
                    users:
                      ops: s3cret
                """)).hasMessage("ppm.yml:4:12: daemon.auth.users.ops: write the password's hash as sha256:HEX "
                + "(printf %s 'PASSWORD' | sha256sum), not the password");
    }

    @Test
    void anAuthUserNameIsPlain() {
        assertThat(errorOf("""
                daemon:
                  auth:
                    users:
                      "a:b": sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
                """)).hasMessageStartingWith("ppm.yml:4:7: daemon.auth.users.a:b: a user name is 1 to 64");
    }

    @Test
    void exitWithMustNameAService() {
        assertThat(errorOf("""
                daemon:
                  exit_with: wbe
                services:
                  - name: web
                    command: [w]
                """)).hasMessage("ppm.yml:2:14: daemon.exit_with: no service named 'wbe' (did you mean 'web'?)");
    }

    // --- dependencies ---

    @Test
    void dependencyOnAnUnknownServiceIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: database
                    command: [d]
                  - name: web
                    command: [w]
                    depends_on: [databse]
                """)).hasMessage("ppm.yml:6:18: service 'web' depends_on: no service named 'databse' (did you mean 'database'?)");
    }

    @Test
    void dependencyCycleIsRefusedAtTheEntryThatClosesIt() {
        assertThat(errorOf("""
                services:
                  - name: a
                    command: [a]
                    depends_on: [b]
                  - name: b
                    command: [b]
                    depends_on: [c]
                  - name: c
                    command: [c]
                    depends_on: { a: started }
                """)).hasMessage("ppm.yml:10:19: service 'c' depends_on: dependency cycle c -> a -> b -> c");
    }

    @Test
    void serviceDependingOnItselfIsACycle() {
        assertThat(errorOf("""
                services:
                  - name: a
                    command: [a]
                    depends_on: [a]
                """)).hasMessage("ppm.yml:4:18: service 'a' depends_on: dependency cycle a -> a");
    }

    // --- env_file ---

    @Test
    void missingEnvFileIsRefusedAtLoad() {
        Path missing = dir.resolve("missing.env");
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    env_file: %s
                """.formatted(missing))).hasMessage("ppm.yml:4:15: service 'web' env_file: " + missing + ": No such file");
    }

    @Test
    void envFileThatIsADirectoryIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    env_file: %s
                """.formatted(dir))).hasMessage("ppm.yml:4:15: service 'web' env_file: " + dir + ": Is a directory");
    }

    @Test
    void malformedEnvFileIsRefusedWithItsOwnLine() throws Exception {
        Path envFile = Files.writeString(dir.resolve("bad.env"), "GOOD=1\nBAD LINE\n");
        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    env_file: %s
                """.formatted(envFile))).hasMessage("ppm.yml:4:15: service 'web' env_file: " + envFile
                + ":2: expected KEY=VALUE, got 'BAD LINE'");
    }

    @Test
    void unreadableEnvFileIsRefused() throws Exception {
        Path envFile = Files.writeString(dir.resolve("secret.env"), "A=1\n");
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(envFile)).as("permissions are not enforced for this user (root)").isFalse();

        assertThat(errorOf("""
                services:
                  - name: web
                    command: [w]
                    env_file: %s
                """.formatted(envFile))).hasMessage("ppm.yml:4:15: service 'web' env_file: " + envFile + ": Permission denied");
    }

    // --- ${VAR} ---

    @Test
    void unsetVariableWithoutDefaultIsRefusedAtItsValue() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: ["run", "--token=${TOKEN}"]
                """)).hasMessage("ppm.yml:3:22: environment variable 'TOKEN' is not set (use ${TOKEN:-default} to give a default)");
    }

    @Test
    void unclosedVariableIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    command: "echo ${SET"
                """)).hasMessage("ppm.yml:3:14: unclosed '${' in 'echo ${SET' (write $${ for a literal ${)");
    }

    @Test
    void invalidVariableNameIsRefused() {
        assertThat(errorOf("""
                services:
                  - name: web
                    cwd: ${1DIR}
                """)).hasMessage("ppm.yml:3:10: invalid variable name '1DIR' in '${1DIR}' (use letters, digits and '_'; ${VAR} or ${VAR:-default})");
    }

    // --- plugins ---

    @Test
    void pluginValidationErrorIsReportedAtTheKey() {
        assertThat(errorOf("""
                services:
                  - name: report
                    command: [r]
                    schedule: "every hour"
                """)).hasMessage("ppm.yml:4:5: service 'report' schedule: expected a cron expression with 5 fields, got 'every hour'");
    }

    @Test
    void pluginSectionErrorIsReportedAtTheSection() {
        assertThat(errorOf("""
                services: []
                notify:
                  channel: ops
                """)).hasMessage("ppm.yml:2:1: notify: needs a url");
    }

    // --- YAML syntax ---

    @Test
    void tabIndentationIsASyntaxErrorAtTheTab() {
        ConfigException e = errorOf("services:\n\t- name: web\n");
        assertThat(e).hasMessageStartingWith("ppm.yml:2:1: YAML syntax error: ");
        assertThat(e.getMessage()).contains("'\\t(TAB)'");
        assertOneLineWithoutJavaNames(e);
    }

    @Test
    void badIndentationIsASyntaxErrorWhereItHappens() {
        ConfigException e = errorOf("""
                services:
                  - name: web
                    command: [w]
                   restart: always
                """);
        assertThat(e).hasMessageStartingWith("ppm.yml:4:4: YAML syntax error: ").hasMessageEndingWith(": check the indentation");
        assertOneLineWithoutJavaNames(e);
    }

    @Test
    void unclosedQuoteIsASyntaxError() {
        ConfigException e = errorOf("""
                services:
                  - name: "web
                """);
        assertThat(e).hasMessage("ppm.yml:3:1: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar started at line 2)");
    }

    @Test
    void secondDocumentIsRefused() {
        assertThat(errorOf("""
                services: []
                ---
                services: []
                """)).hasMessage("ppm.yml:3:1: only one YAML document is allowed (remove the second '---')");
    }

    @Test
    void unknownAliasIsRefused() {
        assertThat(errorOf("""
                services:
                  - *web
                """)).hasMessage("ppm.yml:2:5: unknown alias '*web' (no anchor '&web' before it)");
    }

    // --- the file itself ---

    @Test
    void missingFileIsRefused() {
        Path missing = dir.resolve("nope.yml");
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(missing)))
                .hasMessage("config file " + missing + ": No such file");
    }

    @Test
    void directoryInsteadOfAFileIsRefused() {
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(dir)))
                .hasMessage("config file " + dir + ": Is a directory");
    }

    @Test
    void pathThroughAFileIsRefusedWithTheSystemsWords() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path through = file.resolve("ppm.yml");
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(through)))
                .hasMessage("config file " + through + ": Not a directory");
    }

    @Test
    void unreadableFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("ppm.yml"), "services: []\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("permissions are not enforced for this user (root)").isFalse();

        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(file)))
                .hasMessage("config file " + file + ": Permission denied");
    }

    @Test
    void fileThatIsNotUtf8IsRefused() throws Exception {
        Path file = Files.write(dir.resolve("ppm.yml"), new byte[] {'a', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n'});
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(file)))
                .hasMessage("config file " + file + ": not UTF-8 text");
    }

    @Test
    void errorsInAFileNameTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("ppm.yml"), "services:\n  - name: web\n    command: [w]\n    restart: often\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(e.location()).isEqualTo(file + ":4:14");
        assertThat(e.problem()).startsWith("service 'web' restart: unknown restart policy 'often'");
        assertThat(e).hasMessage(e.location() + ": " + e.problem());
    }

    // --- parseService ---

    @Test
    void parseServiceRefusesADependencyOnAServiceOutsideTheContext() throws Exception {
        DaemonConfig context = loader.loadText("services:\n  - name: db\n    command: [d]\n", "ppm.yml");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.parseService("{\"name\": \"api\", \"command\": [\"a\"], \"depends_on\": [\"dbx\"]}", context));

        assertThat(e).hasMessage("service definition:1:50: service 'api' depends_on: no service named 'dbx' (did you mean 'db'?)");
    }

    @Test
    void parseServiceRefusesACycleThroughTheContext() throws Exception {
        DaemonConfig context = loader.loadText("""
                services:
                  - name: db
                    command: [d]
                  - name: api
                    command: [a]
                    depends_on: [db]
                """, "ppm.yml");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.parseService("name: db\ncommand: [d]\ndepends_on: [api]\n", context));

        assertThat(e).hasMessage("service definition:3:14: service 'db' depends_on: dependency cycle db -> api -> db");
    }

    @Test
    void parseServiceRefusesAnUnknownKey() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.parseService("{\"name\": \"api\", \"comand\": [\"a\"]}", DaemonConfig.empty()));

        assertThat(e).hasMessage("service definition:1:17: unknown key 'comand' in service 'api' (did you mean 'command'?)");
    }

    @Test
    void parseServiceRefusesEmptyText() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parseService("  \n", DaemonConfig.empty()));

        assertThat(e).hasMessage("service definition: empty service definition");
    }

    private ConfigException errorOf(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.loadText(yaml, "ppm.yml"));
        assertThat(e).as("a ConfigException for:\n" + yaml).isNotNull();
        assertOneLineWithoutJavaNames(e);
        return e;
    }

    private static void assertOneLineWithoutJavaNames(ConfigException e) {
        assertThat(e.getMessage()).doesNotContain("\n", "\r", "Exception", "com.fasterxml", "org.yaml", "snakeyaml");
    }
}
