package io.partner.ppm.runtime.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Reads the classes of a plugin jar before any of them is loaded and finds those that could end the
 * daemon or start processes behind its back: calls to {@code System.exit}, {@code Runtime.exit},
 * {@code Runtime.halt} or {@code Runtime.exec}, and any use of {@code ProcessBuilder}. It reads constant
 * pools, as the build's check of the daemon's own code does, so a reference anywhere in a class counts,
 * called or not. This keeps honest mistakes (a library that exits on error, a command run the JDK's way
 * whose child the daemon's reaper would take) out of the daemon; it is no sandbox against a plugin
 * written to get round it (reflection, method handles, native code).
 */
final class JarInspection {

    /** A class file larger than this is not read (and refused): no real class comes near it. */
    private static final long MAX_CLASS_BYTES = 16L * 1024 * 1024;
    private static final Set<String> RUNTIME_METHODS = Set.of("exit", "halt", "exec");

    private JarInspection() {
    }

    /** Why the jar is refused, in one line naming the class, or null when it may be loaded. */
    static String refusal(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
                    continue;
                }
                String problem = inspect(file, entry);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "its classes cannot be read (" + JarLoader.describe(e) + ")";
        }
    }

    private static String inspect(JarFile file, JarEntry entry) throws IOException {
        if (entry.getSize() > MAX_CLASS_BYTES) {
            return entry.getName() + " is larger than " + MAX_CLASS_BYTES / (1024 * 1024) + " MiB";
        }
        byte[] bytes;
        try (InputStream in = file.getInputStream(entry)) {
            bytes = in.readNBytes((int) MAX_CLASS_BYTES + 1);
        }
        if (bytes.length > MAX_CLASS_BYTES) {
            return entry.getName() + " is larger than " + MAX_CLASS_BYTES / (1024 * 1024) + " MiB";
        }
        ClassModel model;
        try {
            model = ClassFile.of().parse(bytes);
        } catch (IllegalArgumentException e) {
            return entry.getName() + " is not a valid class file (" + e.getMessage() + ")";
        }
        String className = model.thisClass().asInternalName().replace('/', '.');
        for (PoolEntry constant : model.constantPool()) {
            String use = forbiddenUse(constant);
            if (use != null) {
                return "class " + className + " " + use + ", which a plugin must not do (see docs/plugins.md)";
            }
        }
        return null;
    }

    private static String forbiddenUse(PoolEntry constant) {
        if (constant instanceof ClassEntry type && type.asInternalName().startsWith("java/lang/ProcessBuilder")) {
            return "uses " + type.asInternalName().replace('/', '.').replace('$', '.');
        }
        if (constant instanceof MemberRefEntry member) {
            String owner = member.owner().asInternalName();
            String name = member.name().stringValue();
            if (owner.equals("java/lang/System") && name.equals("exit")) {
                return "calls System.exit";
            }
            if (owner.equals("java/lang/Runtime") && RUNTIME_METHODS.contains(name)) {
                return "calls Runtime." + name;
            }
        }
        return null;
    }
}
