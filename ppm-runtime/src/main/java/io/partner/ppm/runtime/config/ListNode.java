package io.partner.ppm.runtime.config;

import java.util.List;

/** A YAML sequence. */
record ListNode(List<Node> items, Mark mark) implements Node {

    ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
