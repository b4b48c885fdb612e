package io.partner.ppm.plugin.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a plugin jar from a module's compiled classes (its {@code target/classes}, with the
 * {@code META-INF/extensions.idx} the annotation processor wrote), so a test can load the plugin into
 * a real {@code PluginHost} before the module is packaged. Libraries the plugin uses stay on the test
 * class path, where the plugin's class loader finds them.
 */
public final class PluginJars {

    private PluginJars() {
    }

    /** The {@code target/classes} folder of the module under test. */
    public static Path moduleClasses() {
        return Path.of("target", "classes").toAbsolutePath();
    }

    public static Path fromClasses(Path classes, String id, String version, Path jar) throws IOException {
        if (!Files.isRegularFile(classes.resolve("META-INF/extensions.idx"))) {
            throw new IllegalStateException(classes + " has no META-INF/extensions.idx: compile with -proc:full");
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        Path tmp = jar.resolveSibling("." + jar.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (!name.equals("META-INF/MANIFEST.MF")) {
                    jarOut.putNextEntry(new JarEntry(name));
                    Files.copy(file, jarOut);
                    jarOut.closeEntry();
                }
            }
        }
        return Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
