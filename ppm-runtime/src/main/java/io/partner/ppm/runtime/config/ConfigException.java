package io.partner.ppm.runtime.config;

/**
 * A mistake in a configuration: what is wrong and where. {@link #getMessage()} is one line,
 * {@code FILE:LINE:COLUMN: what is wrong}, ready to print to a user as it is (never with a stack trace).
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final String problem;

    /**
     * @param location where: {@code FILE:LINE:COLUMN}, or {@code config file FILE} for the file as a whole
     * @param problem what is wrong, one line
     */
    public ConfigException(String location, String problem) {
        this(location, problem, null);
    }

    public ConfigException(String location, String problem, Throwable cause) {
        super(oneLine(location) + ": " + oneLine(problem), cause);
        this.location = oneLine(location);
        this.problem = oneLine(problem);
    }

    static ConfigException at(Mark mark, String problem) {
        return new ConfigException(mark.toString(), problem);
    }

    /** A problem with a whole file (missing, unreadable): {@code config file FILE: problem}. */
    static ConfigException file(Object file, String problem, Throwable cause) {
        return new ConfigException("config file " + file, problem, cause);
    }

    /** Where the mistake is: {@code FILE:LINE:COLUMN}, or {@code config file FILE}. */
    public String location() {
        return location;
    }

    /** What is wrong, with a near-miss suggestion where one fits. */
    public String problem() {
        return problem;
    }

    // A message may carry text from a parser or the file itself; a user sees one line, always.
    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
