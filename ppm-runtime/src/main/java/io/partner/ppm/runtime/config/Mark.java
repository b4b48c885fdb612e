package io.partner.ppm.runtime.config;

/**
 * A place in a configuration text: the source's name with a 1-based line and column.
 *
 * @param source the file name (or another name for text that did not come from a file)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
record Mark(String source, int line, int column) {

    /** {@code FILE:LINE:COLUMN}, or just the source when the place within it is unknown. */
    @Override
    public String toString() {
        return line <= 0 ? source : source + ":" + line + ":" + column;
    }
}
