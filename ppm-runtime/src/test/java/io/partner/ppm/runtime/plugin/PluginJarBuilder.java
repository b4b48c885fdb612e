package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.spi.RestartPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.pf4j.ExtensionPoint;
import org.slf4j.Logger;

/**
 * Builds a real plugin jar from Java sources, the way a plugin's build does: javac with PF4J's
 * annotation processor ({@code -proc:full}, needed from JDK 23) so that {@code META-INF/extensions.idx}
 * is written, and a manifest with the plugin descriptor.
 */
final class PluginJarBuilder {

    private final String id;
    private final String version;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private String pluginClass;

    private PluginJarBuilder(String id, String version) {
        this.id = id;
        this.version = version;
    }

    static PluginJarBuilder plugin(String id, String version) {
        return new PluginJarBuilder(id, version);
    }

    /** Adds a source file; {@code className} is the fully qualified name of its public class. */
    PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    PluginJarBuilder pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    /** Compiles into a scratch folder next to {@code jar} and writes the jar. */
    Path build(Path scratch, Path jar) throws IOException {
        Path classes = Files.createTempDirectory(scratch, id + "-classes");
        compile(classes);
        writeJar(classes, jar);
        return jar;
    }

    private void compile(Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new Source(name, code)));
        List<String> options = List.of("-proc:full", "-classpath", classPath(), "-d", classes.toString(), "--release", "25");
        java.io.StringWriter errors = new java.io.StringWriter();
        Boolean ok = javac.getTask(errors, null, null, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("plugin sources do not compile:\n" + errors);
        }
    }

    private void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        if (pluginClass != null) {
            main.putValue("Plugin-Class", pluginClass);
        }
        Path tmp = jar.resolveSibling("." + jar.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        // The jar appears whole, as it would after a copy that finished.
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** pf4j (with its annotation processor), ppm-api and slf4j-api, found where this JVM loaded them from. */
    private static String classPath() {
        return String.join(java.io.File.pathSeparator,
                locationOf(ExtensionPoint.class), locationOf(RestartPolicy.class), locationOf(Logger.class));
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
