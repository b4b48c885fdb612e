package io.partner.ppm.cli.command;

/**
 * A command that can also be run without picocli, with the options it shares with every client
 * command already parsed (see {@code QuickPath}).
 */
public interface QuickRunnable {

    /**
     * Sets the options as picocli would and runs the command.
     *
     * @param url {@code --url}, or null
     * @param user {@code --user}, or null
     * @param json {@code --json}
     * @param name the one positional argument (a service name), or null
     */
    int runQuick(String url, String user, boolean json, String name) throws InterruptedException;
}
