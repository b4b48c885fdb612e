package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.DependencyCondition;
import io.partner.ppm.api.LogFileSpec;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), ScheduleContribution.extensions());

    @Test
    void readsEveryKeyOfTheDocumentedExample() throws Exception {
        Path envFile = Files.writeString(dir.resolve("web.env"), "SECRET=s3cr3t\n");
        Path file = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx:      { enabled: false, host: 127.0.0.1, port: 9011, password_file: /etc/jmx.pw, access_file: /etc/jmx.acl }
                  jolokia:  { enabled: true, host: 0.0.0.0, port: 8779, user: admin, password: pw, keystore: /k.p12, keystore_password: kp }
                  log:      { format: json, timestamps: true }
                  stats:    { interval: 2s }
                  plugins:  { dir: /opt/ppm/plugins, disabled: [notify, health] }
                  shutdown: { timeout: 7s }
                  exit_with: web

                defaults:
                  restart: on-failure
                  backoff: { interval: 1s, max: 60s, reset_after: 60s, max_restarts: 0 }

                services:
                  - name: db
                    command: "postgres -D /data"
                  - name: web
                    command: ["python3", "-m", "http.server", "8080"]
                    cwd: /srv
                    env: { LOG_LEVEL: debug }
                    env_file: %s
                    user: www-data
                    restart: always
                    backoff: { interval: 500ms, max: 30s, reset_after: 60s, max_restarts: 10 }
                    stop_signal: INT
                    stop_timeout: 3s
                    success_exit_codes: [0, 143]
                    depends_on: { db: started }
                    autostart: true
                    log: { file: /var/log/web.log, max_size: 10MB, max_files: 3 }
                    schedule: "*/5 * * * *"

                notify:
                  url: http://hooks.example/x
                """.formatted(envFile));

        DaemonConfig config = loader.load(file);

        assertThat(config.source()).isEqualTo(file);
        assertThat(config.jmx()).isEqualTo(new JmxConfig(false, "127.0.0.1", 9011, "/etc/jmx.pw", "/etc/jmx.acl"));
        assertThat(config.jolokia()).isEqualTo(new JolokiaConfig(true, "0.0.0.0", 8779, "admin", "pw", "/k.p12", "kp"));
        assertThat(config.log()).isEqualTo(new LogConfig(LogConfig.Format.JSON, true));
        assertThat(config.statsInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.plugins()).isEqualTo(new PluginsConfig("/opt/ppm/plugins", List.of("notify", "health")));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.exitWith()).isEqualTo("web");
        assertThat(config.defaults()).containsOnlyKeys("restart", "backoff");
        assertThat(config.sections()).containsExactly(entry("notify", Map.of("url", "http://hooks.example/x")));

        ServiceSpec db = config.services().get(0);
        assertThat(db.command()).containsExactly("postgres -D /data");
        assertThat(db.shell()).isTrue();
        assertThat(db.argv()).containsExactly("/bin/sh", "-c", "postgres -D /data");

        ServiceSpec web = config.services().get(1);
        assertThat(web).isEqualTo(ServiceSpec.builder("web", List.of("python3", "-m", "http.server", "8080"))
                .cwd("/srv")
                .env(Map.of("LOG_LEVEL", "debug"))
                .envFile(envFile.toString())
                .user("www-data")
                .restart("always")
                .backoff(new BackoffSpec(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60), 10))
                .stopSignal(Signal.INT)
                .stopTimeout(Duration.ofSeconds(3))
                .successExitCodes(Set.of(0, 143))
                .dependsOn(Map.of("db", DependencyCondition.STARTED))
                .autostart(false)
                .log(new LogFileSpec("/var/log/web.log", 10L * 1024 * 1024, 3))
                .extensions(Map.of("schedule", "*/5 * * * *"))
                .build());
    }

    @Test
    void emptyFileIsAValidConfigurationWithoutServices() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yml"), "");
        Path comments = Files.writeString(dir.resolve("comments.yml"), "# nothing here yet\n\n");

        for (Path file : List.of(empty, comments)) {
            DaemonConfig config = loader.load(file);
            assertThat(config.services()).isEmpty();
            assertThat(config.source()).isEqualTo(file);
            assertThat(config.jmx()).isEqualTo(JmxConfig.DEFAULT);
        }
    }

    @Test
    void serviceWithOnlyNameAndCommandGetsTheBuiltInDefaults() throws Exception {
        DaemonConfig config = load("""
                services:
                  - name: worker
                    command: [/bin/worker, --fast]
                """);

        assertThat(config.services()).containsExactly(ServiceSpec.of("worker", List.of("/bin/worker", "--fast")));
        ServiceSpec worker = config.services().getFirst();
        assertThat(worker.restart()).isEqualTo("on-failure");
        assertThat(worker.backoff()).isEqualTo(new BackoffSpec(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60), 0));
        assertThat(worker.stopSignal()).isEqualTo(Signal.TERM);
        assertThat(worker.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(worker.successExitCodes()).containsExactly(0);
        assertThat(worker.autostart()).isTrue();
        assertThat(config.statsInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(config.jolokia()).isEqualTo(JolokiaConfig.DEFAULT);
        assertThat(config.log()).isEqualTo(LogConfig.DEFAULT);
        assertThat(config.plugins()).isEqualTo(PluginsConfig.DEFAULT);
    }

    @Test
    void defaultsApplyWhereAServiceIsSilentAndMappingsMergeKeyByKey() throws Exception {
        DaemonConfig config = load("""
                defaults:
                  user: app
                  restart: always
                  stop_timeout: 10s
                  env: { TZ: UTC, LEVEL: info }
                  backoff: { interval: 2s, max_restarts: 5 }
                  log: { max_size: 1MB, max_files: 2 }
                  success_exit_codes: [0, 3]
                services:
                  - name: quiet
                    command: [a]
                  - name: chatty
                    command: [b]
                    user: root
                    restart: ~
                    env: { LEVEL: debug }
                    backoff: { max: 10s }
                    log: { file: /tmp/chatty.log }
                    success_exit_codes: [7]
                """);

        ServiceSpec quiet = config.services().get(0);
        assertThat(quiet.user()).isEqualTo("app");
        assertThat(quiet.restart()).isEqualTo("always");
        assertThat(quiet.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(quiet.env()).containsOnly(entry("TZ", "UTC"), entry("LEVEL", "info"));
        assertThat(quiet.backoff()).isEqualTo(new BackoffSpec(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60), 5));
        assertThat(quiet.log()).as("a default log without a file gives no log file").isNull();
        assertThat(quiet.successExitCodes()).containsExactlyInAnyOrder(0, 3);

        ServiceSpec chatty = config.services().get(1);
        assertThat(chatty.user()).isEqualTo("root");
        assertThat(chatty.restart()).as("null is silence: the default applies").isEqualTo("always");
        assertThat(chatty.env()).containsOnly(entry("TZ", "UTC"), entry("LEVEL", "debug"));
        assertThat(chatty.backoff()).isEqualTo(new BackoffSpec(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60), 5));
        assertThat(chatty.log()).isEqualTo(new LogFileSpec("/tmp/chatty.log", 1024 * 1024, 2));
        assertThat(chatty.successExitCodes()).as("lists are replaced, not merged").containsExactly(7);
    }

    @Test
    void dependsOnAcceptsAListMeaningStartedAndMergesWithDefaults() throws Exception {
        DaemonConfig config = load("""
                defaults:
                  depends_on: [migrate]
                services:
                  - name: migrate
                    command: [m]
                    restart: never
                  - name: cache
                    command: [c]
                  - name: web
                    command: [w]
                    depends_on: [cache]
                  - name: worker
                    command: [k]
                    depends_on: { migrate: completed, cache: ready }
                """, ConfigExtensions.NONE, dir);

        assertThat(config.services().get(0).dependsOn()).as("a default never makes a service wait for itself").isEmpty();
        assertThat(config.services().get(1).dependsOn()).containsOnly(entry("migrate", DependencyCondition.STARTED));
        assertThat(config.services().get(2).dependsOn())
                .containsOnly(entry("migrate", DependencyCondition.STARTED), entry("cache", DependencyCondition.STARTED));
        assertThat(config.services().get(3).dependsOn())
                .containsOnly(entry("migrate", DependencyCondition.COMPLETED), entry("cache", DependencyCondition.READY));
    }

    @Test
    void environmentVariablesAreExpandedInValues() throws Exception {
        ConfigLoader withEnv = new ConfigLoader(
                Map.of("APP_HOME", "/opt/app", "JMX_PORT", "9999", "EMPTY", "", "DEBUG", "true"), ConfigExtensions.NONE);

        DaemonConfig config = withEnv.loadText("""
                daemon:
                  jmx: { port: "${JMX_PORT}" }
                  jolokia: { port: "${JOLOKIA_PORT:-8999}" }
                services:
                  - name: app
                    command: ["${APP_HOME}/bin/app", "--level=${LEVEL:-info}", "--name=${EMPTY:-unnamed}"]
                    cwd: ${APP_HOME}
                    autostart: ${DEBUG}
                    env:
                      LITERAL: "$${APP_HOME} stays"
                      SHELL_STYLE: "$APP_HOME and $$ stay"
                      ${NOT_A_KEY}: keys are not expanded
                """, "ppm.yml");

        assertThat(config.jmx().port()).isEqualTo(9999);
        assertThat(config.jolokia().port()).isEqualTo(8999);
        ServiceSpec app = config.services().getFirst();
        assertThat(app.command()).containsExactly("/opt/app/bin/app", "--level=info", "--name=unnamed");
        assertThat(app.cwd()).isEqualTo("/opt/app");
        assertThat(app.autostart()).isTrue();
        assertThat(app.env()).containsOnly(
                entry("LITERAL", "${APP_HOME} stays"),
                entry("SHELL_STYLE", "$APP_HOME and $$ stay"),
                entry("${NOT_A_KEY}", "keys are not expanded"));
    }

    @Test
    void relativePathsResolveAgainstTheConfigurationFilesDirectory() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/app.env"), "A=1\n");
        Path file = Files.writeString(dir.resolve("conf/ppm.yml"), """
                services:
                  - name: app
                    command: [./run]
                    cwd: ../srv
                    env_file: app.env
                    log: { file: logs/app.log }
                """);

        ServiceSpec app = loader.load(file).services().getFirst();

        assertThat(app.cwd()).isEqualTo(dir.resolve("srv").toString());
        assertThat(app.envFile()).isEqualTo(dir.resolve("conf/app.env").toString());
        assertThat(app.log().file()).isEqualTo(dir.resolve("conf/logs/app.log").toString());
        assertThat(app.command()).as("the command is left to the process layer").containsExactly("./run");
    }

    @Test
    void scalarsOfAnyTypeBecomeStringsWhereStringsAreExpected() throws Exception {
        ServiceSpec app = load("""
                services:
                  - name: 42
                    command: [sleep, 5]
                    user: 1000
                    stop_signal: 15
                    env: { PORT: 8080, DEBUG: true, RATIO: 0.5, MODE: 0755 }
                """).services().getFirst();

        assertThat(app.name()).isEqualTo("42");
        assertThat(app.command()).containsExactly("sleep", "5");
        assertThat(app.user()).isEqualTo("1000");
        assertThat(app.stopSignal()).isEqualTo(Signal.TERM);
        assertThat(app.env()).containsOnly(entry("PORT", "8080"), entry("DEBUG", "true"), entry("RATIO", "0.5"), entry("MODE", "0755"));
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolved() throws Exception {
        DaemonConfig config = load("""
                services:
                  - &base
                    name: one
                    command: [run]
                    env: &env { A: "1" }
                  - <<: *base
                    name: two
                    env: *env
                    restart: never
                """);

        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("one", "two");
        ServiceSpec two = config.services().get(1);
        assertThat(two.command()).containsExactly("run");
        assertThat(two.env()).containsOnly(entry("A", "1"));
        assertThat(two.restart()).isEqualTo("never");
    }

    @Test
    void pluginKeysAreValidatedStoredAndAdjusted() throws Exception {
        DaemonConfig config = load("""
                defaults:
                  schedule: "0 * * * *"
                services:
                  - name: report
                    command: [report]
                    restart: window
                """);

        ServiceSpec report = config.services().getFirst();
        assertThat(report.extensions()).containsExactly(entry("schedule", "0 * * * *"));
        assertThat(report.autostart()).as("the plugin's adjust step ran").isFalse();
        assertThat(report.restart()).isEqualTo("window");
        assertThat(config.defaults()).containsExactly(entry("schedule", "0 * * * *"));
    }

    @Test
    void parseServiceReadsJsonWithTheContextsDefaults() throws Exception {
        DaemonConfig context = load("""
                defaults:
                  user: app
                  backoff: { max_restarts: 3 }
                services:
                  - name: db
                    command: [db]
                """);

        ServiceSpec added = loader.parseService(
                "{\"name\":\"api\",\"command\":[\"api\",\"--port\",\"80\"],\"depends_on\":{\"db\":\"started\"},\"env\":{\"N\":1}}",
                context);

        assertThat(added.name()).isEqualTo("api");
        assertThat(added.command()).containsExactly("api", "--port", "80");
        assertThat(added.user()).isEqualTo("app");
        assertThat(added.backoff().maxRestarts()).isEqualTo(3);
        assertThat(added.dependsOn()).containsExactly(entry("db", DependencyCondition.STARTED));
        assertThat(added.env()).containsExactly(entry("N", "1"));
    }

    @Test
    void parseServiceReadsYamlAndAppliesPluginAdjustments() throws Exception {
        ServiceSpec added = loader.parseService("""
                name: nightly
                command: backup.sh --all
                schedule: "0 3 * * *"
                """, DaemonConfig.empty());

        assertThat(added.shell()).isTrue();
        assertThat(added.command()).containsExactly("backup.sh --all");
        assertThat(added.autostart()).isFalse();
    }

    private DaemonConfig load(String yaml) throws ConfigException {
        return loader.loadText(yaml, "ppm.yml");
    }

    private static DaemonConfig load(String yaml, ConfigExtensions extensions, Path baseDir) throws Exception {
        Path file = Files.writeString(baseDir.resolve("ppm.yml"), yaml);
        return new ConfigLoader(Map.of(), extensions).load(file);
    }
}
