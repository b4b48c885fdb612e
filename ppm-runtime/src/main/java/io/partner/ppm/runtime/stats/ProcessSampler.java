package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.runtime.process.PidIndex;
import io.partner.ppm.runtime.process.ProcessSnapshot;
import io.partner.ppm.runtime.process.ServiceMembership;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Measures the resource use of each service's whole process tree by reading /proc directly.
 *
 * <p>One round is one pass over /proc: the {@code stat} file of every process (parent, process
 * group, session, CPU times, threads, resident pages) into a {@link ProcessSnapshot}, then, for the
 * processes that belong to a service, the size of {@code fd/} and the {@code io} counters. A
 * service's tree is what {@link ServiceMembership} says, the rule stopping uses too: every process
 * whose session or process group is the service's leader pid (services are started in a session
 * of their own, so pid = pgid = sid), the processes the daemon adopted that carry the service's
 * {@code PPM_SERVICE_NAME}, and every descendant of those by parent pid. A process that exits
 * between the listing and the reading of its files is skipped.
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
    private static final long NO_DAEMON = -1;

    private final File procRoot;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final KernelUnits units;
    private final ProcessFiles files;
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private final IoLine io = new IoLine();
    private final ProcessSnapshot table = new ProcessSnapshot();
    private final ServiceMembership membership;
    private final PidIndex serviceOfLeader = new PidIndex();
    private final Map<String, Integer> serviceOfName = new HashMap<>();
    private final Map<String, ServiceTrack> tracks = new HashMap<>();
    private final List<ServiceTrack> roundServices = new ArrayList<>();

    /**
     * A sampler of the real /proc, timed by the system clock, in the daemon: the processes this
     * process adopted from a service count for that service.
     */
    public ProcessSampler() {
        this(Path.of("/proc"), Clock.systemUTC(), System::nanoTime, ProcessHandle.current().pid());
    }

    /**
     * A sampler of another proc tree (tests use a fake one), with the clock that stamps samples
     * and the monotonic time source that measures intervals. No process counts as adopted.
     */
    ProcessSampler(Path procRoot, Clock clock, LongSupplier nanoTime) {
        this(procRoot, clock, nanoTime, NO_DAEMON);
    }

    /** As above, in a daemon whose pid is {@code daemonPid}: its adopted children are placed by name. */
    ProcessSampler(Path procRoot, Clock clock, LongSupplier nanoTime, long daemonPid) {
        this.procRoot = procRoot.toFile();
        // The leaders of a round are placed before adoption is considered, so no child the
        // daemon started is ever taken for an adopted one.
        this.membership = new ServiceMembership(procRoot, daemonPid, pid -> false);
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
        table.read(procRoot, files::readStat);
        membership.assign(table, serviceOfLeader, serviceOfName);
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
        serviceOfName.clear();
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
            serviceOfName.put(track.name(), roundServices.size());
            roundServices.add(track);
        }
    }

    private void measureMembers() {
        for (int row = 0; row < table.size(); row++) {
            int service = table.owner(row);
            if (service < 0) {
                continue;
            }
            int pid = table.pid(row);
            long read = -1;
            long write = -1;
            int length = files.readIo(pid, buffer);
            if (length > 0 && io.parse(buffer, length)) {
                read = io.readBytes;
                write = io.writeBytes;
            }
            int descriptors = files.countOpenFiles(pid);
            roundServices.get(service).addProcess(pid, table.ppid(row), table.startTime(row),
                    table.ticks(row), table.rssPages(row) * units.pageSize(), table.threads(row),
                    descriptors, read, write);
        }
    }

    /** The pids counted for {@code service} in the last round; empty when it was not sampled. */
    Set<Long> lastPids(String service) {
        ServiceTrack track = tracks.get(service);
        return track == null ? Set.of() : track.lastPids();
    }

    /** Closes the /proc files kept open between rounds; a later {@link #sample} opens them again. */
    @Override
    public void close() {
        files.close();
    }
}
