package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.ServiceStats;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures the resource use of each service's whole process tree by reading /proc directly.
 *
 * <p>One round is one pass over /proc: the {@code stat} file of every process (parent, process
 * group, session, CPU times, threads, resident pages), then, for the processes that belong to a
 * service, the size of {@code fd/} and the {@code io} counters. A service's tree is every process
 * whose session or process group is the service's leader pid (services are started in a session
 * of their own, so pid = pgid = sid), plus every descendant of those by parent pid. A process that
 * exits between the listing and the reading of its files is skipped.
 *
 * <p>CPU % is the CPU time the tree used since the previous sample of the same service divided by
 * the wall time between the two, in % of one core (a service busy on two cores shows 200 %). Rates
 * are bytes per second over the same interval. The first sample of a service, or of a new run
 * (another leader pid), has no interval yet: CPU % and rates are 0 there.
 *
 * <p>A round allocates little (the listing of /proc and the result): the /proc files of live
 * processes stay open from one round to the next (see {@link ProcessFiles}), and the buffers and
 * tables a round works in are kept. That costs one file descriptor per process, plus one per
 * process of a service; {@link #close} releases them. Not thread-safe: call {@link #sample} from
 * one thread, e.g. the daemon's stats timer.
 */
public final class ProcessSampler implements AutoCloseable {

    private static final int READ_BUFFER_BYTES = 4096;

    private final File procRoot;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final KernelUnits units;
    private final ProcessFiles files;
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private final StatLine stat = new StatLine();
    private final IoLine io = new IoLine();
    private final ProcessTable table = new ProcessTable();
    private final PidIndex serviceOfLeader = new PidIndex();
    private final Map<String, ServiceTrack> tracks = new HashMap<>();
    private final List<ServiceTrack> roundServices = new ArrayList<>();

    /** A sampler of the real /proc, timed by the system clock. */
    public ProcessSampler() {
        this(Path.of("/proc"), Clock.systemUTC(), System::nanoTime);
    }

    /**
     * A sampler of another proc tree (tests use a fake one), with the clock that stamps samples
     * and the monotonic time source that measures intervals.
     */
    ProcessSampler(Path procRoot, Clock clock, LongSupplier nanoTime) {
        this.procRoot = procRoot.toFile();
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.units = KernelUnits.read(procRoot);
        this.files = new ProcessFiles(procRoot.toString() + '/', OpenFileCounter.forProc(procRoot));
    }

    /**
     * Samples every service of {@code leaders} once.
     *
     * @param leaders each service's name and the pid of its leader (the process the daemon
     *     started); a service absent from the map is forgotten, and a new pid for a name starts
     *     that service's figures over
     * @return the stats of every service of {@code leaders}; a service with no live process has
     *     0 processes and zero figures
     */
    public Map<String, ServiceStats> sample(Map<String, Long> leaders) {
        long nanos = nanoTime.getAsLong();
        long epochMillis = clock.millis();
        tracks.keySet().retainAll(leaders.keySet());
        prepareServices(leaders);
        scanProcesses();
        table.assignOwners(serviceOfLeader);
        measureMembers();
        files.endRound();
        Map<String, ServiceStats> result = HashMap.newHashMap(roundServices.size());
        for (ServiceTrack track : roundServices) {
            result.put(track.name(), track.endRound(nanos, epochMillis, units.clockTicksPerSecond()));
        }
        return result;
    }

    private void prepareServices(Map<String, Long> leaders) {
        roundServices.clear();
        serviceOfLeader.clear();
        for (Map.Entry<String, Long> entry : leaders.entrySet()) {
            long leader = entry.getValue() == null ? 0 : entry.getValue();
            ServiceTrack track = tracks.get(entry.getKey());
            if (track == null) {
                track = new ServiceTrack(entry.getKey(), leader);
                tracks.put(entry.getKey(), track);
            } else if (track.leaderPid() != leader) {
                track.restart(leader);
            }
            track.beginRound();
            if (leader > 0 && leader <= Integer.MAX_VALUE) {
                serviceOfLeader.put((int) leader, roundServices.size());
            }
            roundServices.add(track);
        }
    }

    private void scanProcesses() {
        table.clear();
        String[] names = procRoot.list();
        if (names == null) {
            return;
        }
        for (String name : names) {
            int pid = ProcText.parsePid(name);
            if (pid <= 0) {
                continue;
            }
            int length = files.readStat(pid, name, buffer);
            // A process that exited after the listing has no stat any more: skip it.
            if (length > 0 && stat.parse(buffer, length)) {
                table.add(pid, stat);
            }
        }
    }

    private void measureMembers() {
        for (int row = 0; row < table.size(); row++) {
            int service = table.owner[row];
            if (service < 0) {
                continue;
            }
            int pid = table.pid[row];
            long read = -1;
            long write = -1;
            int length = files.readIo(pid, buffer);
            if (length > 0 && io.parse(buffer, length)) {
                read = io.readBytes;
                write = io.writeBytes;
            }
            int descriptors = files.countOpenFiles(pid);
            roundServices.get(service).addProcess(table.pid[row], table.ppid[row], table.startTime[row],
                    table.ticks[row], table.rssPages[row] * units.pageSize(), table.threads[row],
                    descriptors, read, write);
        }
    }

    /** Closes the /proc files kept open between rounds; a later {@link #sample} opens them again. */
    @Override
    public void close() {
        files.close();
    }
}
