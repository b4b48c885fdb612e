package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.Durations;
import io.partner.ppm.api.Sizes;
import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.ConfigValues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table for both paths that read a duration or a size: a core key ({@code stop_timeout},
 * {@code log.max_size}) and a plugin key read with {@link ConfigValues}. Each text, written as is
 * into a YAML file, must give the same value or the same message on both paths, and the same as
 * {@link Durations} / {@link Sizes} directly.
 */
class DurationAndSizeGrammarTest {

    private final PluginKeys plugin = new PluginKeys();
    private final ConfigLoader loader = new ConfigLoader(Map.of(), new ConfigExtensions(List.of(plugin), Set.of()));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            250ms                | PT0.25S
            5s                   | PT5S
            1m30s                | PT1M30S
            1h15m                | PT1H15M
            2d                   | PT48H
            1500us               | PT0.0015S
            7ns                  | PT0.000000007S
            0s                   | PT0S
            5                    | error: duration '5' has no unit
            '5 s'                | error: invalid duration '5 s'
            '1m 30s'             | error: invalid duration '1m 30s'
            1.5s                 | error: invalid duration '1.5s'
            -5s                  | error: invalid duration '-5s'
            5S                   | error: invalid duration '5S'
            soon                 | error: invalid duration 'soon'
            9999999999999999999h | error: duration '9999999999999999999h' is too long
            300000d              | error: duration '300000d' is too long
            """)
    void durationsReadTheSameOnBothPaths(String text, String expected) {
        String direct = answer(() -> Durations.parse(text));
        String core = answer(() -> loader.loadText(service("stop_timeout: " + text), "ppm.yml")
                .services().getFirst().stopTimeout());
        String viaPlugin = answer(() -> {
            loader.loadText(service("grace: " + text), "ppm.yml");
            return plugin.grace;
        });

        assertThat(direct).startsWith(expected);
        assertThat(core).isEqualTo(direct);
        assertThat(viaPlugin).isEqualTo(direct);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            512KB         | 524288
            10MB          | 10485760
            1gb           | 1073741824
            3MiB          | 3145728
            5M            | 5242880
            '7 KB'        | 7168
            4096          | 4096
            100B          | 100
            2TB           | 2199023255552
            10XB          | error: invalid size '10XB'
            1.5MB         | error: invalid size '1.5MB'
            -1KB          | error: invalid size '-1KB'
            '10 M B'      | error: invalid size '10 M B'
            10iB          | error: invalid size '10iB'
            lots          | error: invalid size 'lots'
            99999999999TB | error: size '99999999999TB' is too large
            8589934592GB  | error: size '8589934592GB' is too large
            """)
    void sizesReadTheSameOnBothPaths(String text, String expected) {
        String direct = answer(() -> Sizes.parse(text));
        String core = answer(() -> loader.loadText(service("log: { file: /tmp/web.log, max_size: " + text + " }"), "ppm.yml")
                .services().getFirst().log().maxSize());
        String viaPlugin = answer(() -> {
            loader.loadText(service("limit: " + text), "ppm.yml");
            return plugin.limit;
        });

        assertThat(direct).startsWith(expected);
        assertThat(core).isEqualTo(direct);
        assertThat(viaPlugin).isEqualTo(direct);
    }

    private static String service(String line) {
        return """
                services:
                  - name: web
                    command: [w]
                    %s
                """.formatted(line);
    }

    /**
     * The value as text, or {@code error: } and the message without its place and key, which differ
     * between the paths by design (a core value is pointed at, a plugin key is named).
     */
    private static String answer(Callable<Object> read) {
        try {
            return String.valueOf(read.call());
        } catch (ConfigException | IllegalArgumentException e) {
            return "error: " + e.getMessage().replaceFirst("^ppm\\.yml:\\d+:\\d+: service 'web' (stop_timeout|log\\.max_size|grace|limit): ", "");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A plugin owning a duration key and a size key, keeping what {@link ConfigValues} read. */
    private static final class PluginKeys implements ConfigContribution {
        Object grace;
        Object limit;

        @Override
        public Set<String> serviceKeys() {
            return Set.of("grace", "limit");
        }

        @Override
        public void validateServiceKey(String service, String key, Object value) {
            if (key.equals("grace")) {
                grace = ConfigValues.duration(value, "");
            } else {
                limit = ConfigValues.size(value, "");
            }
        }
    }
}
