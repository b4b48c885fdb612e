package io.partner.ppm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The PPM version, from a resource Maven fills in at build time. */
public final class Version implements CommandLine.IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** The version, e.g. {@code 0.1.0}, or {@code unknown} when the resource is missing. */
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ppm " + get()};
    }
}
