package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.cli.json.Json;
import io.partner.ppm.cli.output.Style;
import io.partner.ppm.runtime.RunningDaemon;
import io.partner.ppm.runtime.management.TestEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ppm stats} and the resource part of {@code ppm info} against a real daemon sampling real
 * processes: a busy loop, a shell holding about 20 MB and an idle sleeper. The daemon's own
 * sampling interval is an hour, so every sample after the first comes from a call of the test or
 * of the command, and the history holds exactly what they asked for.
 */
class StatsAgainstRealDaemonTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long MB = 1_000_000;
    private static final Pattern SPARKLINE = Pattern.compile("[▁▂▃▄▅▆▇█]+");

    @TempDir
    Path dir;

    private RunningDaemon running;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() {
        running = RunningDaemon.startRaw(dir, """
                daemon:
                  jmx: { enabled: true, host: 127.0.0.1, port: %d }
                  jolokia: { enabled: true, host: 127.0.0.1, port: %d }
                  shutdown: { timeout: 5s }
                  stats: { interval: 1h }
                services:
                  - name: idle
                    command: ["sleep", "1000"]
                  - name: hog
                    command: ["sh", "-c", "x=$(head -c 20000000 /dev/zero | tr '\\\\0' a); echo ready; sleep 1000"]
                  - name: busy
                    command: ["sh", "-c", "while :; do :; done"]
                """.formatted(TestEndpoints.freePort(), TestEndpoints.freePort()), Clock.systemUTC(), Map.of());
        env.put("PPM_RUNTIME_FILE", running.daemon.management().runtimeFile().toString());
        for (String name : List.of("idle", "hog", "busy")) {
            running.awaitState(name, ServiceState.RUNNING);
        }
        running.awaitStdout(out -> out.contains("ready"));
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private CliRun ppm(String... args) {
        return CliRun.of(env, args);
    }

    /**
     * Samples until the busy loop has used CPU and the hog holds its memory, in a round whose
     * interval began after the hog had built its 20 MB. Building them costs head, tr and the shell
     * most of a second of CPU, all counted to the hog in the round that sees them end; on a loaded
     * machine that can outweigh the busy loop's share and rank the hog first. Once the hog sleeps it
     * uses no CPU at all, so every later round, the command's own fresh one included, ranks the
     * busy loop first by a margin no rounding can hide.
     */
    private void awaitFiguresThatTellTheServicesApart() {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            running.daemon.sampleNow();
            ServiceStats hog = running.info("hog").stats();
            return running.info("busy").stats().cpuPercent() >= 1 && hog.cpuPercent() == 0 && hog.rssBytes() > 15 * MB;
        });
    }

    @Test
    void statsListsTheBusiestServiceFirstAndTotalsEveryColumn() {
        awaitFiguresThatTellTheServicesApart();

        CliRun stats = ppm("stats");

        assertThat(stats.exitCode()).as(stats.err()).isZero();
        List<String> lines = stats.out().lines().toList();
        assertThat(lines.get(0)).startsWith("daemon     rss ");
        assertThat(lines.get(1)).startsWith("container  ");
        assertThat(lines.get(2)).startsWith("host       memory ");
        List<Row> rows = rows(lines);
        assertThat(rows).extracting(Row::name).containsExactly("busy", "hog", "idle");
        for (int i = 1; i < rows.size(); i++) {
            Row above = rows.get(i - 1);
            Row below = rows.get(i);
            assertThat(above.cpu() > below.cpu() || above.cpu() == below.cpu() && above.memory() >= below.memory())
                    .as("%s above %s", above, below).isTrue();
        }
        Row total = total(lines);
        assertThat(total.threads()).isEqualTo(rows.stream().mapToLong(Row::threads).sum());
        assertThat(total.files()).isEqualTo(rows.stream().mapToLong(Row::files).sum());
        assertThat(total.processes()).isEqualTo(rows.stream().mapToLong(Row::processes).sum());
        // Each figure is rounded for display: the shown total is within the rounding of the shown parts.
        assertThat(total.cpu()).isCloseTo(rows.stream().mapToDouble(Row::cpu).sum(), within(0.05 * (rows.size() + 1)));
        assertThat(total.memory()).isCloseTo(rows.stream().mapToDouble(Row::memory).sum(), within(0.05 * total.memory()));

        assertThat(rows(ppm("stats", "--sort", "mem").out().lines().toList()).getFirst().name()).isEqualTo("hog");
        assertThat(rows(ppm("stats", "--sort", "name").out().lines().toList())).extracting(Row::name)
                .containsExactly("busy", "hog", "idle");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statsJsonHasTheSortedServicesAndTheirExactTotal() {
        awaitFiguresThatTellTheServicesApart();

        Map<String, Object> stats = (Map<String, Object>) Json.parse(ppm("stats", "--json").out());

        assertThat(stats.keySet()).containsExactly("daemon", "container", "services", "total");
        List<Map<String, Object>> services = (List<Map<String, Object>>) stats.get("services");
        assertThat(services).extracting(s -> s.get("name")).containsExactly("busy", "hog", "idle");
        Map<String, Object> total = (Map<String, Object>) stats.get("total");
        assertThat(number(total, "cpuPercent")).isCloseTo(sum(services, "cpuPercent"), within(1e-9));
        for (String figure : List.of("rssBytes", "threads", "openFiles", "processes")) {
            assertThat(number(total, figure)).as(figure).isEqualTo(sum(services, figure));
        }
        assertThat(number((Map<String, Object>) stats.get("daemon"), "rssBytes")).isPositive();
    }

    @Test
    void statsOfOneServiceShowsMinAvgMaxAndASparklineOfItsHistory() {
        awaitFiguresThatTellTheServicesApart();
        running.daemon.sampleNow();
        running.daemon.sampleNow();
        int samples = running.daemon.history("busy").cpuPercent().length;

        CliRun stats = ppm("stats", "busy");

        assertThat(stats.exitCode()).as(stats.err()).isZero();
        List<String> lines = stats.out().lines().toList();
        assertThat(rows(lines)).extracting(Row::name).containsExactly("busy");
        String header = lines.stream().filter(line -> line.startsWith("HISTORY")).findFirst().orElseThrow();
        Matcher count = Pattern.compile("LAST (\\d+) SAMPLES").matcher(header);
        assertThat(count.find()).as(header).isTrue();
        int shown = Integer.parseInt(count.group(1));
        // The command may have added one fresh sample of its own.
        assertThat(shown).isBetween(samples, samples + 1).isGreaterThanOrEqualTo(3);
        for (String series : List.of("cpu", "memory")) {
            String line = lines.stream().filter(l -> l.startsWith(series + " ")).findFirst().orElseThrow();
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).as(line).hasSize(5);
            double min = value(cells[1]);
            double avg = value(cells[2]);
            double max = value(cells[3]);
            assertThat(min).as(line).isLessThanOrEqualTo(avg);
            assertThat(avg).as(line).isLessThanOrEqualTo(max);
            assertThat(cells[4]).as(line).matches(SPARKLINE).hasSize(shown);
        }
        assertThat(lines.stream().filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow()).contains("█");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statsOfOneServiceAsJsonCarriesItsHistoryAndTrend() {
        running.daemon.sampleNow();
        running.daemon.sampleNow();

        Map<String, Object> one = (Map<String, Object>) Json.parse(ppm("stats", "hog", "--json").out());

        assertThat(one.keySet()).containsExactly("service", "history", "cpu", "memory");
        assertThat(((Map<String, Object>) one.get("service")).get("name")).isEqualTo("hog");
        Map<String, Object> history = (Map<String, Object>) one.get("history");
        List<Number> rss = (List<Number>) history.get("rssBytes");
        assertThat(rss).hasSizeGreaterThanOrEqualTo(2);
        assertThat((List<?>) history.get("cpuPercent")).hasSameSizeAs(rss);
        Map<String, Object> memory = (Map<String, Object>) one.get("memory");
        assertThat(number(memory, "samples")).isEqualTo(rss.size());
        assertThat(number(memory, "max")).isEqualTo(rss.stream().mapToDouble(Number::doubleValue).max().orElseThrow());
        assertThat(number(memory, "min")).isEqualTo(rss.stream().mapToDouble(Number::doubleValue).min().orElseThrow());
    }

    @Test
    void statsAsksForAFreshSampleBeforeItReads() {
        // The daemon samples on its own only once an hour here: figures over a second old are not fresh.
        await().atMost(DEADLINE).until(() ->
                System.currentTimeMillis() - running.daemon.daemonStats().sampledAt() > DaemonMXBean.FRESH_SAMPLE_MILLIS);
        int before = running.daemon.history("idle").cpuPercent().length;
        long called = System.currentTimeMillis();

        assertThat(ppm("stats").exitCode()).isZero();

        assertThat(running.daemon.history("idle").cpuPercent()).hasSize(before + 1);
        assertThat(running.daemon.daemonStats().sampledAt()).isGreaterThanOrEqualTo(called);
    }

    @Test
    void watchingOneServiceRedrawsItsTrend() throws Exception {
        StringWriter out = new StringWriter();
        Context context = new Context(env, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Style.plain());
        Thread watcher = Thread.ofPlatform().start(() -> Ppm.run(context, "stats", "busy", "--watch", "--interval", "0.3"));
        try {
            await().atMost(DEADLINE).until(() -> out.toString().split("HISTORY", -1).length > 3);
        } finally {
            watcher.interrupt();
            watcher.join(DEADLINE.toMillis());
        }
        assertThat(watcher.isAlive()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoShowsTheDaemonTheContainerAndTheHost() {
        running.daemon.sampleNow();

        CliRun info = ppm("info");
        Map<String, Object> json = (Map<String, Object>) Json.parse(ppm("info", "--json").out());

        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("(?m)^daemon: +rss \\S+  heap \\S+ / \\S+  threads \\d+  cpu \\d+\\.\\d%$")
                .containsPattern("(?m)^container: +memory .+  cpu .+(cores \\(quota\\)|cpus? \\(no quota\\))$")
                .containsPattern("(?m)^host: +memory \\S+ available of \\S+  load \\d+\\.\\d\\d \\d+\\.\\d\\d \\d+\\.\\d\\d$");
        assertThat(json.keySet()).containsExactly("daemon", "url", "daemonStats", "containerStats", "services");
        assertThat(number((Map<String, Object>) json.get("daemonStats"), "rssBytes")).isGreaterThan(10 * MB);
        assertThat(number((Map<String, Object>) json.get("containerStats"), "hostMemoryTotalBytes")).isPositive();
    }

    /** One line of the stats table, figures parsed back from their display. */
    private record Row(String name, double cpu, double memory, long threads, long files, long processes) {
    }

    /** The service rows: between the header and the TOTAL line. */
    private static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("NAME ")) {
                inTable = true;
            } else if (line.startsWith("TOTAL") || line.isBlank()) {
                inTable = false;
            } else if (inTable) {
                String[] cells = line.trim().split("\\s+");
                assertThat(cells).as(line).hasSize(10);
                rows.add(new Row(cells[0], value(cells[5]), value(cells[6]), Long.parseLong(cells[7]),
                        Long.parseLong(cells[8]), Long.parseLong(cells[9])));
            }
        }
        return rows;
    }

    private static Row total(List<String> lines) {
        String line = lines.stream().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
        String[] cells = line.trim().split("\\s+");
        assertThat(cells).as(line).hasSize(6);
        return new Row("TOTAL", value(cells[1]), value(cells[2]), Long.parseLong(cells[3]), Long.parseLong(cells[4]),
                Long.parseLong(cells[5]));
    }

    /** {@code 12.5%} or a size such as {@code 512B}, {@code 1.7M}, as a number. */
    private static double value(String shown) {
        if (shown.endsWith("%")) {
            return Double.parseDouble(shown.substring(0, shown.length() - 1));
        }
        int unit = "BKMGT".indexOf(shown.charAt(shown.length() - 1));
        assertThat(unit).as(shown).isNotNegative();
        return Double.parseDouble(shown.substring(0, shown.length() - 1)) * Math.pow(1024, unit);
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static double sum(List<Map<String, Object>> services, String figure) {
        double sum = 0;
        for (Map<String, Object> service : services) {
            sum += number((Map<String, Object>) service.get("stats"), figure);
        }
        return sum;
    }
}
