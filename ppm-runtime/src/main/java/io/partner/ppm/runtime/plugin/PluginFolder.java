package io.partner.ppm.runtime.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The plugin folder: the {@code *.jar} files in it (not in sub-folders, hidden files ignored). */
final class PluginFolder {

    private final Path dir;

    PluginFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Every jar with its stamp, sorted by file name; empty when the folder does not exist. */
    Map<Path, JarStamp> jars() {
        Map<Path, JarStamp> jars = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path entry : entries) {
                JarStamp stamp = JarStamp.of(entry);
                if (stamp != null && Files.isRegularFile(entry) && !entry.getFileName().toString().startsWith(".")) {
                    jars.put(entry.toAbsolutePath().normalize(), stamp);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list plugin folder " + dir + ": " + e.getMessage(), e);
        }
        return jars;
    }
}
