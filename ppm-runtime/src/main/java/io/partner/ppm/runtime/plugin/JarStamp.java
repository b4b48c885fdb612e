package io.partner.ppm.runtime.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The size and modification time of a plugin jar: a jar whose stamp changed was replaced, and a jar
 * whose stamp differs between two looks is still being copied.
 */
record JarStamp(long size, long modifiedNanos) {

    /** The stamp of {@code jar}, or null when it cannot be read (it was just removed). */
    static JarStamp of(Path jar) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            return new JarStamp(attributes.size(), attributes.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                    + attributes.lastModifiedTime().toInstant().getNano());
        } catch (IOException e) {
            return null;
        }
    }
}
