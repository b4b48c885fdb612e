package io.partner.ppm.cli;

/**
 * A failure the command line reports as one line with a specific exit code. Which code each kind
 * gets is decided in {@link ExitCodes} only.
 */
public abstract sealed class CliException extends RuntimeException
        permits CliException.OperationFailed, CliException.Usage, CliException.Unreachable {

    CliException(String message) {
        super(message, null, false, false);
    }

    /** The daemon refused or could not do what was asked (unknown service, invalid input, ...). */
    public static final class OperationFailed extends CliException {
        public OperationFailed(String message) {
            super(message);
        }
    }

    /** The command line itself is wrong; found before talking to the daemon. */
    public static final class Usage extends CliException {
        public Usage(String message) {
            super(message);
        }
    }

    /** No daemon answers at the endpoint. */
    public static final class Unreachable extends CliException {
        public Unreachable(String message) {
            super(message);
        }
    }
}
