package io.partner.ppm.runtime.config;

/**
 * A scalar: a string, number, boolean or null.
 *
 * @param value the value as YAML typed it: String, Integer, Long, BigInteger, Double, Boolean or null
 * @param text the scalar as written (numbers keep their spelling, {@code 0755} stays {@code 0755})
 */
record ScalarNode(Object value, String text, Mark mark) implements Node {

    boolean isNull() {
        return value == null;
    }

    boolean isString() {
        return value instanceof String;
    }

    @Override
    public String kind() {
        return switch (value) {
            case null -> "nothing (null)";
            case String _ -> "a string";
            case Boolean _ -> "a boolean";
            default -> "a number";
        };
    }

    ScalarNode withValue(String expanded) {
        return new ScalarNode(expanded, expanded, mark);
    }
}
