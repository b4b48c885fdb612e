package io.partner.ppm.runtime.config;

import java.util.List;

/** The keys of a service definition that the core owns, in the order they are written out. */
final class ServiceKeys {

    static final String NAME = "name";
    static final String COMMAND = "command";
    static final String CWD = "cwd";
    static final String ENV = "env";
    static final String ENV_FILE = "env_file";
    static final String USER = "user";
    static final String RESTART = "restart";
    static final String BACKOFF = "backoff";
    static final String STOP_SIGNAL = "stop_signal";
    static final String STOP_TIMEOUT = "stop_timeout";
    static final String KILL_MODE = "kill_mode";
    static final String SUCCESS_EXIT_CODES = "success_exit_codes";
    static final String DEPENDS_ON = "depends_on";
    static final String AUTOSTART = "autostart";
    static final String LOG = "log";

    static final List<String> ALL = List.of(NAME, COMMAND, CWD, ENV, ENV_FILE, USER, RESTART, BACKOFF, STOP_SIGNAL,
            STOP_TIMEOUT, KILL_MODE, SUCCESS_EXIT_CODES, DEPENDS_ON, AUTOSTART, LOG);

    static final List<String> BACKOFF_KEYS = List.of("interval", "max", "reset_after", "max_restarts");
    static final List<String> LOG_KEYS = List.of("file", "max_size", "max_files");

    /** Keys that name one service and so cannot have a default. */
    static final List<String> PER_SERVICE = List.of(NAME, COMMAND);

    private ServiceKeys() {
    }
}
