package io.partner.ppm.runtime.stats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The units /proc reports in: the page size (for {@code rss}) and clock ticks per second (for
 * {@code utime}/{@code stime}). Both come from the auxiliary vector the kernel hands every process
 * ({@code /proc/self/auxv}, entries {@code AT_PAGESZ} and {@code AT_CLKTCK}), which is what
 * {@code sysconf} answers from; asking {@code getconf} would mean running a command.
 *
 * @param pageSize bytes per page
 * @param clockTicksPerSecond {@code USER_HZ}, the unit of the CPU times in {@code /proc/PID/stat}
 */
record KernelUnits(long pageSize, long clockTicksPerSecond) {

    /** What Linux uses on every mainstream architecture, for when the auxiliary vector cannot be read. */
    static final KernelUnits LINUX_DEFAULTS = new KernelUnits(4096, 100);

    private static final long AT_NULL = 0;
    private static final long AT_PAGESZ = 6;
    private static final long AT_CLKTCK = 17;

    /** Reads {@code PROC/self/auxv}; falls back to {@link #LINUX_DEFAULTS} for what it cannot find. */
    static KernelUnits read(Path procRoot) {
        byte[] auxv;
        try {
            auxv = Files.readAllBytes(procRoot.resolve("self/auxv"));
        } catch (IOException e) {
            return LINUX_DEFAULTS;
        }
        // Pairs of (type, value) machine words; the JVM only runs on 64-bit Linux.
        ByteBuffer entries = ByteBuffer.wrap(auxv).order(ByteOrder.nativeOrder());
        long pageSize = LINUX_DEFAULTS.pageSize;
        long ticks = LINUX_DEFAULTS.clockTicksPerSecond;
        while (entries.remaining() >= 16) {
            long type = entries.getLong();
            long value = entries.getLong();
            if (type == AT_NULL) {
                break;
            } else if (type == AT_PAGESZ && value > 0) {
                pageSize = value;
            } else if (type == AT_CLKTCK && value > 0) {
                ticks = value;
            }
        }
        return new KernelUnits(pageSize, ticks);
    }
}
