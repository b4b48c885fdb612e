package io.partner.ppm.runtime.config;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.Durations;
import io.partner.ppm.api.LogFileSpec;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the effective configuration as YAML: every daemon setting, the {@code defaults:} section as
 * written, and every service with all its keys (defaults filled in), durations and sizes in human
 * units. {@link ConfigLoader} reads the output back to an equal configuration, so
 * {@code ppm show-configuration > ~/.partner-pm.yml} is safe.
 *
 * <p>Secrets given in the configuration (the Jolokia password, environment values) are written as
 * they are: the output is the configuration, and is to be treated like it.
 */
public final class ConfigWriter {

    private static final int TOP = 0;
    private static final int SERVICE_ITEM = 2;

    private ConfigWriter() {
    }

    /** The whole configuration. */
    public static String toYaml(DaemonConfig config) {
        YamlEmitter yaml = new YamlEmitter();
        yaml.comment("PPM configuration: the effective settings, defaults filled in.");
        yaml.comment("Durations: 250ms, 5s, 2m, 1h. Sizes: 512KB, 10MB, 1GB. ${VAR} and ${VAR:-default} are expanded.");
        yaml.entry(TOP, "daemon", daemon(config));
        yaml.entry(TOP, "defaults", defaults(config.defaults()));
        if (config.services().isEmpty()) {
            yaml.entry(TOP, "services", List.of());
        } else {
            yaml.open(TOP, "services");
            for (ServiceSpec service : config.services()) {
                yaml.item(SERVICE_ITEM, service(service));
            }
        }
        yaml.entries(TOP, new TreeMap<>(config.sections()));
        return yaml.text();
    }

    /** One service as a mapping, the form {@link ConfigLoader#parseService} reads. */
    public static String serviceToYaml(ServiceSpec service) {
        YamlEmitter yaml = new YamlEmitter();
        yaml.entries(TOP, service(service));
        return yaml.text();
    }

    private static Map<String, Object> daemon(DaemonConfig c) {
        Map<String, Object> jmx = new LinkedHashMap<>();
        jmx.put("enabled", c.jmx().enabled());
        jmx.put("host", c.jmx().host());
        jmx.put("port", c.jmx().port());
        jmx.put("password_file", c.jmx().passwordFile());
        jmx.put("access_file", c.jmx().accessFile());

        Map<String, Object> jolokia = new LinkedHashMap<>();
        jolokia.put("enabled", c.jolokia().enabled());
        jolokia.put("host", c.jolokia().host());
        jolokia.put("port", c.jolokia().port());
        jolokia.put("user", c.jolokia().user());
        jolokia.put("password", c.jolokia().password());
        jolokia.put("keystore", c.jolokia().keystore());
        jolokia.put("keystore_password", c.jolokia().keystorePassword());
        jolokia.put("allowed_origins", c.jolokia().allowedOrigins());
        jolokia.put("allowed_hosts", c.jolokia().allowedHosts());

        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("users", c.auth().users());
        auth.put("file", c.auth().file());

        Map<String, Object> daemon = new LinkedHashMap<>();
        daemon.put("jmx", jmx);
        daemon.put("jolokia", jolokia);
        daemon.put("auth", auth);
        daemon.put("log", ordered("format", c.log().format().name().toLowerCase(Locale.ROOT),
                "timestamps", c.log().timestamps()));
        daemon.put("stats", ordered("interval", Durations.format(c.statsInterval())));
        daemon.put("plugins", ordered("dir", c.plugins().dir(), "disabled", c.plugins().disabled()));
        daemon.put("shutdown", ordered("timeout", Durations.format(c.shutdownTimeout())));
        daemon.put("exit_with", c.exitWith());
        return daemon;
    }

    /** The core keys in their usual order, then plugin keys alphabetically. */
    private static Map<String, Object> defaults(Map<String, Object> defaults) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : ServiceKeys.ALL) {
            if (defaults.containsKey(key)) {
                ordered.put(key, defaults.get(key));
            }
        }
        new TreeMap<>(defaults).forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static Map<String, Object> service(ServiceSpec s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(ServiceKeys.NAME, s.name());
        map.put(ServiceKeys.COMMAND, s.shell() ? s.command().getFirst() : s.command());
        putIfPresent(map, ServiceKeys.CWD, s.cwd());
        if (!s.env().isEmpty()) {
            map.put(ServiceKeys.ENV, new TreeMap<>(s.env()));
        }
        putIfPresent(map, ServiceKeys.ENV_FILE, s.envFile());
        putIfPresent(map, ServiceKeys.USER, s.user());
        map.put(ServiceKeys.RESTART, s.restart());
        map.put(ServiceKeys.BACKOFF, backoff(s.backoff()));
        map.put(ServiceKeys.STOP_SIGNAL, s.stopSignal().name());
        map.put(ServiceKeys.STOP_TIMEOUT, Durations.format(s.stopTimeout()));
        map.put(ServiceKeys.KILL_MODE, s.killMode().configName());
        map.put(ServiceKeys.SUCCESS_EXIT_CODES, new ArrayList<>(new TreeSet<>(s.successExitCodes())));
        if (!s.dependsOn().isEmpty()) {
            Map<String, Object> dependsOn = new TreeMap<>();
            s.dependsOn().forEach((name, condition) -> dependsOn.put(name, condition.configName()));
            map.put(ServiceKeys.DEPENDS_ON, dependsOn);
        }
        map.put(ServiceKeys.AUTOSTART, s.autostart());
        if (s.log() != null) {
            map.put(ServiceKeys.LOG, log(s.log()));
        }
        map.putAll(new TreeMap<>(s.extensions()));
        return map;
    }

    private static Map<String, Object> backoff(BackoffSpec b) {
        return ordered("interval", Durations.format(b.interval()), "max", Durations.format(b.max()),
                "reset_after", Durations.format(b.resetAfter()), "max_restarts", b.maxRestarts());
    }

    private static Map<String, Object> log(LogFileSpec log) {
        return ordered("file", log.file(), "max_size", Sizes.format(log.maxSize()), "max_files", log.maxFiles());
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
