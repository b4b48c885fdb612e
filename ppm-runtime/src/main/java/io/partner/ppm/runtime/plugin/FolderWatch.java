package io.partner.ppm.runtime.plugin;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code look} after the plugin folder changes: a burst of looks one period apart, restarted by
 * every further change, so a jar still being copied is looked at again once it has settled (the host
 * loads a jar whose stamp two looks agree on).
 *
 * <p>The kernel reports changes (inotify, through the JDK's {@link WatchService}), so an idle daemon
 * spends nothing on its plugin folder. Where the folder cannot be watched (it does not exist yet, or
 * inotify is unavailable) the folder is looked at every period instead.
 */
final class FolderWatch implements AutoCloseable {

    /** Looks after a change: the first may see a half-copied jar, the next two agree once it is complete. */
    private static final int LOOKS_PER_CHANGE = 3;

    private final Path dir;
    private final ScheduledExecutorService timer;
    private final long periodMillis;
    private final Runnable look;
    private WatchService watcher;
    private ScheduledFuture<?> pending;

    FolderWatch(Path dir, ScheduledExecutorService timer, Duration period, Runnable look) {
        this.dir = dir;
        this.timer = timer;
        this.periodMillis = Math.max(1, period.toMillis());
        this.look = look;
    }

    synchronized void start() {
        try {
            if (!Files.isDirectory(dir)) {
                throw new IOException("no folder " + dir);
            }
            watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            Thread.ofPlatform().name("ppm-plugin-watch").daemon().start(this::awaitChanges);
            // A jar dropped in between the host's first look and the registration above raised no
            // event: one burst of looks now finds it within the usual delay.
            changed();
        } catch (IOException | UnsupportedOperationException e) {
            pending = timer.scheduleWithFixedDelay(look, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void awaitChanges() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                changed();
                if (!key.reset()) {
                    return; // the folder is gone; the host keeps what it has
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException closed) {
            // Closed with the host.
        }
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        int[] left = {LOOKS_PER_CHANGE};
        pending = timer.scheduleWithFixedDelay(() -> {
            look.run();
            if (--left[0] == 0) {
                throw new BurstOver();
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // Nothing more to release.
            }
        }
    }

    /** Ends a burst of looks: a periodic task stops at its first exception. */
    private static final class BurstOver extends RuntimeException {
        BurstOver() {
            super(null, null, false, false);
        }
    }
}
