package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigWriterTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of("HOST", "127.0.0.1"), ScheduleContribution.extensions());

    @Test
    void configurationUsingEveryKeyReadsBackEqual() throws Exception {
        Path envFile = Files.writeString(dir.resolve("web.env"), "A=1\n");
        Path file = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx:      { enabled: false, host: "${HOST}", port: 9011, password_file: /etc/jmx.pw, access_file: /etc/jmx.acl }
                  jolokia:  { enabled: true, host: 0.0.0.0, port: 0, user: admin, password: "p@ss: word", keystore: k.p12, keystore_password: kp }
                  log:      { format: json, timestamps: true }
                  stats:    { interval: 1500ms }
                  plugins:  { dir: /opt/plugins, disabled: [notify, "yes"] }
                  shutdown: { timeout: 90s }
                  exit_with: web
                defaults:
                  user: app
                  restart: always
                  backoff: { interval: 2s, max_restarts: 4 }
                  env: { TZ: UTC, PORT: 8080 }
                  log: { max_size: 1MB }
                  schedule: "0 * * * *"
                services:
                  - name: db
                    command: "postgres -D /data && echo $$HOME $${NOT_EXPANDED}"
                    depends_on: []
                  - name: web
                    command: ["python3", "-m", "http.server", "8080"]
                    cwd: srv
                    env: { LOG_LEVEL: debug, EMPTY: "", QUOTE: "say \\"hi\\"", MULTI: "a\\nb", UNICODE: "héllo ☃" }
                    env_file: web.env
                    user: www-data
                    restart: on-failure
                    backoff: { interval: 500ms, max: 30s, reset_after: 1m30s, max_restarts: 10 }
                    stop_signal: SIGINT
                    stop_timeout: 250ms
                    success_exit_codes: [143, 0, 2]
                    depends_on: { db: ready }
                    autostart: true
                    log: { file: logs/web.log, max_size: 1536, max_files: 0 }
                    schedule: "*/5 * * * *"
                  - name: one-shot.v2
                    command: [true]
                    restart: window
                    depends_on: { web: completed, db: started }
                    autostart: false
                notify:
                  url: "http://hooks.example/x?a=1&b=2"
                  events: [crashed, gave_up]
                  retries: 3
                  big: 5000000000
                  ratio: 0.25
                  nested: [{ a: 1 }, { b: [true, null] }]
                """);

        DaemonConfig loaded = loader.load(file);
        String yaml = ConfigWriter.toYaml(loaded);
        DaemonConfig reread = loader.loadText(yaml, "written.yml");

        assertThat(reread.services()).isEqualTo(loaded.services());
        assertThat(withoutSource(reread)).isEqualTo(withoutSource(loaded));
        assertThat(ConfigWriter.toYaml(reread)).as("writing is stable").isEqualTo(yaml);
        assertThat(reread.services().get(0).env()).containsEntry("TZ", "UTC").containsEntry("PORT", "8080");
        assertThat(reread.services().get(0).command()).containsExactly("postgres -D /data && echo $$HOME ${NOT_EXPANDED}");
        assertThat(reread.services().get(1).envFile()).isEqualTo(envFile.toString());
    }

    @Test
    void effectiveConfigurationShowsEveryDefaultInHumanUnits() throws Exception {
        DaemonConfig config = loader.loadText("services:\n  - name: web\n    command: [w]\n", "ppm.yml");

        String yaml = ConfigWriter.toYaml(config);

        assertThat(yaml).startsWith("# PPM configuration");
        assertThat(yaml).contains("""
                daemon:
                  jmx:
                    enabled: true
                    host: 127.0.0.1
                    port: 9010
                    password_file: null
                    access_file: null
                """);
        assertThat(yaml).contains("""
                  stats:
                    interval: 5s
                  plugins:
                    dir: plugins
                    disabled: []
                  shutdown:
                    timeout: 8s
                  exit_with: null
                defaults: {}
                services:
                  - name: web
                    command: ["w"]
                    restart: on-failure
                    backoff:
                      interval: 1s
                      max: 1m
                      reset_after: 1m
                      max_restarts: 0
                    stop_signal: TERM
                    stop_timeout: 5s
                    kill_mode: group
                    success_exit_codes: [0]
                    autostart: true
                """);
    }

    @Test
    void emptyConfigurationIsWrittenAndReadBack() throws Exception {
        String yaml = ConfigWriter.toYaml(DaemonConfig.empty());

        assertThat(yaml).contains("services: []\n");
        assertThat(loader.loadText(yaml, "written.yml")).isEqualTo(DaemonConfig.empty());
    }

    @Test
    void servicesAddedThroughParseServiceReadBackEqual() throws Exception {
        DaemonConfig context = loader.loadText("""
                defaults:
                  stop_timeout: 2s
                services:
                  - name: db
                    command: [db]
                """, "ppm.yml");
        ServiceSpec api = loader.parseService(
                "{\"name\": \"api\", \"command\": \"api --port 80\", \"depends_on\": {\"db\": \"ready\"}, \"env\": {\"X\": \"${literal\"}}"
                        .replace("${literal", "$${literal"), context);
        ServiceSpec nightly = loader.parseService("name: nightly\ncommand: [backup, \"--all\"]\nschedule: \"0 3 * * *\"\n", context);

        assertThat(loader.parseService(ConfigWriter.serviceToYaml(api), context)).isEqualTo(api);
        assertThat(loader.parseService(ConfigWriter.serviceToYaml(nightly), context)).isEqualTo(nightly);

        List<ServiceSpec> services = new ArrayList<>(context.services());
        services.add(api);
        services.add(nightly);
        DaemonConfig running = context.withServices(services).withExitWith("api");

        DaemonConfig reread = loader.loadText(ConfigWriter.toYaml(running), "written.yml");

        assertThat(reread).isEqualTo(running);
        assertThat(reread.services().get(1).env()).containsEntry("X", "${literal");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain", "", " leading", "trailing ", "yes", "No", "on", "OFF", "y", "n", "true", "False", "null", "~", "Null",
        "0755", "1.5", "1e5", "1E5", "0x1F", "0o17", "1_000", "12:30", ".inf", "-.inf", ".nan", "nan", "+1", "-1", "5",
        "1.2.3.4", "127.0.0.1", "10MB", "1m30s", "0xABs", "a: b", "a #b", "#x", "- x", "-x", "[x]", "{y}", "*star", "&amp",
        "!bang", "%pct", "@at", "`tick`", "'single'", "\"double\"", "back\\slash", "multi\nline", "tab\there", "é☃",
        "${VAR}", "$${VAR}", "$HOME", "$$", "a,b", "?q", "|pipe", ">gt", "x:", "/srv/app", "http://h/x?a=1&b=2",
        "\u2028sep", "\u0007bell", "--flag=1",
    })
    void stringsReadBackAsTheSameString(String value) throws Exception {
        YamlEmitter emitter = new YamlEmitter();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", value);
        map.put("list", List.of(value, value));
        emitter.entries(0, map);

        Node tree = new Interpolator(Map.of()).expand(YamlTreeReader.read(emitter.text(), "t.yml").orElseThrow());

        assertThat(NodeValues.plain(tree)).as(emitter.text()).isEqualTo(Map.of("key", value, "list", List.of(value, value)));
    }

    @Test
    void numbersBooleansAndNullsReadBackWithTheirTypes() throws Exception {
        List<Object> values = new ArrayList<>(List.of(5, -7, 5_000_000_000L, new java.math.BigInteger("1180591620717411303424"),
                0.25, 1.0E10, -3.5E-7, true, false));
        values.add(null);
        YamlEmitter emitter = new YamlEmitter();
        emitter.entry(0, "values", values);

        Object read = NodeValues.plain(YamlTreeReader.read(emitter.text(), "t.yml").orElseThrow());

        assertThat(read).as(emitter.text()).isEqualTo(Map.of("values", values));
    }

    @Test
    void thousandServicesLoadAndWrite() throws Exception {
        StringBuilder yaml = new StringBuilder("defaults:\n  stop_timeout: 3s\nservices:\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("  - name: svc-").append(i).append('\n')
                    .append("    command: [\"/bin/worker\", \"--id=").append(i).append("\"]\n")
                    .append("    env: { SLOT: ").append(i).append(" }\n")
                    .append("    backoff: { interval: ").append(i + 1).append("ms }\n");
            if (i > 0) {
                yaml.append("    depends_on: [svc-").append(i - 1).append("]\n");
            }
        }
        Path file = Files.writeString(dir.resolve("big.yml"), yaml);

        DaemonConfig config = loader.load(file);

        assertThat(config.services()).hasSize(1000);
        assertThat(config.services().get(999).dependsOn()).containsOnlyKeys("svc-998");
        assertThat(config.services().get(500).env()).containsEntry("SLOT", "500");
        assertThat(withoutSource(loader.loadText(ConfigWriter.toYaml(config), "written.yml"))).isEqualTo(withoutSource(config));
    }

    private static DaemonConfig withoutSource(DaemonConfig c) {
        return c.withSource(null);
    }
}
