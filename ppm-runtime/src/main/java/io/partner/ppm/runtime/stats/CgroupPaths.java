package io.partner.ppm.runtime.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the cgroup files that limit a process live, for the memory and the cpu controller.
 *
 * <p>{@link #detect()} finds them the way the kernel describes them: {@code /proc/self/cgroup}
 * names the process's cgroup in each hierarchy, {@code /proc/self/mountinfo} tells where each
 * hierarchy is mounted and which part of it the mount shows (inside a container the mount usually
 * shows the container's own cgroup as its root). On hybrid systems, where controllers sit on v1
 * hierarchies next to an empty v2 one, the v1 hierarchy that carries the controller wins.
 *
 * <p>{@link #at(Path)} points at one cgroup directory directly (a test's fake tree, a cgroup it
 * created).
 *
 * @param memory the memory controller's directory, or null when there is none
 * @param cpu the cpu controller's directory, or null when there is none
 */
public record CgroupPaths(Controller memory, Controller cpu) {

    /** No cgroup information: every cgroup figure is unknown. */
    public static final CgroupPaths NONE = new CgroupPaths(null, null);

    /**
     * One controller's view of the process's cgroup.
     *
     * @param version 1 or 2
     * @param directory the process's cgroup directory in that hierarchy
     * @param top where looking for limits further up stops: the hierarchy's mount point, above
     *     which nothing is visible
     */
    public record Controller(int version, Path directory, Path top) {
    }

    /** The cgroup of the running process, from /proc; {@link #NONE} when there is none. */
    public static CgroupPaths detect() {
        return detect(Path.of("/proc"));
    }

    /** The cgroup of the running process, as {@code PROC/self/cgroup} and {@code PROC/self/mountinfo} describe it. */
    public static CgroupPaths detect(Path procRoot) {
        List<String> membership;
        List<String> mounts;
        try {
            membership = Files.readAllLines(procRoot.resolve("self/cgroup"));
            mounts = Files.readAllLines(procRoot.resolve("self/mountinfo"));
        } catch (IOException e) {
            return NONE;
        }
        return new CgroupPaths(locate("memory", membership, mounts), locate("cpu", membership, mounts));
    }

    /**
     * One cgroup directory, taken as the top of what is visible: a v2 cgroup when it has
     * {@code cgroup.controllers}; a v1 cgroup when it has the v1 files of a controller; or the
     * root of a v1 layout ({@code memory/}, {@code cpu/} or {@code cpu,cpuacct/} below it).
     */
    public static CgroupPaths at(Path directory) {
        if (Files.exists(directory.resolve("cgroup.controllers"))) {
            Controller v2 = new Controller(2, directory, directory);
            return new CgroupPaths(v2, v2);
        }
        Controller memory = v1Controller(directory, "memory.limit_in_bytes", "memory");
        Controller cpu = v1Controller(directory, "cpu.cfs_quota_us", "cpu", "cpu,cpuacct", "cpuacct,cpu");
        return new CgroupPaths(memory, cpu);
    }

    private static Controller v1Controller(Path directory, String marker, String... subdirectories) {
        if (Files.exists(directory.resolve(marker))) {
            return new Controller(1, directory, directory);
        }
        for (String name : subdirectories) {
            Path candidate = directory.resolve(name);
            if (Files.exists(candidate.resolve(marker))) {
                return new Controller(1, candidate, candidate);
            }
        }
        return null;
    }

    private static Controller locate(String controller, List<String> membership, List<String> mounts) {
        for (String line : membership) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && !parts[1].isEmpty() && Arrays.asList(parts[1].split(",")).contains(controller)) {
                Controller v1 = inMount(1, controller, parts[2], mounts);
                if (v1 != null) {
                    return v1;
                }
            }
        }
        for (String line : membership) {
            if (line.startsWith("0::")) {
                return inMount(2, controller, line.substring(3), mounts);
            }
        }
        return null;
    }

    private static Controller inMount(int version, String controller, String cgroupPath, List<String> mounts) {
        for (String line : mounts) {
            MountLine mount = MountLine.parse(line);
            if (mount != null && mount.carries(version, controller)) {
                Path directory = mount.directoryOf(cgroupPath);
                return new Controller(version, directory, mount.mountPoint());
            }
        }
        return null;
    }

    /** The parts of a {@code mountinfo} line that matter here (proc(5)). */
    private record MountLine(String root, Path mountPoint, String type, List<String> superOptions) {

        static MountLine parse(String line) {
            String[] fields = line.split(" ");
            int separator = Arrays.asList(fields).indexOf("-");
            if (fields.length < 5 || separator < 0 || separator + 3 >= fields.length) {
                return null;
            }
            return new MountLine(unescape(fields[3]), Path.of(unescape(fields[4])), fields[separator + 1],
                    Arrays.asList(fields[separator + 3].split(",")));
        }

        boolean carries(int version, String controller) {
            return version == 2 ? type.equals("cgroup2") : type.equals("cgroup") && superOptions.contains(controller);
        }

        /** The directory of {@code cgroupPath} under this mount, or the mount point when it is not below the mount's root. */
        Path directoryOf(String cgroupPath) {
            String relative;
            if (root.equals("/")) {
                relative = cgroupPath;
            } else if (cgroupPath.equals(root) || cgroupPath.startsWith(root + "/")) {
                relative = cgroupPath.substring(root.length());
            } else {
                return mountPoint;
            }
            Path directory = mountPoint.resolve(relative.replaceFirst("^/+", ""));
            return Files.isDirectory(directory) ? directory : mountPoint;
        }

        /** mountinfo writes space, tab, newline and backslash as three octal digits after a backslash. */
        private static String unescape(String field) {
            if (field.indexOf('\\') < 0) {
                return field;
            }
            StringBuilder text = new StringBuilder(field.length());
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c == '\\' && isOctal(field, i + 1)) {
                    text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    text.append(c);
                }
            }
            return text.toString();
        }

        private static boolean isOctal(String field, int from) {
            if (from + 3 > field.length()) {
                return false;
            }
            for (int i = from; i < from + 3; i++) {
                if (field.charAt(i) < '0' || field.charAt(i) > '7') {
                    return false;
                }
            }
            return true;
        }
    }
}
