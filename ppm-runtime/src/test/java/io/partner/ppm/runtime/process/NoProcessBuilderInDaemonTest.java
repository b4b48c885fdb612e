package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Build check: the daemon's own code must never start a process with {@code ProcessBuilder} or
 * {@code Runtime.exec}. The JDK would reap such a child per pid, racing the daemon's reaper, and
 * exit codes would silently come back wrong. Reads the constant pool of every compiled class of
 * ppm-runtime's main code, so a use anywhere (even in a descriptor) fails the build by name.
 */
class NoProcessBuilderInDaemonTest {

    private static final String PROCESS_BUILDER = "java/lang/ProcessBuilder";
    private static final String RUNTIME = "java/lang/Runtime";

    @Test
    void daemonCodeNeverStartsProcessesThroughTheJdk() throws Exception {
        Path classes = Path.of(ChildProcesses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classFiles).as("compiled classes under %s", classes)
                .anyMatch(f -> f.endsWith(Path.of("io/partner/ppm/runtime/process/ChildProcesses.class")));

        List<String> violations = new ArrayList<>();
        for (Path classFile : classFiles) {
            violations.addAll(violationsIn(classFile));
        }

        assertThat(violations)
                .as("ppm-runtime must start processes only through io.partner.ppm.runtime.process.ChildProcesses")
                .isEmpty();
    }

    static List<String> violationsIn(Path classFile) throws IOException {
        ClassModel model = ClassFile.of().parse(Files.readAllBytes(classFile));
        String className = model.thisClass().asInternalName().replace('/', '.');
        List<String> violations = new ArrayList<>();
        for (PoolEntry entry : model.constantPool()) {
            if (entry instanceof ClassEntry type && type.asInternalName().startsWith(PROCESS_BUILDER)) {
                violations.add(className + " uses " + type.asInternalName().replace('/', '.'));
            } else if (entry instanceof Utf8Entry text && text.stringValue().contains("L" + PROCESS_BUILDER)) {
                violations.add(className + " mentions java.lang.ProcessBuilder in a signature: " + text.stringValue());
            } else if (entry instanceof MemberRefEntry member && member.owner().asInternalName().equals(RUNTIME)
                    && member.name().equalsString("exec")) {
                violations.add(className + " calls java.lang.Runtime.exec");
            }
        }
        return violations;
    }
}
