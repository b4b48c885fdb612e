package io.partner.ppm.runtime.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@code defaults:} section to one service: a key the service leaves out (or writes as
 * null) takes the default; a mapping given in both (backoff, log, env, depends_on, a plugin's
 * mapping) is merged key by key, the service's keys winning. Lists and scalars are replaced whole.
 * A default {@code depends_on} never makes a service wait for itself, so {@code defaults:
 * {depends_on: [migrate]}} applies to every service but {@code migrate}.
 */
final class DefaultsMerger {

    private DefaultsMerger() {
    }

    static MapNode merge(MapNode defaults, MapNode service) {
        if (defaults.entries().isEmpty()) {
            return service;
        }
        MapNode applicable = withoutSelfDependency(defaults, service);
        Map<String, MapNode.Entry> merged = new LinkedHashMap<>();
        for (MapNode.Entry own : service.entries()) {
            MapNode.Entry fallback = applicable.entry(own.key()).filter(d -> !isNull(d.value())).orElse(null);
            merged.put(own.key(), fallback == null ? own : combine(fallback, own));
        }
        for (MapNode.Entry fallback : applicable.entries()) {
            if (!isNull(fallback.value())) {
                merged.putIfAbsent(fallback.key(), fallback);
            }
        }
        return new MapNode(new ArrayList<>(merged.values()), service.mark());
    }

    private static MapNode withoutSelfDependency(MapNode defaults, MapNode service) {
        String name = service.value(ServiceKeys.NAME).filter(ScalarNode.class::isInstance)
                .map(n -> ((ScalarNode) n).text()).orElse(null);
        MapNode.Entry dependsOn = defaults.entry(ServiceKeys.DEPENDS_ON).orElse(null);
        if (name == null || dependsOn == null || !(normalize(dependsOn.key(), dependsOn.value()) instanceof MapNode map)
                || map.entry(name).isEmpty()) {
            return defaults;
        }
        List<MapNode.Entry> others = new ArrayList<>(map.entries());
        others.removeIf(e -> e.key().equals(name));
        List<MapNode.Entry> entries = new ArrayList<>(defaults.entries());
        entries.replaceAll(e -> e == dependsOn ? new MapNode.Entry(e.key(), e.keyMark(), new MapNode(others, map.mark())) : e);
        return new MapNode(entries, defaults.mark());
    }

    private static MapNode.Entry combine(MapNode.Entry fallback, MapNode.Entry own) {
        if (isNull(own.value())) {
            return fallback;
        }
        Node base = normalize(fallback.key(), fallback.value());
        Node top = normalize(own.key(), own.value());
        if (base instanceof MapNode baseMap && top instanceof MapNode topMap) {
            return new MapNode.Entry(own.key(), own.keyMark(), mergeMaps(baseMap, topMap));
        }
        return own;
    }

    private static MapNode mergeMaps(MapNode base, MapNode top) {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        for (MapNode.Entry entry : base.entries()) {
            entries.put(entry.key(), entry);
        }
        for (MapNode.Entry entry : top.entries()) {
            if (isNull(entry.value()) && entries.containsKey(entry.key())) {
                continue;
            }
            entries.remove(entry.key());
            entries.put(entry.key(), entry);
        }
        return new MapNode(new ArrayList<>(entries.values()), top.mark());
    }

    /** {@code depends_on: [db, cache]} means {@code {db: started, cache: started}}, so both forms merge. */
    static Node normalize(String key, Node value) {
        if (!key.equals(ServiceKeys.DEPENDS_ON) || !(value instanceof ListNode list)) {
            return value;
        }
        List<MapNode.Entry> entries = new ArrayList<>();
        for (Node item : list.items()) {
            if (!(item instanceof ScalarNode scalar) || scalar.isNull()) {
                return value;
            }
            entries.add(new MapNode.Entry(scalar.text(), scalar.mark(), new ScalarNode("started", "started", scalar.mark())));
        }
        return new MapNode(entries, list.mark());
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.isNull();
    }
}
