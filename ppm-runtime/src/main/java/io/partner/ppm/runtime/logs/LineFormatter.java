package io.partner.ppm.runtime.logs;

import io.partner.ppm.runtime.config.LogConfig;

/**
 * Turns a line's raw bytes into the bytes of one output line of the daemon's stdout or stderr. One
 * instance serves one stream of one service and is used by one thread at a time.
 */
abstract sealed class LineFormatter permits TextLineFormatter, JsonLineFormatter {

    static LineFormatter create(LogConfig config, String service, LogLine.Stream stream) {
        return switch (config.format()) {
            case TEXT -> new TextLineFormatter(service, config.timestamps());
            case JSON -> new JsonLineFormatter(service, stream);
        };
    }

    /** Called once before the lines of a chunk, all of which were read at {@code epochMillis}. */
    abstract void beginChunk(long epochMillis);

    /**
     * Appends the output lines (newline included) for the batch's lines from index {@code from} on,
     * stopping after the line that takes {@code out} to {@code limit} bytes or more.
     *
     * @return the index of the first line not appended
     */
    abstract int appendLines(ByteBuilder out, byte[] src, LineBatch batch, int from, int limit);

    /**
     * Finds and formats lines in a single pass where the format allows: from {@code from} (a line
     * start) for as long as lines are short and complete and {@code out} is below {@code limit},
     * adding each line to {@code batch}. This one does none.
     *
     * @return where the lines not handled start
     */
    int appendShortLines(ByteBuilder out, byte[] src, int from, int to, LineBatch batch, int limit) {
        return from;
    }
}
