package io.partner.ppm.runtime.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The bounds every YAML text the daemon reads is held to (the configuration file, a reload, a service
 * given to {@code addService}), so that no input, however hostile, can take the heap or the stack:
 *
 * <ul>
 *   <li>{@link #MAX_FILE_BYTES}: the size of the configuration file, checked before it is read;</li>
 *   <li>{@link #MAX_CHARS}: the length of any YAML text (and {@link #MAX_SERVICE_CHARS} of one service
 *       definition), checked before parsing and enforced by the parser as it reads;</li>
 *   <li>{@link #MAX_DEPTH}: how deeply mappings and lists may nest;</li>
 *   <li>{@link #MAX_VALUES}: how many values the document holds once every alias is expanded, which
 *       stops an alias bomb ("billion laughs") before the tree is walked.</li>
 * </ul>
 *
 * <p>The parser is Jackson's streaming YAML parser over SnakeYAML's scanner and event parser. Of
 * SnakeYAML's {@link LoaderOptions} only the code point limit applies there: its alias count, nesting
 * depth and recursive-key checks live in SnakeYAML's composer, which Jackson does not use. They are set
 * all the same, for any code that builds a SnakeYAML node tree from this factory; the depth is enforced
 * through Jackson's {@link StreamReadConstraints} and the aliases by {@link YamlTreeReader}, which
 * resolves them.
 */
final class YamlLimits {

    /** The largest configuration file: 4 MiB, far above any real one (1,000 services with a few keys each take under 200 KB). */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    /** The longest YAML text in characters: the file limit, for text that does not come from a file. */
    static final int MAX_CHARS = (int) MAX_FILE_BYTES;
    /** The longest service definition given on its own ({@code addService}, {@code ppm add}), in characters: 1 MiB. */
    static final int MAX_SERVICE_CHARS = 1024 * 1024;
    /** The deepest nesting of mappings and lists; a configuration needs about 6. */
    static final int MAX_DEPTH = 100;
    /** The most values (scalars, mappings, lists) a document may hold with its aliases expanded. */
    static final int MAX_VALUES = 200_000;

    /** The factory every YAML reader of the daemon uses: Jackson's defaults (rebuilt, as a fresh builder loses them) and these limits. */
    static final YAMLFactory FACTORY = new YAMLFactory().rebuild()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_CHARS)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_CHARS)
                    .build())
            .build();

    private YamlLimits() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(MAX_VALUES);
        options.setAllowRecursiveKeys(false);
        return options;
    }
}
