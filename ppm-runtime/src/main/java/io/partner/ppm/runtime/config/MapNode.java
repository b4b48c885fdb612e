package io.partner.ppm.runtime.config;

import java.util.List;
import java.util.Optional;

/** A YAML mapping: its entries in the order written, each key with its own place. */
record MapNode(List<Entry> entries, Mark mark) implements Node {

    /** One {@code key: value} pair. */
    record Entry(String key, Mark keyMark, Node value) {
    }

    MapNode {
        entries = List.copyOf(entries);
    }

    Optional<Entry> entry(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The value of {@code key}, empty when the key is absent or written as null. */
    Optional<Node> value(String key) {
        return entry(key).map(Entry::value).filter(v -> !(v instanceof ScalarNode s && s.isNull()));
    }

    @Override
    public String kind() {
        return "a mapping";
    }
}
